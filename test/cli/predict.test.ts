import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeModel } from '../../src/format/file.js';
import type { SparseModel } from '../../src/core/sparse-model.js';
import { sampleModels } from '../format/models.js';
import { lastJson, oneLineError, urn } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'urn-predict-'));
const model = join(dir, 'model.urn');
const m = sampleModels()[0] as Extract<SparseModel, { form: 'replay' }>;
m.W.values.fill(2); // large enough that inputs of 3e38 overflow
writeModel(model, m);
const d = m.config.dIn;
const row = (v: string) => Array(d).fill(v).join(',');

test('issue 12.4: urn predict reads --input - from stdin and skips a header only with --header', () => {
  const p = urn(['predict', model, '--input', '-', '--json'], `${row('0.1')}\n${row('0.6')}\n`);
  assert.equal(p.code, 0, p.err);
  assert.equal(lastJson(p.out).classes.length, 2);
  const h = urn(['predict', model, '--input', '-', '--header', '--json'], `${Array.from({ length: d }, (_, k) => `f${k}`).join(',')}\n${row('0.1')}\n`);
  assert.equal(h.code, 0, h.err);
  assert.equal(lastJson(h.out).classes.length, 1);
});

test('issue 12.4: bad rows, empty input and overflowing outputs exit non-zero with one typed line', () => {
  const cases: [string, string][] = [
    [`NaN${',1'.repeat(d - 1)}\n${row('1')}\n`, 'DataFormatError'],
    [`f0${',f'.repeat(d - 1)}\n${row('1')}\n`, 'DataFormatError'],
    [`${row('1')}\n,${row('1').slice(2)}\n`, 'DataFormatError'],
    [`0x10${',1'.repeat(d - 1)}\n`, 'DataFormatError'],
    ['', 'DataFormatError'],
    [`${row('3e38')}\n`, 'NonFiniteOutputError'],
  ];
  for (const [input, name] of cases) {
    const p = urn(['predict', model, '--input', '-'], input);
    assert.notEqual(p.code, 0, `${JSON.stringify(input)} exited 0`);
    assert.ok(oneLineError(p.err, name), `${JSON.stringify(input)}: ${p.err}`);
    assert.equal(p.out, '', 'nothing printed on stdout');
  }
  const csv = join(dir, 'in.csv');
  writeFileSync(csv, `${row('1')}\n${row('')}\n`);
  assert.ok(oneLineError(urn(['predict', model, '--input', csv]).err, 'DataFormatError'));
});
