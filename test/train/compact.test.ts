import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, UPDATE_RULES, ACTIVATIONS } from '../../src/core/config.js';
import { createModel, disposeModel, predictLogits } from '../../src/train/model.js';
import { evaluate } from '../../src/train/activity.js';
import { compactState, compactEvaluation, gatherSquare, gatherVector, identityIds, liveNeurons } from '../../src/train/compact.js';
import { train } from '../../src/train/train.js';
import { readCheckpoint } from '../../src/run/checkpoint.js';
import { readMetrics } from '../../src/run/metrics.js';
import { readRunInfo } from '../../src/run/recorder.js';
import { makeSpheres } from '../../src/data/spheres.js';
import { createRng } from '../../src/util/rng.js';
import { setupBackend, noLeak } from '../helpers/backend.js';
import { assertClose, F32_REDUCED } from '../helpers/tolerance.js';

before(setupBackend);

test('gathers pick rows and columns in order', () => {
  const W = Float32Array.from({ length: 9 }, (_, k) => k);
  assert.deepEqual(Array.from(gatherSquare(W, 3, Int32Array.of(0, 2))), [0, 2, 6, 8]);
  assert.deepEqual(Array.from(gatherVector(Float32Array.of(1, 2, 3, 4, 5, 6), Int32Array.of(0, 2), 2)), [1, 3, 4, 6]);
  assert.ok(gatherVector(Int32Array.of(5, 6, 7), Int32Array.of(1)) instanceof Int32Array);
});

test('inputs and outputs are always kept; a hidden neuron is dead only when 0 at every l ≥ 1', () => {
  const cfg = { S: 6, I: 2, dIn: 2, dOut: 1 };
  const maxAbs = new Float32Array(3 * 6);
  maxAbs[2 * 6 + 3] = 0.5; // neuron 3 active at l = 2 only
  maxAbs[0 * 6 + 4] = 1; // neuron 4 non-zero at l = 0 only: still dead
  assert.deepEqual(Array.from(liveNeurons(cfg, { maxAbs })), [0, 1, 3, 5]);
});

/** A random network in which some hidden neurons are dead on all data and one is a constant. */
function withDeadNeurons(rule: (typeof UPDATE_RULES)[number], activation: (typeof ACTIVATIONS)[number]) {
  const cfg = resolveConfig({ S: 24, I: 3, dIn: 4, dOut: 2, rule, activation, seed: 1 });
  const rng = createRng(7);
  const W = Float32Array.from({ length: cfg.S * cfg.S }, () => rng.normal() * 0.4);
  const b = Float32Array.from({ length: cfg.S }, () => rng.normal() * 0.1);
  const dead = [5, 9, 10, 17];
  for (const i of dead) {
    if (activation === 'relu') b[i] = -1e3; // never above 0
    else for (let j = 0; j < cfg.S; j++) W[i * cfg.S + j] = 0; // tanh(0 + 0) = 0
    if (activation === 'tanh') b[i] = 0;
  }
  // Neuron 12 is the constant φ(0.7) ≠ 0: not dead, it feeds others through a bias-like term.
  for (let j = 0; j < cfg.S; j++) W[12 * cfg.S + j] = 0;
  b[12] = 0.7;
  return { cfg, W, b, dead };
}

test('compaction keeps the function on the training data, for every rule and activation', async () => {
  const data = makeSpheres({ d: 4, nTrain: 500, nTest: 10, seed: 2 });
  for (const rule of UPDATE_RULES) {
    for (const activation of ACTIVATIONS) {
      const { cfg, W, b, dead } = withDeadNeurons(rule, activation);
      await noLeak(async () => {
        const model = createModel(cfg, { W, b });
        const ev = await evaluate(model, data.train);
        const keep = liveNeurons(cfg, ev.stats);
        assert.deepEqual(
          Array.from(keep),
          Array.from(identityIds(cfg.S)).filter((i) => !dead.includes(i)),
          `${rule}/${activation}: exactly the dead neurons go`,
        );
        const zeros = { t: 3, m: [new Float32Array(W.length), new Float32Array(b.length)], v: [new Float32Array(W.length), new Float32Array(b.length)] };
        const next = compactState({ config: cfg, W, b, adam: zeros, neuronIds: identityIds(cfg.S) }, keep);
        assert.equal(next.config.S, cfg.S - dead.length);
        assert.deepEqual(Array.from(next.neuronIds), Array.from(keep));
        const small = createModel(next.config, next);
        const before = await predictLogits(model, data.train.x, data.train.n);
        const after = await predictLogits(small, data.train.x, data.train.n);
        assertClose(after, before, F32_REDUCED, `${rule}/${activation} logits`);
        const ev2 = compactEvaluation(ev, keep, cfg.I);
        assertClose((await evaluate(small, data.train)).stats.maxAbs, ev2.stats.maxAbs, F32_REDUCED, `${rule}/${activation} stats`);
        disposeModel(model);
        disposeModel(small);
      });
    }
  }
});

const data = makeSpheres({ d: 10, nTrain: 400, nTest: 100, seed: 3 });
const run = {
  data,
  config: { S: 80, I: 3, seed: 2 },
  options: { epochs: 6, batchSize: 50, lr: 1e-2, cW: 1e-4, cN: 2e-2, seed: 4 },
};

