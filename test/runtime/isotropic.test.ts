import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activateLayer, isotropicFactor } from '../../src/runtime/isotropic.js';
import type { Layer } from '../../src/core/sparse-model.js';

test('isotropicFactor: tanh(r)/r outside the ball, the linear form inside it', () => {
  assert.equal(isotropicFactor(4, 0, 1e-3), Math.tanh(2) / 2);
  assert.equal(isotropicFactor(3, 1, 1e-3), Math.tanh(2) / 2);
  assert.equal(isotropicFactor(1e-8, 0, 1e-3), 1);
  // Inside the ball with |o| > 0.01: tanh(√|o|)/√|o| (o can only be there if negative with o + Σz² ≈ 0).
  assert.equal(isotropicFactor(0.25, -0.25, 1e-3), Math.tanh(0.5) / 0.5);
  assert.equal(isotropicFactor(0, 1e-6, 1e-3), 1);
});

test('activateLayer: ψ times the previous factor first, then one factor per sample over all units', () => {
  const layer = (extra: Partial<Layer>): Layer => ({ neurons: Int32Array.of(0, 1), bias: new Float32Array(2), offset: new Float32Array(2), pre: [], skip: [], ...extra });
  // Unit-major buffer, two units × two samples (chunk m = 2): sample 0 is (3, 4), sample 1 is (0, 0).
  const buf = Float32Array.of(3, 0, 4, 0);
  const factor = new Float32Array(2);
  activateLayer(layer({ activation: { kind: 'isotropic-tanh', o: 0, epsilon: 1e-3 }, psi: Float32Array.of(0, 1) }), 'relu', buf, 0, 2, 2, 2, Float32Array.of(0, 2), factor);
  // Sample 1 became (0, 2): norm 2.
  assert.deepEqual(Array.from(factor), [Math.fround(Math.tanh(5) / 5), Math.fround(Math.tanh(2) / 2)]);
  assert.ok(Math.abs(buf[0] - 3 * Math.tanh(5) / 5) < 1e-6 && Math.abs(buf[3] - Math.tanh(2)) < 1e-6);
  const id = Float32Array.of(-1, 2);
  activateLayer(layer({ activation: { kind: 'identity' } }), 'relu', id, 0, 1, 2, 2, null, null);
  assert.deepEqual(Array.from(id), [-1, 2]);
  activateLayer(layer({}), 'relu', id, 0, 1, 2, 2, null, null);
  assert.deepEqual(Array.from(id), [0, 2]);
});
