import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { train } from '../../src/train/train.js';
import { disposeModel } from '../../src/train/model.js';
import { readCheckpoint } from '../../src/run/checkpoint.js';
import { readMetrics } from '../../src/run/metrics.js';
import { appendTimeline, readTimeline } from '../../src/run/timeline-file.js';
import { makeSpheres } from '../../src/data/spheres.js';
import { ConfigError, NonFiniteLossError } from '../../src/errors.js';
import { setupBackend, noLeak } from '../helpers/backend.js';

before(setupBackend);

const tmp = () => mkdtempSync(join(tmpdir(), 'urn-train-'));
const small = makeSpheres({ d: 10, nTrain: 300, nTest: 100, seed: 3 });
const base = { config: { S: 32, I: 3, seed: 5 }, options: { epochs: 4, batchSize: 32, lr: 3e-3, cW: 1e-4, cN: 1e-4, seed: 9 } };

test('a small spheres run (S=64, d=10) reaches ≥ 95% test accuracy', async () => {
  const data = makeSpheres({ d: 10, nTrain: 2000, nTest: 1000, seed: 1 });
  await noLeak(async () => {
    const r = await train({
      data,
      config: { S: 64, I: 4, seed: 1 },
      options: { epochs: 15, batchSize: 32, lr: 3e-3, cW: 1e-5, cN: 1e-5, seed: 1, evalEvery: 5 },
    });
    assert.ok(r.final!.testAccuracy! >= 0.95, `test accuracy ${r.final!.testAccuracy}`);
    assert.equal(r.history.length, 15);
    disposeModel(r.model);
  });
});

test("l1 'proximal' gives exact zeros in W where 'subgradient' gives none, at the same accuracy", async () => {
  const data = makeSpheres({ d: 10, nTrain: 1000, nTest: 500, seed: 2 });
  const run = (l1: 'subgradient' | 'proximal') =>
    train({
      data,
      config: { S: 48, I: 3, seed: 1 },
      options: { epochs: 8, batchSize: 32, lr: 3e-3, cW: 3e-4, cN: 1e-4, seed: 1, compact: false, l1 },
    });
  await noLeak(async () => {
    const sub = await run('subgradient');
    const prox = await run('proximal');
    const zeros = (w: Float32Array) => w.filter((v) => v === 0).length;
    const zSub = zeros(sub.model.W.dataSync() as Float32Array);
    const zProx = zeros(prox.model.W.dataSync() as Float32Array);
    assert.equal(zSub, 0, 'subgradient: no exact zeros');
    assert.ok(zProx > 0.1 * 48 * 48, `proximal: ${zProx} of ${48 * 48} weights exactly 0`);
    assert.ok(prox.final!.testAccuracy! >= 0.9, `proximal test accuracy ${prox.final!.testAccuracy}`);
    assert.ok(prox.final!.testAccuracy! >= sub.final!.testAccuracy! - 0.05, 'about the same accuracy');
    disposeModel(sub.model);
    disposeModel(prox.model);
  });
});

test('same seed, same weights bit for bit; another seed differs', async () => {
  const a = await train({ data: small, ...base });
  const b = await train({ data: small, ...base });
  const c = await train({ data: small, ...base, config: { ...base.config, seed: 6 } });
  const wa = a.model.W.dataSync();
  assert.deepEqual(Buffer.from(wa.buffer), Buffer.from(b.model.W.dataSync().buffer));
  assert.deepEqual(Buffer.from(a.model.b.dataSync().buffer), Buffer.from(b.model.b.dataSync().buffer));
  assert.notDeepEqual(Buffer.from(wa.buffer), Buffer.from(c.model.W.dataSync().buffer));
  [a, b, c].forEach((r) => disposeModel(r.model));
});

test('resume from a checkpoint equals the uninterrupted run, and metrics.jsonl has one line per epoch', async () => {
  const full = tmp();
  const part = tmp();
  const u = await train({ data: small, ...base, outDir: full });
  const first = await train({ data: small, ...base, options: { ...base.options, epochs: 2 }, outDir: part });
  disposeModel(first.model);
  assert.equal(readCheckpoint(part).epoch, 2);
  const resumed = await train({ data: small, outDir: part, resume: true, options: { epochs: 4 } });
  assert.equal(resumed.epochs, 4);
  assert.deepEqual(Buffer.from(resumed.model.W.dataSync().buffer), Buffer.from(u.model.W.dataSync().buffer));
  const mFull = readMetrics(full);
  const mPart = readMetrics(part);
  assert.deepEqual(mPart.map((m) => m.epoch), [1, 2, 3, 4]);
  for (const k of ['loss', 'crossEntropy', 'weightTerm', 'activityTerm', 'trainAccuracy', 'testAccuracy', 'activeNeurons'] as const) {
    assert.deepEqual(mPart.map((m) => m[k]), mFull.map((m) => m[k]), k);
  }
  disposeModel(u.model);
  disposeModel(resumed.model);
});