test('training compacts dead neurons, records it, and resumes exactly after a compaction', async () => {
  const full = mkdtempSync(join(tmpdir(), 'urn-compact-'));
  const u = await train({ ...run, outDir: full });
  assert.ok(u.compactions.length > 0, 'some neurons died and were dropped');
  const c0 = u.compactions[0];
  assert.equal(c0.from, 80);
  assert.equal(u.model.config.S, u.compactions[u.compactions.length - 1].to);
  assert.equal(u.neuronIds.length, u.model.config.S);
  const metrics = readMetrics(full);
  assert.deepEqual(metrics[c0.epoch - 1].compacted, { from: c0.from, to: c0.to });
  assert.equal(metrics[metrics.length - 1].neurons, u.model.config.S);
  const ck = readCheckpoint(full);
  assert.equal(ck.config.S, u.model.config.S);
  assert.deepEqual(ck.train.neuronIds, Array.from(u.neuronIds));

  // Stop right after the first compaction, resume, and land on the same weights.
  const part = mkdtempSync(join(tmpdir(), 'urn-compact-'));
  const first = await train({ ...run, options: { ...run.options, epochs: c0.epoch }, outDir: part });
  assert.equal(readCheckpoint(part).config.S, c0.to);
  disposeModel(first.model);
  const resumed = await train({ data, outDir: part, resume: true, options: { epochs: 6 } });
  assert.deepEqual(readRunInfo(part)!.config, readRunInfo(full)!.config, 'run.json keeps the network as created (S = 80), not the compacted one it resumed from');
  assert.deepEqual(Array.from(resumed.neuronIds), Array.from(u.neuronIds));
  assert.deepEqual(Buffer.from(resumed.model.W.dataSync().buffer), Buffer.from(u.model.W.dataSync().buffer));
  disposeModel(u.model);
  disposeModel(resumed.model);
});

test('compact: false keeps every neuron', async () => {
  const r = await train({ ...run, options: { ...run.options, epochs: 2, compact: false } });
  assert.equal(r.model.config.S, 80);
  assert.equal(r.compactions.length, 0);
  disposeModel(r.model);
});

test('compacting a grid network records the kept cells, composed over repeated compactions', () => {
  const cfg = resolveConfig({ S: 18, I: 2, dIn: 6, dOut: 1, geometry: { grid: [3, 2, 3], beta: 1, gamma: 1 } });
  const W = new Float32Array(18 * 18);
  const b = new Float32Array(18);
  const adam = { t: 1, m: [W, b], v: [W, b] };
  const once = compactState({ config: cfg, W, b, adam, neuronIds: identityIds(18) }, Int32Array.of(0, 1, 2, 3, 4, 5, 7, 9, 12, 13, 16, 17));
  assert.deepEqual(once.config.geometry?.cells, [0, 1, 2, 3, 4, 5, 7, 9, 12, 13, 16, 17]);
  const twice = compactState(once, Int32Array.of(0, 1, 2, 3, 4, 5, 7, 9, 11));
  assert.deepEqual(twice.config.geometry?.cells, [0, 1, 2, 3, 4, 5, 9, 13, 17]);
  assert.deepEqual(twice.config.geometry?.cells, Array.from(twice.neuronIds));
  assert.doesNotThrow(() => resolveConfig(twice.config));
});

test('a grid run with the synapse-length term compacts too, and resumes exactly after a compaction', async () => {
  const grid = makeSpheres({ d: 9, nTrain: 400, nTest: 100, seed: 3 });
  const gridRun = {
    data: grid,
    config: { S: 3 * 3 * 6, I: 3, seed: 2, geometry: { grid: [3, 3, 6] as [number, number, number], beta: 2, gamma: 1 } },
    options: { epochs: 5, batchSize: 50, lr: 1e-2, cW: 1e-4, cN: 2e-2, cSyn: 1e-4, seed: 4 },
  };
  const full = mkdtempSync(join(tmpdir(), 'urn-compact-grid-'));
  const u = await train({ ...gridRun, outDir: full });
  assert.ok(u.compactions.length > 0, 'some neurons died and were dropped');
  const { geometry } = u.model.config;
  assert.deepEqual(geometry?.cells, Array.from(u.neuronIds), 'each kept neuron keeps its grid cell');
  assert.deepEqual(readCheckpoint(full).config.geometry?.cells, geometry?.cells);
  // Resuming right after the first compaction rebuilds the length matrix from the stored cells;
  // landing on the same weights bit for bit shows it equals the one the uninterrupted run used.
  const c0 = u.compactions[0];
  const part = mkdtempSync(join(tmpdir(), 'urn-compact-grid-'));
  const first = await train({ ...gridRun, options: { ...gridRun.options, epochs: c0.epoch }, outDir: part });
  disposeModel(first.model);
  const resumed = await train({ data: grid, outDir: part, resume: true, options: { epochs: 5 } });
  assert.deepEqual(Buffer.from(resumed.model.W.dataSync().buffer), Buffer.from(u.model.W.dataSync().buffer));
  disposeModel(u.model);
  disposeModel(resumed.model);
});
