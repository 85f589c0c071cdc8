import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { setupBackend, noLeak } from '../../helpers/backend.js';
import { blobs, busyNet, inputs, maxAbsDiff, oracleLogits } from './fixtures.js';
import { isoLogits } from '../../../src/train/isotropic/mlp.js';
import { isoAccuracy, trainIsotropic } from '../../../src/train/isotropic/train.js';
import { createIsoMlp, cloneIsoMlp } from '../../../src/train/isotropic/init.js';
import { neurogenerate } from '../../../src/train/isotropic/adapt.js';
import { tf } from '../../../src/train/tf.js';
import { isotropicTanh } from '../../../src/train/isotropic/activation.js';
import { isotropicFactor } from '../../../src/runtime/isotropic.js';
import { ConfigError } from '../../../src/errors.js';

before(setupBackend);

test('the tfjs forward matches the float64 oracle, including the linear ball and ψ', async () => {
  const net = busyNet([6, 5, 4, 3]);
  const x = inputs(32, 6);
  x.fill(0, 0, 6); // a zero row: the first layer's norm is then |b| only
  const y = await noLeak(() => isoLogits(net, x, 32));
  assert.ok(maxAbsDiff(y, oracleLogits(net, x, 32)) < 1e-5);
});

test('isotropic tanh: the factor agrees with the runtime inside and outside the ε-ball, gradients stay finite at 0', () => {
  for (const [sq, o] of [[0, 0], [1e-8, 0], [0, 0.5], [4, 0], [2, 0.3]]) {
    const f = tf.tidy(() => isotropicTanh(tf.tensor2d([Math.sqrt(sq), 0], [1, 2]), o, 1e-3).f.dataSync()[0]);
    assert.ok(Math.abs(f - isotropicFactor(sq, o, 1e-3)) < 1e-6, `sq=${sq} o=${o}`);
  }
  const g = tf.tidy(() => tf.grad((z: tf.Tensor) => tf.sum(isotropicTanh(z as tf.Tensor2D, 0, 1e-3).h))(tf.zeros([1, 3])).dataSync());
  assert.ok(Array.from(g).every(Number.isFinite));
});

test('training lowers the loss, moves a trainable o, is deterministic and leaks nothing', async () => {
  const data = blobs(6, 240, 120);
  const run = () => trainIsotropic(createIsoMlp({ widths: [6, 8, 8, data.nClasses], seed: 4 }), data, { epochs: 3, batch: 24, lr: 1e-2, psiDecay: 0.1, seed: 5 });
  const a = await noLeak(run);
  const b = await noLeak(run);
  assert.ok(a.history[2].loss < a.history[0].loss);
  assert.ok(a.net.o[0] !== 1e-6);
  assert.deepEqual(a.net.W, b.net.W);
  assert.ok((await isoAccuracy(a.net, data.test.x, data.test.y)) > 0.8);
  // Resize, then continue with the turned moments.
  const grown = cloneIsoMlp(a.net);
  neurogenerate(grown, 0, a.moments, { count: 2 });
  const c = await noLeak(() => trainIsotropic(grown, data, { epochs: 1, batch: 24, lr: 1e-2, seed: 6 }, a.moments));
  assert.equal(c.moments.t, a.moments.t + 10);
  await assert.rejects(trainIsotropic(createIsoMlp({ widths: [5, 4, 3, 2] }), data), ConfigError);
});
