import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const urn = (...args: string[]) => {
  const p = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: p.status, out: p.stdout, err: p.stderr };
};
const lastJson = (s: string) => JSON.parse(s.trim().split('\n').pop()!);

test('a grown network goes through analyze, timeline, export (with its certificate) and report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-grow-'));
  const run = join(dir, 'run');
  const t = urn('train', '--structure', 'grow-reserve', '--dataset', 'spirals', '--n-train', '200', '--steps', '60', '--p-add', '1', '--batch', '32', '--eval-every', '20', '--lr', '0.01', '--out', run, '--json');
  assert.equal(t.code, 0, t.err);
  const s = lastJson(t.out);
  assert.equal(s.structure, 'grow-reserve');
  assert.ok(s.hidden > 1, `hidden ${s.hidden}`);
  assert.equal(s.neurons, 2 + s.hidden + 5);

  const a = urn('analyze', run, '--json');
  assert.equal(a.code, 0, a.err);
  const tl = urn('timeline', run, '--json');
  assert.equal(tl.code, 0, tl.err);
  assert.deepEqual(lastJson(tl.out).map((e: { epoch: number }) => e.epoch), [20, 40, 60]);

  const e = urn('export', run, '--out', join(dir, 'model.urn'), '--tolerance', '1', '--min-agreement', '0', '--json');
  assert.equal(e.code, 0, e.err);
  const cert = lastJson(e.out).certificate;
  assert.ok(cert.samples > 0 && cert.argmaxAgreement >= 0);

  const r = urn('report', run, '--json');
  assert.equal(r.code, 0, r.err);
  assert.ok(existsSync(lastJson(r.out).html));
  assert.ok(lastJson(r.out).figures.some((f: string) => f.endsWith('size.svg')));
});

test('grow-gated on Bessel from the CLI; a bracket run is analysed but not exported; --resume is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-gate-'));
  const g = urn('train', '--structure', 'grow-gated', '--dataset', 'bessel', '--n-train', '200', '--hidden', '4', '--steps', '20', '--size-init', '2', '--json');
  assert.equal(g.code, 0, g.err);
  const s = lastJson(g.out);
  assert.equal(s.testAccuracy, null);
  assert.ok(s.testLoss > 0 && s.size > 0);
  // A sequence run: analyze reads the network without data; export refuses (its certificate needs classes).
  const seq = join(dir, 'seq');
  const b = urn('train', '--structure', 'grow-reserve', '--dataset', 'brackets-hard', '--T', '12', '--n-train', '40', '--n-test', '8', '--steps', '10', '--out', seq, '--json');
  assert.equal(b.code, 0, b.err);
  assert.equal(urn('analyze', seq, '--json').code, 0);
  const ex = urn('export', seq, '--out', join(dir, 'seq.urn'));
  assert.equal(ex.code, 2);
  assert.match(ex.err, /ConfigError/);
  const bad = urn('train', '--structure', 'grow-gated', '--dataset', 'bessel', '--out', dir, '--resume');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /ConfigError/);
});
