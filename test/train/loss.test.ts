import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tf } from '../../src/train/tf.js';
import { resolveConfig, type UpdateRule, type Activation } from '../../src/core/config.js';
import { lossTerms } from '../../src/train/loss.js';
import { synapseLengthMatrix } from '../../src/core/geometry.js';
import { setupBackend, noLeak } from '../helpers/backend.js';
import { assertClose, F32_REDUCED } from '../helpers/tolerance.js';

const o = JSON.parse(readFileSync(new URL('../../fixtures/oracle/urn_tiny.json', import.meta.url), 'utf8'));
const reg = { cW: o.cW, cN: o.cN, cSyn: o.cSyn };

before(setupBackend);

function tensors() {
  const oneHot = new Float32Array(o.B * o.dOut);
  (o.y as number[]).forEach((c, s) => (oneHot[s * o.dOut + c] = 1));
  return {
    W: tf.tensor2d(o.W, [o.S, o.S]),
    b: tf.tensor1d(o.b),
    x: tf.tensor2d(o.x, [o.B, o.dIn]),
    y: tf.tensor2d(oneHot, [o.B, o.dOut]),
    L: tf.tensor2d(synapseLengthMatrix(Float32Array.from(o.coords), o.S, o.beta, o.gamma), [o.S, o.S]),
  };
}

test('every loss term matches the numpy oracle (Eq. 5 and Eq. 9, normalisation as documented)', async () => {
  for (const c of o.cases as { rule: UpdateRule; activation: Activation; [k: string]: unknown }[]) {
    const cfg = resolveConfig({ S: o.S, I: o.I, dIn: o.dIn, dOut: o.dOut, rule: c.rule, activation: c.activation });
    await noLeak(() =>
      tf.tidy(() => {
        const t = tensors();
        const terms = lossTerms(cfg, t.W, t.b, t.x, t.y, reg, t.L);
        for (const k of ['crossEntropy', 'weight', 'activity', 'length'] as const) {
          assertClose([terms[k].dataSync()[0]], [c[k] as number], F32_REDUCED, `${c.rule}/${c.activation} ${k}`);
        }
        const sum = (['crossEntropy', 'weight', 'activity', 'length'] as const).reduce((a, k) => a + (c[k] as number), 0);
        assertClose([terms.total.dataSync()[0]], [sum], F32_REDUCED, 'total');
      }),
    );
  }
});

test("activityReduction 'sum' makes the activity term B times the 'mean' one and leaves the rest alone", () => {
  const cfg = resolveConfig({ S: o.S, I: o.I, dIn: o.dIn, dOut: o.dOut });
  tf.tidy(() => {
    const t = tensors();
    const mean = lossTerms(cfg, t.W, t.b, t.x, t.y, { ...reg, activityReduction: 'mean' }, t.L);
    const sum = lossTerms(cfg, t.W, t.b, t.x, t.y, { ...reg, activityReduction: 'sum' }, t.L);
    const a = mean.activity.dataSync()[0];
    assert.ok(a > 0, 'the oracle case has a non-zero activity term');
    assertClose([sum.activity.dataSync()[0]], [o.B * a], F32_REDUCED, 'activity');
    for (const k of ['crossEntropy', 'weight', 'length'] as const) assert.equal(sum[k].dataSync()[0], mean[k].dataSync()[0], k);
  });
});

test('gradients of the full loss agree with central finite differences', () => {
  // tanh keeps the loss smooth; float32 rounding of the loss (~1e-7) over a step of 1e-3 bounds the agreement to ~1e-3.
  for (const rule of ['plain', 'residual-output', 'residual-input'] as const) {
    const cfg = resolveConfig({ S: o.S, I: o.I, dIn: o.dIn, dOut: o.dOut, rule, activation: 'tanh' });
    tf.tidy(() => {
      const t = tensors();
      const f = (W: tf.Tensor2D, b: tf.Tensor1D) => lossTerms(cfg, W, b, t.x, t.y, { ...reg, cW: 0, cSyn: 0 }, t.L).total;
      const [gW, gb] = tf.grads((W, b) => f(W as tf.Tensor2D, b as tf.Tensor1D))([t.W, t.b]);
      const gWv = gW.dataSync();
      const gbv = gb.dataSync();
      const h = 1e-3;
      const Wv = Float32Array.from(o.W);
      const bv = Float32Array.from(o.b);
      const loss = (W: Float32Array, b: Float32Array) =>
        tf.tidy(() => f(tf.tensor2d(W, [o.S, o.S]), tf.tensor1d(b)).dataSync()[0]);
      let checked = 0;
      for (let k = 0; k < Wv.length; k += 3) {
        const p = Wv.slice();
        const m = Wv.slice();
        p[k] += h;
        m[k] -= h;
        const fd = (loss(p, bv) - loss(m, bv)) / (2 * h);
        assert.ok(Math.abs(fd - gWv[k]) <= 2e-3 + 2e-2 * Math.abs(fd), `${rule} dL/dW[${k}]: autodiff ${gWv[k]} vs fd ${fd}`);
        checked++;
      }
      for (let k = 0; k < bv.length; k++) {
        const p = bv.slice();
        const m = bv.slice();
        p[k] += h;
        m[k] -= h;
        const fd = (loss(Wv, p) - loss(Wv, m)) / (2 * h);
        assert.ok(Math.abs(fd - gbv[k]) <= 2e-3 + 2e-2 * Math.abs(fd), `${rule} dL/db[${k}]: autodiff ${gbv[k]} vs fd ${fd}`);
      }
      assert.ok(checked > 10);
    });
  }
});

test('the L1 terms have the subgradient sign(W) and the length term sign(W)·d^γ', () => {
  const cfg = resolveConfig({ S: o.S, I: o.I, dIn: o.dIn, dOut: o.dOut });
  tf.tidy(() => {
    const t = tensors();
    const g = tf.grad((W) => {
      const all = lossTerms(cfg, W as tf.Tensor2D, t.b, t.x, t.y, reg, t.L);
      return tf.add(all.weight, all.length) as tf.Scalar;
    })(t.W).dataSync();
    const L = t.L.dataSync();
    const expected = (o.W as number[]).map((w, k) => Math.sign(w) * (o.cW + o.cSyn * L[k]));
    assertClose(g, expected, F32_REDUCED, 'd(weight+length)/dW');
  });
});
