import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { STRUCTURE_DEFAULTS } from '../../src/train/structure/options.js';
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

test('urn train refuses flags its mode would ignore, and a structure run keeps its own defaults', () => {
  const dense = urn('train', '--S', '30', '--epochs', '1', '--steps', '5', '--hidden', '3');
  assert.equal(dense.code, 2, dense.err);
  assert.match(dense.err, /^urn: ConfigError: urn train: --steps, --hidden apply only with --structure <method>; add --structure or drop them\.$/m);
  const grown = urn('train', '--structure', 'fixed', '--dataset', 'spirals', '--epochs', '5', '--cW', '1e-4');
  assert.equal(grown.code, 2, grown.err);
  assert.match(grown.err, /urn train: --cW, --epochs do not apply to --structure runs/);

  const dir = mkdtempSync(join(tmpdir(), 'urn-modes-'));
  const run = join(dir, 'run');
  const t = urn('train', '--structure', 'fixed', '--dataset', 'spirals', '--n-train', '64', '--hidden', '3', '--steps', '4', '--epsilon', '1e-8', '--out', run, '--json');
  assert.equal(t.code, 0, t.err);
  const recorded = JSON.parse(readFileSync(join(run, 'run.json'), 'utf8')).structure;
  assert.equal(recorded.batchSize, STRUCTURE_DEFAULTS.batchSize, "trainStructure's default batch, not dense training's");
  assert.equal(recorded.lr, STRUCTURE_DEFAULTS.lr);
  assert.equal(recorded.epsilon, 1e-8);
  // A run directory that holds a run is refused, as dense training refuses it, unless --force.
  const again = urn('train', '--structure', 'fixed', '--dataset', 'spirals', '--n-train', '64', '--hidden', '3', '--steps', '2', '--out', run, '--json');
  assert.equal(again.code, 8, again.err);
  assert.match(again.err, /RunDirError: .*already holds a run/);
  assert.equal(JSON.parse(readFileSync(join(run, 'run.json'), 'utf8')).structure.steps, 4, 'the first run is untouched');
  const forced = urn('train', '--structure', 'fixed', '--dataset', 'spirals', '--n-train', '64', '--hidden', '3', '--steps', '2', '--out', run, '--force', '--json');
  assert.equal(forced.code, 0, forced.err);
  assert.equal(JSON.parse(readFileSync(join(run, 'run.json'), 'utf8')).structure.steps, 2);
  assert.equal(readFileSync(join(run, 'metrics.jsonl'), 'utf8').trim().split('\n').length, 2, "only the new run's evaluations");
  assert.ok(!existsSync(join(run, '.lock')), 'the lock is released');
});
