import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../../src/train/tf.js';
import { resolveConfig } from '../../../src/core/config.js';
import { foldGate, smoothStep, staircase, staircaseTensor } from '../../../src/train/structure/gate.js';
import { staticOutputs } from '../../../src/train/structure/forward.js';
import { createRng } from '../../../src/util/rng.js';
import { setupBackend, noLeak } from '../../helpers/backend.js';
import { assertClose, F32 } from '../../helpers/tolerance.js';

before(setupBackend);

test('smooth step: 0 below, sin² between, 1 above', () => {
  assert.equal(smoothStep(-0.5), 0);
  assert.equal(smoothStep(1.5), 1);
  assert.ok(Math.abs(smoothStep(0.5) - 0.5) < 1e-12);
  assert.ok(Math.abs(smoothStep(0.25) - Math.sin(Math.PI / 8) ** 2) < 1e-12);
});

test('per-neuron staircase: hidden neuron m gets θ(size − m); inputs and outputs 1', () => {
  const cfg = { S: 7, dIn: 1, dOut: 1 };
  assertClose(staircase(cfg, 2.5), [1, 1, 1, 0.5, 0, 0, 1]);
  assertClose(staircase(cfg, 0), [1, 0, 0, 0, 0, 0, 1]);
  assertClose(staircase(cfg, 9), [1, 1, 1, 1, 1, 1, 1]);
});

test('the tensor staircase equals the typed one and has a gradient in its size only on the partial neuron', async () => {
  const cfg = { S: 7, dIn: 1, dOut: 1 };
  await noLeak(() => {
    const size = tf.scalar(2.3);
    const g = staircaseTensor(cfg, size);
    assertClose(g.dataSync(), staircase(cfg, 2.3), F32);
    const d = tf.grad((s: tf.Tensor) => tf.sum(staircaseTensor(cfg, s)))(size);
    assert.ok(Math.abs(d.dataSync()[0] - (Math.PI / 2) * Math.sin(Math.PI * 0.3)) < 1e-5);
    tf.dispose([size, g, d]);
  });
});

test('folding the gate into W gives the gated network exactly, with the shut neurons dropped', async () => {
  const cfg = resolveConfig({ S: 10, I: 3, dIn: 2, dOut: 3, activation: 'tanh', seed: 1 });
  const rng = createRng(4);
  const W = Float32Array.from({ length: 100 }, () => rng.normal() * 0.6);
  const b = Float32Array.from({ length: 10 }, () => rng.normal() * 0.2);
  const gate = staircase(cfg, 2.6);
  const f = foldGate(cfg, W, b, gate);
  assert.equal(f.config.S, 2 + 3 + 3);
  const x = Float32Array.from({ length: 8 }, (_, k) => Math.cos(k));
  await noLeak(() => {
    const gated = tf.tidy(() => staticOutputs(cfg, { W: tf.tensor2d(W, [10, 10]), b: tf.tensor1d(b), gate: tf.tensor1d(gate) }, tf.tensor2d(x, [4, 2])).dataSync());
    const plain = tf.tidy(() => staticOutputs(f.config, { W: tf.tensor2d(f.W, [8, 8]), b: tf.tensor1d(f.b) }, tf.tensor2d(x, [4, 2])).dataSync());
    assertClose(plain, gated, F32);
  });
});
