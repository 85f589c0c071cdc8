import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/train/tf.js';
import { resolveConfig, UPDATE_RULES, ACTIVATIONS, type UrnConfig } from '../../src/core/config.js';
import { lossTerms } from '../../src/train/loss.js';
import { urnBlock } from '../../src/train/block.js';
import { createModel, disposeModel, forwardTensors } from '../../src/train/model.js';
import { createAdamL1 } from '../../src/train/adam.js';
import { createAdam, ADAM_DEFAULTS } from '../../src/train/adam.js';
import { trainStep } from '../../src/train/step.js';
import { synapseLengthMatrix } from '../../src/core/geometry.js';
import { createRng } from '../../src/util/rng.js';
import { setupBackend, noLeak } from '../helpers/backend.js';
import { assertClose, F32_REDUCED } from '../helpers/tolerance.js';

before(setupBackend);

const S = 14;
const B = 6;
const reg = { cW: 1e-3, cN: 3e-2, cSyn: 0 };

function problem(cfg: UrnConfig, seed: number) {
  const rng = createRng(seed);
  const W = Float32Array.from({ length: S * S }, () => rng.normal() * 0.5);
  const b = Float32Array.from({ length: S }, () => rng.normal() * 0.2);
  const x = Float32Array.from({ length: B * cfg.dIn }, () => rng.normal());
  const y = new Float32Array(B * cfg.dOut);
  for (let s = 0; s < B; s++) y[s * cfg.dOut + (s % cfg.dOut)] = 1;
  return { W, b, x, y };
}

const configs = [
  ...UPDATE_RULES.flatMap((rule) => ACTIVATIONS.map((activation) => resolveConfig({ S, I: 3, dIn: 4, dOut: 3, rule, activation, seed: 1 }))),
  // A linear read-out: the outputs take z (φ' = 1 there, and their states can be negative).
  ...UPDATE_RULES.map((rule) => resolveConfig({ S, I: 3, dIn: 4, dOut: 3, rule, activation: 'relu', readout: 'linear', seed: 1 })),
];

test('the block without the activity term returns 0 for it and the same logits', () => {
  const cfg = configs[0];
  const p = problem(cfg, 3);
  tf.tidy(() => {
    const W = tf.tensor2d(p.W, [S, S]);
    const b = tf.tensor1d(p.b);
    const x = tf.tensor2d(p.x, [B, cfg.dIn]);
    const on = urnBlock(cfg, x, W, b, true);
    const off = urnBlock(cfg, x, W, b, false);
    assert.equal(off.activity.dataSync()[0], 0);
    assert.ok(on.activity.dataSync()[0] > 0);
    assertClose(off.logits.dataSync(), on.logits.dataSync());
  });
});

test('one training step (custom, with c_W and the length term) matches the autodiff step', async () => {
  const coords = Float32Array.from({ length: 3 * S }, (_, k) => (k * 7) % 5);
  const D = synapseLengthMatrix(coords, S, 2, 1);
  for (const [n, cfg] of configs.entries()) {
    const p = problem(cfg, 99);
    // Both reductions of the activity term, alternating over the configs.
    const activityReduction = n % 2 === 0 ? ('mean' as const) : ('sum' as const);
    const what = `${cfg.rule}/${cfg.activation}/${activityReduction}`;
    const full = { cW: 1e-3, cN: 1e-2, cSyn: 1e-3, activityReduction };
    await noLeak(async () => {
      const L = tf.tensor2d(D, [S, S]);
      const x = tf.tensor2d(p.x, [B, cfg.dIn]);
      const y = tf.tensor2d(p.y, [B, cfg.dOut]);
      const a = createModel(cfg, p);
      const c = createModel(cfg, p);
      const adamA = createAdam([a.W, a.b], { ...ADAM_DEFAULTS, lr: 1e-2 });
      const adamC = createAdamL1([c.W, c.b], { ...ADAM_DEFAULTS, lr: 1e-2 });
      for (let s = 0; s < 3; s++) {
        const ta = trainStep(a, adamA, x, y, { ...full, grad: 'autodiff' }, L);
        const tc = trainStep(c, adamC, x, y, { ...full, grad: 'custom' }, L);
        assertClose(tc.dataSync(), ta.dataSync(), F32_REDUCED, `${what} loss terms, step ${s}`);
        tf.dispose([ta, tc]);
      }
      assertClose(c.W.dataSync(), a.W.dataSync(), F32_REDUCED, `${what} W after 3 steps`);
      assertClose(c.b.dataSync(), a.b.dataSync(), F32_REDUCED, `${what} b after 3 steps`);
      const [sa, sc] = await Promise.all([adamA.state(), adamC.state()]);
      assert.equal(sc.t, sa.t);
      assertClose(sc.m[0], sa.m[0], F32_REDUCED, `${what} Adam m`);
      tf.dispose([L, x, y]);
      adamA.dispose();
      adamC.dispose();
      disposeModel(a);
      disposeModel(c);
    });
  }
});

