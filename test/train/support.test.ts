import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/train/tf.js';
import { resolveConfig, UPDATE_RULES, type UrnConfig } from '../../src/core/config.js';
import { blockForward } from '../../src/train/block-forward.js';
import { batchSupport, createSupportTracker, onSupport, PROBE_EVERY, scatterSquare, SUPPORT_SHARE } from '../../src/train/support.js';
import { createModel, disposeModel } from '../../src/train/model.js';
import { createAdamL1, ADAM_DEFAULTS } from '../../src/train/adam.js';
import { trainStep } from '../../src/train/step.js';
import { trainStepOnSupport } from '../../src/train/step-support.js';
import { resolveTrainOptions } from '../../src/train/options.js';
import { train } from '../../src/train/train.js';
import { makeSpheres } from '../../src/data/spheres.js';
import { createRng } from '../../src/util/rng.js';
import { ConfigError } from '../../src/errors.js';
import { setupBackend, noLeak } from '../helpers/backend.js';
import { assertClose, F32_REDUCED } from '../helpers/tolerance.js';

before(setupBackend);

const S = 80;
const B = 8;

/** A relu network where seven in eight neurons are switched off by a negative bias, and some only fire on a few samples. */
function problem(cfg: UrnConfig, seed: number) {
  const rng = createRng(seed);
  const W = Float32Array.from({ length: S * S }, () => (rng.normal() * 2) / Math.sqrt(S));
  const b = Float32Array.from({ length: S }, (_, i) => (i % 8 !== 1 ? -6 : 0.1 * rng.normal()));
  const x = Float32Array.from({ length: B * cfg.dIn }, () => rng.normal());
  const y = new Float32Array(B * cfg.dOut);
  for (let s = 0; s < B; s++) y[s * cfg.dOut + (s % cfg.dOut)] = 1;
  return { W, b, x, y };
}

const configs = [
  ...UPDATE_RULES.map((rule) => resolveConfig({ S, I: 3, dIn: 4, dOut: 3, rule, activation: 'relu', seed: 1 })),
  ...UPDATE_RULES.map((rule) => resolveConfig({ S, I: 3, dIn: 4, dOut: 3, rule, activation: 'relu', readout: 'linear', seed: 1 })),
];

/** The neurons non-zero on some sample at some iteration of the full forward. */
function trueSupport(cfg: UrnConfig, W: tf.Tensor2D, b: tf.Tensor1D, x: tf.Tensor2D): number[] {
  return tf.tidy(() => {
    const { states } = blockForward(cfg, x, W, b);
    const m = tf.max(tf.abs(tf.concat(states.slice(1), 0)), 0).dataSync();
    return Array.from(m.keys()).filter((i) => m[i] !== 0);
  });
}

test('batchSupport finds every neuron that fires, from any guess, and its sub-network has the full states', async () => {
  await noLeak(async () => {
    for (const cfg of configs) {
      const p = problem(cfg, 7);
      const W = tf.tensor2d(p.W, [S, S]);
      const b = tf.tensor1d(p.b);
      const x = tf.tensor2d(p.x, [B, cfg.dIn]);
      const want = trueSupport(cfg, W, b, x);
      const what = `${cfg.rule}/${cfg.readout ?? 'phi'}`;
      assert.ok(want.length < S - 5, `${what}: the problem silences neurons (${want.length} of ${S} fire)`);
      for (const guess of [null, new Int32Array(0), Int32Array.from([5, 9])]) {
        const sup = await batchSupport(cfg, x, W, b, guess);
        assert.deepEqual(Array.from(sup.live), want, `${what}: live from guess ${guess && Array.from(guess)}`);
        for (const i of want) assert.ok(sup.ids.includes(i), `${what}: ${i} in the support`);
        if (guess && guess.length === 0) assert.ok(sup.rounds > 1, `${what}: an empty guess needs more than one round`);
        tf.tidy(() => {
          const full = blockForward(cfg, x, W, b).states;
          const sub = blockForward(sup.config, x, sup.W, sup.b).states;
          const ids = tf.tensor1d(sup.ids, 'int32');
          full.forEach((n, l) => assertClose(sub[l].dataSync(), tf.gather(n, ids, 1).dataSync(), F32_REDUCED, `${what}: state ${l}`));
        });
        if (sup.ids.length < S) tf.dispose([sup.W, sup.b]);
      }
      tf.dispose([W, b, x]);
    }
  });
});

test('scatterSquare puts the block at its rows and columns and zeros elsewhere', () => {
  tf.tidy(() => {
    const block = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3]);
    const got = scatterSquare(block, Int32Array.from([0, 2, 3]), 4).arraySync();
    assert.deepEqual(got, [
      [1, 0, 2, 3],
      [0, 0, 0, 0],
      [4, 0, 5, 6],
      [7, 0, 8, 9],
    ]);
  });
});