test('checkpoints are written every k epochs and at the end', async () => {
  const dir = tmp();
  const seen: number[] = [];
  const r = await train({
    data: small,
    ...base,
    options: { ...base.options, epochs: 5, checkpointEvery: 2 },
    outDir: dir,
    onEpoch: () => {
      seen.push(existsSync(join(dir, 'checkpoint.msgpack')) ? readCheckpoint(dir).epoch : 0);
    },
  });
  assert.deepEqual(seen, [0, 2, 2, 4, 4]);
  assert.equal(readCheckpoint(dir).epoch, 5);
  disposeModel(r.model);
});

test('a non-finite loss stops training with NonFiniteLossError and keeps the last good checkpoint', async () => {
  const dir = tmp();
  const ok = await train({ data: small, ...base, options: { ...base.options, epochs: 2 }, outDir: dir });
  disposeModel(ok.model);
  const before = readFileSync(join(dir, 'checkpoint.msgpack'));
  await assert.rejects(
    train({ data: small, outDir: dir, resume: true, options: { epochs: 4, lr: 1e30 } }),
    NonFiniteLossError,
  );
  assert.deepEqual(readFileSync(join(dir, 'checkpoint.msgpack')), before);
  assert.equal(readCheckpoint(dir).epoch, 2);
});

test('a dataset whose dIn differs from the model is refused with ConfigError', async () => {
  await assert.rejects(train({ data: small, config: { S: 32, I: 2, dIn: 5 } }), ConfigError);
  await assert.rejects(train({ data: small, config: { S: 32, I: 2, dOut: 3 } }), ConfigError);
  await assert.rejects(train({ data: small, ...base, resume: true }), ConfigError);
});

test('the structure timeline gets an entry every timelineEvery epochs and at the end, and resume trims it', async () => {
  const dir = tmp();
  const r = await train({ data: small, ...base, options: { ...base.options, epochs: 5, timelineEvery: 2 }, outDir: dir });
  disposeModel(r.model);
  const entries = readTimeline(dir);
  assert.deepEqual(entries.map((e) => e.epoch), [2, 4, 5]);
  for (const e of entries) {
    assert.ok(e.activeNeurons > 0 && e.activeNeurons <= 32);
    assert.ok(Array.isArray(e.layerWidths) || e.bounded);
  }
  // A run that crashed after writing epoch 5's entry but before its checkpoint resumes from 4.
  const part = tmp();
  const a = await train({ data: small, ...base, options: { ...base.options, epochs: 4, timelineEvery: 2 }, outDir: part });
  disposeModel(a.model);
  appendTimeline(part, { ...readTimeline(part)[1], epoch: 5 });
  const resumed = await train({ data: small, outDir: part, resume: true, options: { epochs: 6 } });
  disposeModel(resumed.model);
  assert.deepEqual(readTimeline(part).map((e) => e.epoch), [2, 4, 6]);
});

test('outputBias reaches the model train() starts from (and initScale its W)', async () => {
  await noLeak(async () => {
    const r = await train({ data: small, config: base.config, options: { ...base.options, epochs: 0, outputBias: 0.25, initScale: 2 } });
    const b = await r.model.b.data();
    const plain = await train({ data: small, config: base.config, options: { ...base.options, epochs: 0 } });
    const [w2, w1] = [await r.model.W.data(), await plain.model.W.data()];
    assert.deepEqual(Array.from(b.subarray(30)), [0.25, 0.25]);
    assert.ok(b.subarray(0, 30).every((v) => v === 0));
    assert.ok(Math.abs(w2[7] - 2 * w1[7]) <= 1e-6 * Math.abs(w1[7]) && w1[7] !== 0);
    disposeModel(r.model);
    disposeModel(plain.model);
  });
});

test('an evaluated epoch records the outputs that read 0 on every training sample (deadOutputs), and only then', async () => {
  await noLeak(async () => {
    // Outputs whose bias starts far below any input's reach are dead relus from the first step.
    const dead = await train({ data: small, config: base.config, options: { ...base.options, epochs: 2, outputBias: -100 } });
    assert.deepEqual(dead.history.map((m) => m.deadOutputs), [[0, 1], [0, 1]]);
    assert.equal(dead.final?.trainAccuracy, 0.5, 'every prediction is a tie');
    const live = await train({ data: small, config: base.config, options: { ...base.options, epochs: 2, evalEvery: 2 } });
    assert.deepEqual(live.history.map((m) => 'deadOutputs' in m), [false, false]);
    assert.ok((live.final?.trainAccuracy ?? 0) > 0.5);
    disposeModel(dead.model);
    disposeModel(live.model);
  });
});
