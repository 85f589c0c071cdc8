import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainStructure } from '../../../src/train/structure/trainer.js';
import { runDirRecorder } from '../../../src/train/structure/record.js';
import { evaluateTask } from '../../../src/train/structure/batch.js';
import { makeBrackets } from '../../../src/data/brackets.js';
import { makeBessel } from '../../../src/data/bessel.js';
import { makeSpirals } from '../../../src/data/spirals.js';
import { readCheckpoint } from '../../../src/run/checkpoint.js';
import { readMetrics } from '../../../src/run/metrics.js';
import { readTimeline } from '../../../src/run/timeline-file.js';
import { ConfigError, RunDirError } from '../../../src/errors.js';
import { tf } from '../../../src/train/tf.js';
import { setupBackend, noLeak } from '../../helpers/backend.js';

before(setupBackend);

const easy = makeBrackets({ kind: 'easy', nTrain: 40, nTest: 8, T: 8, seed: 1 });
const reserve = { method: 'grow-reserve' as const, steps: 30, batchSize: 4, evalEvery: 10, reserve: { pAdd: 1, pDel: 1 } };

test('grow-reserve starts from one hidden neuron, grows, and leaks no tensors', async () => {
  const r = await noLeak(() => trainStructure({ data: easy, options: reserve }));
  assert.equal(r.sizes.length, 30);
  assert.ok(r.sizes[0] <= 2 && Math.max(...r.sizes) > 2, `sizes ${r.sizes}`);
  const { S, dIn, dOut } = r.network.config;
  assert.equal(S - dIn - dOut, r.sizes[29]);
  assert.equal(r.network.W.length, S * S);
  assert.equal(r.network.adam.m[0].length, S * S);
  assert.equal(r.history.length, 3);
  assert.equal(r.final?.hidden, r.sizes[29]);
});

test('a structured run is deterministic bit for bit', async () => {
  const a = await trainStructure({ data: easy, options: { ...reserve, steps: 15 } });
  const b = await trainStructure({ data: easy, options: { ...reserve, steps: 15 } });
  assert.deepEqual(a.sizes, b.sizes);
  assert.deepEqual(a.network.W, b.network.W);
});

test('phases switch the task at their step', async () => {
  const hard = makeBrackets({ kind: 'hard', nTrain: 40, nTest: 8, T: 8, seed: 2 });
  const r = await trainStructure({ data: easy, phases: [{ from: 11, data: hard }, { from: 21, data: easy }], options: reserve });
  assert.deepEqual(r.history.map((m) => m.task), ['brackets-easy', 'brackets-hard', 'brackets-easy']);
});

test('grow-gated: the size moves under the size loss, and the folded network scores as the gated one', async () => {
  const data = makeBessel({ n: 100, seed: 1 });
  const r = await noLeak(() => trainStructure({ data, options: { method: 'grow-gated', hidden: 6, steps: 40, batchSize: 16, lr: 0.05, evalEvery: 40, sizeInit: 1.5 } }));
  assert.ok(r.final!.size > 1.5, `size ${r.final!.size}`);
  assert.equal(r.final!.hidden, Math.min(6, Math.ceil(r.final!.size)));
  const { config, W, b } = r.network;
  const [Wt, bt] = [tf.tensor2d(W, [config.S, config.S]), tf.tensor1d(b)];
  const plain = await evaluateTask(data, 'test', config, { W: Wt, b: bt });
  tf.dispose([Wt, bt]);
  assert.ok(Math.abs(plain.loss - r.final!.testLoss) < 1e-5 * (1 + r.final!.testLoss));
  assert.equal(plain.accuracy, null);
});

test('the run directory holds metrics, a timeline and a checkpoint of the final network', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-structure-'));
  const data = makeSpirals({ n: 100, seed: 1 });
  const r = await trainStructure({ data, options: { ...reserve, steps: 20 }, recorder: runDirRecorder(dir, { dataset: 'spirals', seed: 1, normalize: 'none', nTrain: 80 }) });
  const ckpt = readCheckpoint(dir);
  assert.equal(ckpt.config.S, r.network.config.S);
  assert.deepEqual(ckpt.W, r.network.W);
  assert.deepEqual(readMetrics(dir).map((m) => m.neurons), r.history.map((m) => m.neurons));
  assert.equal(readTimeline(dir).length, 2);
});

test('the run directory is locked while the run writes it, refused once it holds a run, and freed after an error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-structure-lock-'));
  const spec = { dataset: 'spirals', seed: 1, normalize: 'none', nTrain: 80 };
  const data = makeSpirals({ n: 100, seed: 1 });
  // An error before the first step (a bad method) still releases the directory.
  await assert.rejects(() => trainStructure({ data, options: { ...reserve, method: 'grow-up' as 'fixed' }, recorder: runDirRecorder(dir, spec) }), ConfigError);
  assert.ok(!existsSync(join(dir, '.lock')));
  await trainStructure({ data, options: { ...reserve, steps: 10 }, recorder: runDirRecorder(dir, spec) });
  assert.ok(!existsSync(join(dir, '.lock')));
  assert.throws(() => runDirRecorder(dir, spec), RunDirError);
  await trainStructure({ data, options: { ...reserve, steps: 5 }, recorder: runDirRecorder(dir, spec, true, { force: true }) });
  assert.equal(readCheckpoint(dir).epoch, 5);
  assert.deepEqual(readMetrics(dir).map((m) => m.epoch), [5]);
});

test('a linear read-out is refused: the structure methods keep φ on their outputs', async () => {
  await assert.rejects(() => trainStructure({ data: easy, config: { readout: 'linear' }, options: reserve }), (e: unknown) => e instanceof ConfigError && /linear read-out is for dense training/.test(e.message));
});

test('grow-reserve needs tanh', async () => {
  await assert.rejects(() => trainStructure({ data: easy, config: { activation: 'relu' }, options: reserve }), ConfigError);
  await assert.rejects(() => trainStructure({ data: easy, options: { ...reserve, method: 'grow-up' as 'fixed' } }), ConfigError);
});