test('steps on the batch support give the dense steps: W, b and every loss term, for every rule and read-out', async () => {
  for (const [n, cfg] of configs.entries()) {
    const p = problem(cfg, 11 + n);
    const what = `${cfg.rule}/${cfg.readout ?? 'phi'}`;
    // Both activity readings and both output choices, alternating over the configs.
    const reg = resolveTrainOptions({ cW: 1e-3, cN: 3e-2, activityOf: n % 2 ? 'activation' : 'state', activityOutputs: n % 3 ? 'exclude' : 'include' });
    const models = [createModel(cfg, p), createModel(cfg, p)];
    const adams = models.map((m) => createAdamL1([m.W, m.b], { ...ADAM_DEFAULTS, lr: 1e-2 }));
    const tracker = createSupportTracker(1); // every step on the support
    const rng = createRng(n);
    for (let step = 0; step < 3; step++) {
      const xs = Float32Array.from({ length: B * cfg.dIn }, () => rng.normal());
      const x = tf.tensor2d(xs, [B, cfg.dIn]);
      const y = tf.tensor2d(p.y, [B, cfg.dOut]);
      const terms = [trainStep(models[0], adams[0], x, y, reg), await trainStepOnSupport(models[1], adams[1], x, y, reg, undefined, tracker)];
      tf.dispose([x, y]);
      assertClose(terms[1].dataSync(), terms[0].dataSync(), F32_REDUCED, `${what}: terms at step ${step}`);
      assertClose(models[1].W.dataSync(), models[0].W.dataSync(), F32_REDUCED, `${what}: W after step ${step}`);
      assertClose(models[1].b.dataSync(), models[0].b.dataSync(), F32_REDUCED, `${what}: b after step ${step}`);
      tf.dispose(terms);
    }
    assert.deepEqual([tracker.steps, tracker.denseSteps], [3, 0], `${what}: every step on the support (${tracker.guess?.length} of ${S} live at the end)`);
    assert.ok(tracker.neurons < 3 * S, `${what}: the support was smaller than S (${tracker.neurons / 3} on average)`);
    models.forEach(disposeModel);
    adams.forEach((a) => a.dispose());
  }
});

test('onSupport takes the first step on the support, then only small supports, probing a large one every PROBE_EVERY steps', () => {
  const t = createSupportTracker();
  assert.equal(onSupport(t, 100), true, 'the first step measures the support');
  t.guess = new Int32Array(Math.floor(SUPPORT_SHARE * 100));
  assert.equal(onSupport(t, 100), true);
  t.guess = new Int32Array(Math.floor(SUPPORT_SHARE * 100) + 1);
  const taken = Array.from({ length: 2 * PROBE_EVERY }, () => onSupport(t, 100));
  assert.deepEqual(taken.map((on, k) => (on ? k : -1)).filter((k) => k >= 0), [PROBE_EVERY - 1, 2 * PROBE_EVERY - 1]);
  assert.equal(t.denseSteps, 2 * PROBE_EVERY - 2);
});

test('a dense run with skipSilent trains the same network as one without, and tanh or autodiff are refused', async () => {
  const data = makeSpheres({ d: 10, nTrain: 200, nTest: 100, seed: 3 });
  const base = { data, config: { S: 80, I: 3, seed: 5 }, options: { epochs: 4, batchSize: 25, lr: 3e-2, cW: 1e-4, cN: 3e-2, seed: 9, compact: false } };
  const plain = await train(base);
  const skip = await train({ ...base, options: { ...base.options, skipSilent: true } });
  assert.equal(plain.history[0].support, undefined);
  const steps = skip.history.map((m) => m.support!.steps);
  assert.equal(steps.at(-1), 8, `every step of the last epoch on the support (support steps by epoch: ${steps})`);
  assert.ok(skip.history.at(-1)!.support!.meanNeurons < 0.25 * 80);
  assertClose(skip.model.W.dataSync(), plain.model.W.dataSync(), F32_REDUCED, 'W');
  assert.equal(skip.final!.testAccuracy, plain.final!.testAccuracy);
  disposeModel(plain.model);
  disposeModel(skip.model);
  await assert.rejects(train({ ...base, config: { ...base.config, activation: 'tanh' }, options: { ...base.options, skipSilent: true } }), ConfigError);
  assert.throws(() => resolveTrainOptions({ skipSilent: true, grad: 'autodiff' }), ConfigError);
  assert.throws(() => resolveTrainOptions({ skipSilent: 'yes' as unknown as boolean }), ConfigError);
});
