import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { train } from '../../src/train/train.js';
import { disposeModel } from '../../src/train/model.js';
import { TRAIN_DEFAULTS } from '../../src/train/options.js';
import { TRUNCATED_STD } from '../../src/train/init.js';
import { readRun } from '../../src/run/read-run.js';
import { RUN_FILES } from '../../src/run/files.js';
import { loadDataSpec } from '../../src/data/spec.js';
import { setupBackend } from '../helpers/backend.js';
import { lastJson, oneLineError, urn } from './helpers.js';

before(setupBackend);

const small = ['--S', '16', '--I', '2', '--n-train', '200', '--n-test', '50'];

test('issue 12.1 (CLI): --resume continues with the recorded options; a conflicting --S or --rule is a ConfigError', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'urn-cli-resume-')), 'run');
  const a = urn(['train', ...small, '--epochs', '1', '--lr', '0.01', '--l1', 'proximal', '--batch', '16', '--seed', '7', '--cW', '1e-4', '--epsilon', '1e-8', '--out', dir, '--json']);
  assert.equal(a.code, 0, a.err);
  const b = urn(['train', '--resume', '--out', dir, '--epochs', '2', '--json']);
  assert.equal(b.code, 0, b.err);
  const opts = readRun(dir).checkpoint!.train.options as Record<string, unknown>;
  assert.deepEqual([opts.lr, opts.l1, opts.batchSize, opts.seed, opts.cW, opts.epsilon, opts.epochs], [0.01, 'proximal', 16, 7, 1e-4, 1e-8, 2]);
  for (const flags of [['--S', '99'], ['--rule', 'residual-input'], ['--dataset', 'fashion-mnist']]) {
    const c = urn(['train', '--resume', '--out', dir, '--epochs', '3', ...flags]);
    assert.equal(c.code, 2, `${flags}: ${c.err}`);
    assert.ok(oneLineError(c.err, 'ConfigError'), c.err);
  }
});

test('issue 12.2 (CLI): a run directory held by a live writer is refused, even with --force; a finished run is not wiped', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'urn-cli-two-')), 'run');
  // The first writer: a process that holds the run directory's lock, as a training does.
  const code = `import { lockRun } from './src/run/lock.ts'; import { mkdirSync } from 'node:fs'; mkdirSync(${JSON.stringify(dir)}, { recursive: true }); lockRun(${JSON.stringify(dir)}); setTimeout(() => {}, 60000);`;
  const first = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code]);
  try {
    for (let k = 0; k < 600 && !existsSync(join(dir, RUN_FILES.lock)); k++) await new Promise((r) => setTimeout(r, 50));
    const second = urn(['train', ...small, '--epochs', '1', '--out', dir, '--force']);
    assert.equal(second.code, 8, second.err);
    assert.ok(oneLineError(second.err, 'RunDirError'), second.err);
  } finally {
    first.kill('SIGKILL');
  }
  const ok = urn(['train', ...small, '--epochs', '2', '--out', dir]);
  assert.equal(ok.code, 0, `the stale lock of a killed writer is taken over: ${ok.err}`);
  const again = urn(['train', ...small, '--epochs', '1', '--out', dir]);
  assert.equal(again.code, 8, 'a finished run is not wiped without --force');
  assert.equal(readRun(dir).metrics.length, 2, 'the first run is intact');
});

test('issue 11.4: the same call through the API and the CLI trains the same model (shared defaults)', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'urn-cli-same-')), 'run');
  const c = urn(['train', '--S', '16', '--I', '2', '--epochs', '2', '--n-train', '200', '--n-test', '50', '--out', dir, '--json']);
  assert.equal(c.code, 0, c.err);
  const data = loadDataSpec({ dataset: 'spheres', seed: TRAIN_DEFAULTS.seed, nTrain: 200, nTest: 50, d: 10, normalize: 'none' });
  const r = await train({ data, config: { S: 16, I: 2 }, options: { epochs: 2 } });
  const W = r.model.W.dataSync() as Float32Array;
  disposeModel(r.model);
  assert.deepEqual(readRun(dir).checkpoint!.W, W);
  assert.equal(lastJson(c.out).testAccuracy, r.final?.testAccuracy);
});