const readings = [
  { outputs: 'include', of: 'state' },
  { outputs: 'exclude', of: 'state' },
  { outputs: 'include', of: 'activation' },
  { outputs: 'exclude', of: 'activation' },
] as const;

test('the hand-written URN gradient equals tfjs autodiff (loss, dW, db) for every rule, activation and reading of the activity term', async () => {
  for (const [k, cfg] of configs.entries()) {
    for (const r of readings) {
      const p = problem(cfg, 40 + k);
      const what = `${cfg.rule}/${cfg.activation}${cfg.readout ? '/linear' : ''} ${r.outputs}/${r.of}`;
      const reading = { ...reg, cW: 0, activityOutputs: r.outputs, activityOf: r.of };
      await noLeak(() =>
        tf.tidy(() => {
          const W = tf.tensor2d(p.W, [S, S]);
          const b = tf.tensor1d(p.b);
          const x = tf.tensor2d(p.x, [B, cfg.dIn]);
          const y = tf.tensor2d(p.y, [B, cfg.dOut]);
          const auto = tf.valueAndGrads((w: tf.Tensor, c: tf.Tensor) => lossTerms(cfg, w as tf.Tensor2D, c as tf.Tensor1D, x, y, reading).total)([W, b]);
          const custom = tf.valueAndGrads((w: tf.Tensor, c: tf.Tensor) => {
            const out = urnBlock(cfg, x, w as tf.Tensor2D, c as tf.Tensor1D, true, r);
            return tf.add(tf.losses.softmaxCrossEntropy(y, out.logits), tf.mul(reg.cN / B, out.activity)) as tf.Scalar;
          })([W, b]);
          assertClose(custom.value.dataSync(), auto.value.dataSync(), F32_REDUCED, `${what} loss`);
          assertClose(custom.grads[0].dataSync(), auto.grads[0].dataSync(), F32_REDUCED, `${what} dW`);
          assertClose(custom.grads[1].dataSync(), auto.grads[1].dataSync(), F32_REDUCED, `${what} db`);
          assert.ok(tf.max(tf.abs(auto.grads[0])).dataSync()[0] > 1e-3, `${what}: gradient is not trivially zero`);
        }),
      );
    }
  }
});

test('the activity term by hand: outputs excluded sums the non-output columns; on activations it differs only under residual rules', () => {
  for (const [k, cfg] of configs.entries()) {
    const p = problem(cfg, 70 + k);
    const what = `${cfg.rule}/${cfg.activation}`;
    tf.tidy(() => {
      const W = tf.tensor2d(p.W, [S, S]);
      const b = tf.tensor1d(p.b);
      const x = tf.tensor2d(p.x, [B, cfg.dIn]);
      const { states, acts } = forwardTensors(cfg, W, b, x);
      const byHand = (ts: tf.Tensor2D[], cols: number) => {
        let sum = 0;
        for (const n of ts) {
          const v = n.dataSync();
          for (let r = 0; r < B; r++) for (let i = 0; i < cols; i++) sum += Math.abs(v[r * S + i]);
        }
        return sum;
      };
      const term = (r: { outputs?: 'include' | 'exclude'; of?: 'state' | 'activation' }) => urnBlock(cfg, x, W, b, true, r).activity.dataSync()[0];
      assertClose([term({ outputs: 'exclude' })], [byHand(states, S - cfg.dOut)], F32_REDUCED, `${what} excluded, states`);
      assertClose([term({ of: 'activation' })], [byHand(acts, S)], F32_REDUCED, `${what} activations`);
      assertClose([term({ outputs: 'exclude', of: 'activation' })], [byHand(acts, S - cfg.dOut)], F32_REDUCED, `${what} excluded, activations`);
      assert.ok(term({ outputs: 'exclude' }) < term({}), `${what}: the outputs carry part of the full term`);
      if (cfg.rule === 'plain') assert.equal(term({ of: 'activation' }), term({}), `${what}: plain rule, same term`);
      else assert.notEqual(term({ of: 'activation' }), term({}), `${what}: the residual rule separates the readings`);
    });
  }
});
