import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModel } from '../../src/format/file.js';

const urn = (...args: string[]) => {
  const p = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: p.status, out: p.stdout, err: p.stderr };
};

test('urn lifelong SPEC --out: timeline per task, a certified model per task, the coloured figure', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-lifelong-'));
  const r = urn('lifelong', 'fixtures/lifelong/spheres-series.json', '--out', dir, '--json');
  assert.equal(r.code, 0, r.err);
  const summary = JSON.parse(r.out.trim().split('\n').pop()!);
  assert.equal(summary.tasks.length, 2);
  assert.equal(summary.tasks[0].accuracyAfterLast, summary.tasks[0].accuracyAfterLearning);
  const file = JSON.parse(readFileSync(join(dir, 'lifelong.json'), 'utf8'));
  assert.equal(file.timeline.length, 2);
  assert.deepEqual(file.tasks, ['spheres-6d', 'spheres-8d']);
  assert.equal(file.config.dIn, 8, 'the 6-d task is padded to 8 inputs');
  for (const t of [0, 1]) {
    const m = readModel(join(dir, `task-${t}.urn`));
    assert.equal(m.config.dOut, 2);
    assert.equal(m.certificate!.argmaxAgreement, 1);
  }
  const svg = readFileSync(join(dir, 'figures', 'lifelong-network.svg'), 'utf8');
  assert.match(svg, /recruited by task/);
  assert.ok(existsSync(join(dir, 'figures', 'lifelong-network.png')));
});

test('urn lifelong: a malformed SPEC and a bad --mode are ConfigErrors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-lifelong-'));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"tasks": 3}');
  const r = urn('lifelong', bad);
  assert.equal(r.code, 2);
  assert.match(r.err, /ConfigError/);
  const m = urn('lifelong', 'fixtures/lifelong/spheres-series.json', '--mode', 'nope');
  assert.equal(m.code, 2);
  assert.match(m.err, /ConfigError/);
});
