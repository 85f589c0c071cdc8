import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toReplay } from '../../src/export/replay.js';
import { toLayered } from '../../src/export/layered.js';
import { predictReplay } from '../../src/runtime/predict-replay.js';
import { predictLayered } from '../../src/runtime/predict-layered.js';
import { predict } from '../../src/runtime/predict.js';
import { macsPerSample } from '../../src/export/cost.js';
import { ACTS, RULES, mismatch, randomInputs, randomSnapshot } from './fixtures.js';
import type { Snapshot } from '../../src/core/snapshot.js';
import type { UpdateRule } from '../../src/core/config.js';

for (const rule of RULES) {
  for (const activation of ACTS) {
    for (const [density, threshold] of [[0.25, 0], [0.08, 0], [0.3, 0.15]] as const) {
      test(`layered equals replay (${rule}, ${activation}, density ${density}, threshold ${threshold})`, () => {
        const snap = randomSnapshot({ S: 48, I: 5, dIn: 5, dOut: 3, rule, activation, density, seed: 5, biasScale: 0.5 });
        const x = randomInputs(41, 5, 9);
        const rm = toReplay(snap, threshold);
        const lm = toLayered(rm);
        assert.equal(mismatch(predictLayered(lm, x, 41), predictReplay(rm, x, 41)), null);
        assert.ok(macsPerSample(lm) <= macsPerSample(rm));
        assert.deepEqual(predict(lm, x, 41), predictLayered(lm, x, 41));
      });
    }
  }
}

for (const rule of RULES) {
  for (const activation of ACTS) {
    test(`layered equals replay under a linear read-out (${rule}, ${activation})`, () => {
      const snap = randomSnapshot({ S: 48, I: 5, dIn: 5, dOut: 3, rule, activation, readout: 'linear', density: 0.25, seed: 8, biasScale: 0.5 });
      const x = randomInputs(41, 5, 9);
      const rm = toReplay(snap, 0.05);
      const lm = toLayered(rm);
      const y = predictLayered(lm, x, 41);
      assert.equal(mismatch(y, predictReplay(rm, x, 41)), null);
      assert.ok(y.some((v) => v < (activation === 'relu' ? 0 : -1)), "some logit is outside φ's range");
    });
  }
}

/** Eq. 1: an MLP 3 → 4 → 2 → 2 embedded block sub-diagonally in a URN with S = 11, I = 3. */
function embeddedMlp(rule: UpdateRule, extra = 0): Snapshot {
  const S = 11 + extra;
  const W = new Float32Array(S * S);
  const b = new Float32Array(S);
  const h1 = [3, 4, 5, 6];
  const h2 = [7, 8];
  const out = [S - 2, S - 1];
  let v = 0.3;
  const next = () => (v = ((v * 7.13 + 0.37) % 2) - 1);
  for (const i of h1) for (let j = 0; j < 3; j++) W[i * S + j] = next();
  for (const i of h2) for (const j of h1) W[i * S + j] = next();
  for (const i of out) for (const j of h2) W[i * S + j] = next();
  for (const i of [...h1, ...h2, ...out]) b[i] = next() * 0.1;
  return { config: { S, I: 3, dIn: 3, dOut: 2, rule, activation: 'tanh', seed: 0 }, W, b };
}

test('an embedded MLP comes out with its own layer widths', () => {
  const lm = toLayered(toReplay(embeddedMlp('plain'), 0));
  assert.deepEqual(lm.layers.map((L) => L.neurons.length), [4, 2, 2]);
  assert.deepEqual(lm.layers.map((L) => L.pre.map((p) => p.from)), [[0], [1], [2]]);
  assert.deepEqual([...lm.outLayer], [3, 3]);
  assert.equal(macsPerSample(lm), 3 * 4 + 4 * 2 + 2 * 2);
});

test('residual outputs that stop changing become aliases with folded offsets', () => {
  // Residual-output with I = 5: the MLP fills the outputs at t = 3; at t = 4, 5 their φ part is
  // φ(b) + constant, so they alias the t = 3 units with an offset instead of new layers.
  const snap = embeddedMlp('residual-output');
  const snap5 = { ...snap, config: { ...snap.config, I: 5 } };
  const rm = toReplay(snap5, 0);
  const lm = toLayered(rm);
  assert.deepEqual(lm.layers.map((L) => L.neurons.length), [4, 2, 2, 0, 0]);
  assert.deepEqual([...lm.outLayer], [3, 3]);
  assert.ok(lm.outOffset.some((c) => c !== 0));
  const x = randomInputs(17, 3);
  assert.equal(mismatch(predictLayered(lm, x, 17), predictReplay(rm, x, 17)), null);
});

test('residual-input feeds x forward as a skip from layer 0', () => {
  const snap = embeddedMlp('residual-input');
  // Let input 0 feed output 9 directly too; the input neurons themselves have no in-synapses,
  // so at t ≥ 1 they are x + φ(b): aliases of layer 0.
  snap.W[9 * 11 + 0] = 0.5;
  const rm = toReplay(snap, 0);
  const lm = toLayered(rm);
  assert.deepEqual(lm.layers.map((L) => L.neurons.length), [4, 2, 2]);
  assert.deepEqual(lm.layers[2].pre.map((p) => p.from), [0, 2]);
  const x = randomInputs(13, 3);
  assert.equal(mismatch(predictLayered(lm, x, 13), predictReplay(rm, x, 13)), null);
});

test('an output no input reaches is a constant', () => {
  const snap = embeddedMlp('plain');
  for (let j = 0; j < 11; j++) snap.W[10 * 11 + j] = 0;
  snap.b[10] = 0.25;
  const lm = toLayered(toReplay(snap, 0));
  assert.equal(lm.outLayer[1], -1);
  assert.equal(lm.outOffset[1], Math.fround(Math.tanh(0.25)));
  const x = randomInputs(4, 3);
  const y = predictLayered(lm, x, 4);
  for (let s = 0; s < 4; s++) assert.equal(y[s * 2 + 1], Math.fround(Math.tanh(0.25)));
});
