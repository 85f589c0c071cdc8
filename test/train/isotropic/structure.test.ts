import { test } from 'node:test';
import assert from 'node:assert/strict';
import { busyNet, inputs, maxAbsDiff, oracleLogits } from './fixtures.js';
import { cloneIsoMlp, zeroMoments } from '../../../src/train/isotropic/init.js';
import { diagonaliseAlternate, diagonaliseFull, diagonaliseLeft, neuronSingularValues } from '../../../src/train/isotropic/diagonalise.js';
import { autoAdapt, neurodegenerate, neurogenerate } from '../../../src/train/isotropic/adapt.js';
import { toLayeredIsotropic, weightCounts } from '../../../src/export/isotropic.js';
import { predict } from '../../../src/runtime/predict.js';
import { ConfigError } from '../../../src/errors.js';

/** Rotations run in float64 but store float32: the function moves by a few float32 ulps. */
const ROTATION_TOL = 2e-5;
const n = 64;

test('the runtime layered form matches the float64 oracle', () => {
  const net = busyNet([6, 5, 4, 3]);
  const x = inputs(n, 6);
  assert.ok(maxAbsDiff(predict(toLayeredIsotropic(net), x, n), oracleLogits(net, x, n)) < 1e-5);
});

test('left-partial and full diagonalisation keep the function; full leaves W exactly diagonal', () => {
  const net = busyNet([6, 5, 4, 3]);
  const x = inputs(n, 6);
  const before = oracleLogits(net, x, n);
  const a = cloneIsoMlp(net);
  diagonaliseLeft(a, 0);
  assert.ok(maxAbsDiff(oracleLogits(a, x, n), before) < ROTATION_TOL);
  const b = cloneIsoMlp(net);
  const sigma = diagonaliseFull(b, 1);
  assert.ok(maxAbsDiff(oracleLogits(b, x, n), before) < ROTATION_TOL);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 5; j++) assert.equal(b.W[1][i * 5 + j] !== 0, i === j && sigma[i] !== 0);
  for (let i = 1; i < sigma.length; i++) assert.ok(sigma[i] <= sigma[i - 1]);
  assert.throws(() => diagonaliseFull(b, 0), ConfigError);
  assert.throws(() => diagonaliseLeft(b, 2), ConfigError);
});

test('neurogenesis keeps the function to float32 precision and adds zero-singular-value neurons', () => {
  const net = busyNet([6, 5, 4, 3]);
  const x = inputs(n, 6);
  const before = oracleLogits(net, x, n);
  neurogenerate(net, 1, null, { count: 3, seed: 2 });
  assert.deepEqual(net.widths, [6, 5, 7, 3]);
  assert.ok(maxAbsDiff(oracleLogits(net, x, n), before) < ROTATION_TOL);
  assert.ok(maxAbsDiff(predict(toLayeredIsotropic(net), x, n), before) < ROTATION_TOL);
  const sv = neuronSingularValues(net, 1);
  assert.equal(sv.filter((s) => s === 0).length, 3);
});

test('neurodegeneration of a scaffold neuron with a bias is exact only with the o and ψ compensation', () => {
  const net = busyNet([6, 5, 4, 3]);
  neurogenerate(net, 1, null, { count: 1, seed: 3 });
  // Give the scaffold neuron a bias: its value is then the constant f·b*, which o and ψ absorb.
  net.b[1][4] = 0.4;
  const x = inputs(n, 6);
  const before = oracleLogits(net, x, n);
  const plain = cloneIsoMlp(net);
  neurodegenerate(plain, 1, null, { compensate: false });
  neurodegenerate(net, 1, null, { compensate: true });
  assert.deepEqual(net.widths, [6, 5, 4, 3]);
  assert.ok(maxAbsDiff(oracleLogits(net, x, n), before) < ROTATION_TOL);
  assert.ok(maxAbsDiff(oracleLogits(plain, x, n), before) > 100 * ROTATION_TOL);
});

test("Adam's first moment turns exactly like the weights (a gradient-shaped moment stays one)", () => {
  const net = busyNet([6, 5, 4, 3]);
  const mom = zeroMoments(net);
  // Moments equal to the parameters must turn into the turned parameters.
  mom.m.W = net.W.map((w) => w.slice());
  mom.m.b = net.b.map((w) => w.slice());
  mom.v.W = net.W.map((w) => w.map((v) => v * v));
  diagonaliseFull(net, 1, mom);
  for (const l of [0, 2]) assert.ok(maxAbsDiff(mom.m.W[l], net.W[l]) < 1e-5);
  assert.ok(maxAbsDiff(mom.m.b[0], net.b[0]) < 1e-5);
  for (const v of mom.v.W) assert.ok(v.every((e) => e >= 0));
  neurogenerate(net, 1, mom, { count: 2 });
  assert.equal(mom.m.W[1].length, net.W[1].length);
  assert.equal(mom.v.W[2].length, net.W[2].length);
});

test('auto-adaptation keeps exactly k scaffold neurons', () => {
  const net = busyNet([6, 5, 4, 3]);
  assert.equal(autoAdapt(net, 1, null, { scaffold: 2, threshold: 0.1 }), 2);
  assert.equal(neuronSingularValues(net, 1).filter((s) => s <= 0.1).length, 2);
  neurogenerate(net, 1, null, { count: 3 });
  assert.equal(autoAdapt(net, 1, null, { scaffold: 2, threshold: 0.1 }), -3);
  assert.equal(neuronSingularValues(net, 1).filter((s) => s <= 0.1).length, 2);
});

test('alternate diagonalisation of a deep equal-width network approaches half the weights', () => {
  const net = busyNet([8, 8, 8, 8, 8, 8, 8, 8, 8, 8]);
  const x = inputs(n, 8);
  const before = oracleLogits(net, x, n);
  assert.deepEqual(diagonaliseAlternate(net), [1, 3, 5, 7]);
  assert.ok(maxAbsDiff(oracleLogits(net, x, n), before) < 1e-4);
  const c = weightCounts(net);
  assert.equal(c.dense, 9 * 64);
  assert.equal(c.nonzero, 5 * 64 + 4 * 8);
});