test('issue 12.10: urn train without --out says that the network is not saved', () => {
  const t = urn(['train', '--S', '16', '--I', '2', '--epochs', '1', '--n-train', '100', '--n-test', '20']);
  assert.equal(t.code, 0, t.err);
  assert.match(t.err, /not saved/);
  assert.match(t.out, /accuracy {2}train \d+\.\d%/);
});

test('urn train warns on stderr, with --json too, when every output is dead, and reports the dead outputs', () => {
  const t = urn(['train', ...small, '--epochs', '2', '--output-bias', '-100', '--json']);
  assert.equal(t.code, 0, t.err);
  const warnings = t.err.split('\n').filter((l) => l.startsWith('warning: '));
  assert.deepEqual(warnings.length, 1, `printed once while the dead set stays the same:\n${t.err}`);
  assert.match(warnings[0], /^warning: epoch 1: every output reads 0 on every training sample: .*not learning.*--output-bias/);
  assert.deepEqual(lastJson(t.out).deadOutputs, [0, 1]);
});

test('urn train --bias-init uniform starts the recorded model from uniform biases; a wrong value is a one-line ConfigError', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'urn-cli-bias-')), 'run');
  const t = urn(['train', ...small, '--epochs', '0', '--bias-init', 'uniform', '--out', dir, '--json']);
  assert.equal(t.code, 0, t.err);
  const ckpt = readRun(dir).checkpoint!;
  assert.equal((ckpt.train.options as Record<string, unknown>).biasInit, 'uniform');
  const b = Array.from(ckpt.b);
  assert.ok(b.every((v) => Math.abs(v) < 1 / 4) && b.some((v) => v > 0) && b.some((v) => v < 0), `biases in (−1/√16, 1/√16), both signs: ${b}`);
  const bad = urn(['train', ...small, '--epochs', '1', '--bias-init', 'normal']);
  assert.equal(bad.code, 2, bad.err);
  assert.ok(oneLineError(bad.err, 'ConfigError'), bad.err);
  assert.match(bad.err, /biasInit must be one of zero, uniform, got normal/);
});

test('urn train --weight-init truncated records it and starts from W inside ±2σ; a wrong value is a one-line ConfigError', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'urn-cli-winit-')), 'run');
  const t = urn(['train', ...small, '--epochs', '0', '--weight-init', 'truncated', '--out', dir, '--json']);
  assert.equal(t.code, 0, t.err);
  const ckpt = readRun(dir).checkpoint!;
  assert.equal((ckpt.train.options as Record<string, unknown>).weightInit, 'truncated');
  const S = ckpt.b.length;
  const cut = (2 * Math.sqrt(2 / S)) / TRUNCATED_STD;
  assert.ok(Array.from(ckpt.W).every((w) => Math.abs(w) <= cut * (1 + 1e-6)), `every weight within ±${cut}`);
  const bad = urn(['train', ...small, '--epochs', '1', '--weight-init', 'uniform']);
  assert.equal(bad.code, 2, bad.err);
  assert.ok(oneLineError(bad.err, 'ConfigError'), bad.err);
  assert.match(bad.err, /weightInit must be one of normal, truncated, got uniform/);
});

test('urn train --no-compact --skip-silent records skipSilent and each epoch\'s support; tanh is a one-line ConfigError', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'urn-cli-skip-')), 'run');
  const t = urn(['train', ...small, '--epochs', '2', '--no-compact', '--skip-silent', '--out', dir, '--json']);
  assert.equal(t.code, 0, t.err);
  const run = readRun(dir);
  assert.equal((run.checkpoint!.train.options as Record<string, unknown>).skipSilent, true);
  assert.ok(run.metrics.every((m) => m.support), 'every epoch reports its support');
  assert.ok(run.metrics[0].support!.steps >= 1, 'the first step measures the support');
  const bad = urn(['train', ...small, '--epochs', '1', '--no-compact', '--skip-silent', '--activation', 'tanh']);
  assert.equal(bad.code, 2, bad.err);
  assert.ok(oneLineError(bad.err, 'ConfigError'), bad.err);
  assert.match(bad.err, /skipSilent needs relu neurons/);
});
