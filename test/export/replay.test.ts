import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/train/backend.js';
import { tf } from '../../src/train/tf.js';
import { toReplay } from '../../src/export/replay.js';
import { predictReplay } from '../../src/runtime/predict-replay.js';
import { keptSynapses } from '../../src/export/kept.js';
import { ShapeError } from '../../src/errors.js';
import { ACTS, RULES, handSnapshot, mismatch, randomInputs, randomSnapshot } from './fixtures.js';
import { denseForward } from './dense.js';

before(async () => {
  await initBackend({ backend: 'cpu' });
});

for (const rule of RULES) {
  for (const activation of ACTS) {
    test(`replay at threshold 0 equals the dense forward (${rule}, ${activation})`, async () => {
      const snap = randomSnapshot({ S: 40, I: 4, dIn: 6, dOut: 3, rule, activation, density: 0.25, seed: 11 });
      const n = 37;
      const x = randomInputs(n, 6, 3);
      const before = tf.memory().numTensors;
      const dense = await denseForward(snap, x, n);
      assert.equal(tf.memory().numTensors, before);
      const m = toReplay(snap, 0);
      assert.equal(m.W.colIdx.length <= keptSynapses(snap, 0).colIdx.length, true);
      assert.equal(mismatch(predictReplay(m, x, n), dense), null);
    });
  }
}

test('replay drops neurons that cannot matter and keeps bias-driven constants', async () => {
  // S = 7: inputs 0, 1; chain 0 → 2 → 4 → 6 (output); 3 is bias-driven (constant 0.7 from t = 1)
  // and feeds 4; 5 has no synapses; input 1 feeds nothing.
  const snap = handSnapshot({ S: 7, I: 3, dIn: 2, dOut: 1, rule: 'plain', activation: 'relu' }, [[2, 0, 0.5], [4, 2, 1.5], [4, 3, 2], [6, 4, -1.25]], [0, 0, 0.1, 0.7, 0.3, -0.2, 0.05]);
  const m = toReplay(snap, 0);
  assert.deepEqual([...m.neurons], [0, 2, 3, 4, 6]);
  assert.deepEqual([...m.inputIndex], [0, -1]);
  const x = Float32Array.of(1, 5, -1, 5, 0.2, 0);
  assert.equal(mismatch(predictReplay(m, x, 3), await denseForward(snap, x, 3)), null);
});

test('predictReplay validates its batch', () => {
  const snap = randomSnapshot({ S: 10, I: 2, dIn: 3, dOut: 2, rule: 'plain', activation: 'relu' });
  const m = toReplay(snap, 0);
  assert.throws(() => predictReplay(m, new Float32Array(5), 2), ShapeError);
  assert.equal(predictReplay(m, new Float32Array(0), 0).length, 0);
});

test('replay export is deterministic', () => {
  const snap = randomSnapshot({ S: 30, I: 3, dIn: 4, dOut: 2, rule: 'residual-input', activation: 'tanh' });
  const x = randomInputs(9, 4);
  assert.deepEqual(predictReplay(toReplay(snap, 0.05), x, 9), predictReplay(toReplay(snap, 0.05), x, 9));
});
