import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig, UPDATE_RULES } from '../../src/core/config.js';
import { createModel, disposeModel, predictLogits } from '../../src/train/model.js';
import { evaluate, accuracyOn } from '../../src/train/activity.js';
import { createRng } from '../../src/util/rng.js';
import { setupBackend, noLeak } from '../helpers/backend.js';

before(setupBackend);

function randomSplit(n: number, dIn: number, classes: number, seed: number) {
  const rng = createRng(seed);
  return {
    n,
    x: Float32Array.from({ length: n * dIn }, () => rng.normal()),
    y: Int32Array.from({ length: n }, () => rng.int(classes)),
  };
}

test('accuracy agrees with evaluate, and with argmax of the predicted logits, on every rule', async () => {
  for (const rule of UPDATE_RULES) {
    const cfg = resolveConfig({ S: 30, I: 3, dIn: 5, dOut: 3, rule, seed: 1 });
    const rng = createRng(11);
    const model = createModel(cfg, {
      W: Float32Array.from({ length: cfg.S * cfg.S }, () => rng.normal() * 0.5),
      b: Float32Array.from({ length: cfg.S }, () => rng.normal() * 0.1),
    });
    const split = randomSplit(2100, cfg.dIn, cfg.dOut, 3); // three chunks of 1024, the last partial
    const logits = await predictLogits(model, split.x, split.n);
    let byHand = 0;
    for (let k = 0; k < split.n; k++) {
      const row = Array.from(logits.subarray(k * 3, k * 3 + 3));
      if (row.indexOf(Math.max(...row)) === split.y[k]) byHand++;
    }
    const acc = await noLeak(() => accuracyOn(model, split));
    const ev = await noLeak(() => evaluate(model, split));
    assert.equal(acc, byHand / split.n, rule);
    assert.equal(ev.accuracy, acc, rule);
    assert.ok(acc > 0.2 && acc < 0.6, `${rule}: a random network is right on about a third, got ${acc}`);
    disposeModel(model);
  }
});

test('ties go to the first class (predictedClass, as the certificate): an all-zero network predicts class 0', async () => {
  const cfg = resolveConfig({ S: 12, I: 2, dIn: 4, dOut: 3 });
  const model = createModel(cfg, { W: new Float32Array(cfg.S * cfg.S), b: new Float32Array(cfg.S) });
  const split = randomSplit(300, cfg.dIn, 3, 5);
  const zeros = split.y.filter((c) => c === 0).length;
  assert.equal(await accuracyOn(model, split), zeros / split.n);
  assert.equal((await evaluate(model, split)).accuracy, zeros / split.n);
  assert.equal(await accuracyOn(model, { n: 0, x: new Float32Array(0), y: new Int32Array(0) }), 0);
  disposeModel(model);
});

test("evaluate's l = 0 statistics are the embedded input's, and dead neurons have none", async () => {
  const cfg = resolveConfig({ S: 10, I: 2, dIn: 3, dOut: 2 });
  const W = new Float32Array(cfg.S * cfg.S);
  W[5 * cfg.S + 0] = 1; // neuron 5 ← input 0; neurons 3, 4, 6, 7 never receive anything
  const model = createModel(cfg, { W, b: new Float32Array(cfg.S) });
  const split = randomSplit(50, cfg.dIn, 2, 9);
  const { stats } = await evaluate(model, split);
  for (let i = 0; i < cfg.dIn; i++) {
    let sum = 0;
    let max = 0;
    for (let k = 0; k < split.n; k++) {
      const v = Math.abs(split.x[k * cfg.dIn + i]);
      sum += v;
      max = Math.max(max, v);
    }
    assert.ok(Math.abs(stats.meanAbs[i] - sum / split.n) < 1e-5, `meanAbs of input ${i}`);
    assert.equal(stats.maxAbs[i], Math.fround(max));
  }
  for (const dead of [3, 4, 6, 7]) for (let l = 1; l <= cfg.I; l++) assert.equal(stats.maxAbs[l * cfg.S + dead], 0);
  const fired = split.x.filter((_, k) => k % cfg.dIn === 0 && split.x[k] > 0).length;
  assert.ok(Math.abs(stats.activeFraction[1 * cfg.S + 5] - fired / split.n) < 1e-6, 'neuron 5 fires where input 0 is positive');
  disposeModel(model);
});
