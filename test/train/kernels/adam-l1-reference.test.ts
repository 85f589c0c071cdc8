import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../../src/train/tf.js';
import { createAdamL1 } from '../../../src/train/adam.js';
import { ADAM_DEFAULTS } from '../../../src/train/adam.js';
import { configureAccel } from '../../../src/train/kernels/accel.js';
import { loadNative } from '../../../src/train/kernels/native.js';
import { adamL1Reference, type AdamL1Params } from '../../../src/train/kernels/adam-l1-reference.js';
import { createRng } from '../../../src/util/rng.js';
import { noLeak, setupBackend } from '../../helpers/backend.js';
import { assertClose, F32, F32_REDUCED } from '../../helpers/tolerance.js';

before(setupBackend);

const S = 24;
const HP = { ...ADAM_DEFAULTS, lr: 1e-2 };

/** W with exact zeros and tiny values (where sign() and the threshold matter), a gradient, lengths. */
function problem(seed: number) {
  const rng = createRng(seed);
  const w = Float32Array.from({ length: S * S }, (_, k) => (k % 11 === 0 ? 0 : k % 13 === 0 ? 1e-12 : rng.normal() * 0.05));
  const grads = [0, 1, 2].map(() => Float32Array.from({ length: S * S }, () => rng.normal() * 1e-2));
  const b = Float32Array.from({ length: S }, () => rng.normal() * 0.1);
  const gb = Float32Array.from({ length: S }, () => rng.normal() * 1e-2);
  const d = Float32Array.from({ length: S * S }, () => rng.next() * 2);
  return { w, grads, b, gb, d };
}

/** Three stepL1 calls through `createAdamL1` on the backend in use; W, b, their moments and the terms. */
async function viaAdam(seed: number, l1: { cW: number; cSyn: number; proximal: boolean; lengths: boolean }) {
  const p = problem(seed);
  const [w0, b0] = [tf.tensor2d(p.w, [S, S]), tf.tensor1d(p.b)];
  const [W, b] = [tf.variable(w0), tf.variable(b0)];
  const D = tf.tensor2d(p.d, [S, S]);
  const adam = createAdamL1([W, b], HP);
  const terms: number[][] = [];
  for (const g of p.grads) {
    const gW = tf.tensor2d(g, [S, S]);
    const gb = tf.tensor1d(p.gb);
    const r = adam.stepL1([gW, gb], { cW: l1.cW, cSyn: l1.cSyn, proximal: l1.proximal, lengths: l1.lengths ? D : undefined });
    terms.push([r.weight.dataSync()[0], r.length.dataSync()[0]]);
    tf.dispose([gW, gb, r.weight, r.length]);
  }
  const state = await adam.state();
  const out = { w: W.dataSync() as Float32Array, b: b.dataSync() as Float32Array, m: state.m, v: state.v, terms };
  tf.dispose([W, b, w0, b0, D]);
  adam.dispose();
  return out;
}

/** The same three steps through `adamL1Reference`. */
function viaReference(seed: number, l1: { cW: number; cSyn: number; proximal: boolean; lengths: boolean }) {
  const p = problem(seed);
  const mW = new Float32Array(S * S), vW = new Float32Array(S * S), mb = new Float32Array(S), vb = new Float32Array(S);
  const terms: number[][] = [];
  for (let t = 1; t <= p.grads.length; t++) {
    const c1 = 1 / (1 - HP.beta1 ** t);
    const c2 = 1 / (1 - HP.beta2 ** t);
    const base: AdamL1Params = { lrc1: HP.lr * c1, beta1: HP.beta1, beta2: HP.beta2, c2, epsilon: HP.epsilon, cW: 0, cSyn: 0, proxLr: 0 };
    const params = { ...base, cW: l1.cW, cSyn: l1.lengths ? l1.cSyn : 0, proxLr: l1.proximal ? HP.lr : 0 };
    const r = adamL1Reference({ w: p.w, g: p.grads[t - 1], m: mW, v: vW, d: l1.lengths ? p.d : undefined }, params);
    adamL1Reference({ w: p.b, g: p.gb, m: mb, v: vb }, base);
    terms.push([l1.cW * r.sumAbs, l1.lengths ? l1.cSyn * r.sumAbsD : 0]);
  }
  return { w: p.w, b: p.b, m: [mW, mb], v: [vW, vb], terms };
}

const CASES = [
  { cW: 1e-3, cSyn: 0, proximal: false, lengths: false },
  { cW: 1e-3, cSyn: 2e-3, proximal: false, lengths: true },
  { cW: 5e-3, cSyn: 0, proximal: true, lengths: false },
  { cW: 1e-3, cSyn: 4e-3, proximal: true, lengths: true },
];

function compare(kind: string, got: Awaited<ReturnType<typeof viaAdam>>, want: ReturnType<typeof viaReference>) {
  assertClose(got.w, want.w, F32, `${kind} W`);
  assertClose(got.b, want.b, F32, `${kind} b`);
  for (const k of [0, 1]) {
    assertClose(got.m[k], want.m[k], F32, `${kind} m[${k}]`);
    assertClose(got.v[k], want.v[k], F32, `${kind} v[${k}]`);
  }
  assertClose(got.terms.flat(), want.terms.flat(), F32_REDUCED, `${kind} L1 terms`);
}

test('the TypeScript Adam pass equals the tfjs-ops Adam (subgradient, proximal, with and without lengths)', async () => {
  const kind = tf.getBackend();
  await configureAccel(kind, { native: false });
  try {
    for (const [i, c] of CASES.entries()) {
      const got = await noLeak(() => viaAdam(i + 1, c));
      compare(`tfjs ops, case ${i}`, got, viaReference(i + 1, c));
      if (c.proximal) assert.ok(got.w.some((x) => x === 0), 'the proximal step zeroes some weights');
    }
  } finally {
    await configureAccel(kind);
  }
});

test('the TypeScript Adam pass equals the native pass', { skip: loadNative().addon ? false : loadNative().reason }, async () => {
  const kind = tf.getBackend();
  const report = await configureAccel(kind);
  if (!report.accel.includes('native-adam')) return;
  for (const [i, c] of CASES.entries()) compare(`native, case ${i}`, await noLeak(() => viaAdam(i + 1, c)), viaReference(i + 1, c));
});
