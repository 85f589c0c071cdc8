import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../../src/train/tf.js';
import { initBackend } from '../../../src/train/backend.js';
import { loadNative, type NativeAddon } from '../../../src/train/kernels/native.js';
import { configureAccel } from '../../../src/train/kernels/accel.js';
import { nativeAdamCalls } from '../../../src/train/kernels/native-adam.js';
import { checkNativeKernels } from '../../../src/train/kernels/self-check.js';
import { ADAM_DEFAULTS, createAdamL1, type L1Terms } from '../../../src/train/adam.js';
import { scatterSquare } from '../../../src/train/support.js';
import { variableFrom } from '../../../src/train/model.js';
import { createRng } from '../../../src/util/rng.js';
import { noLeak } from '../../helpers/backend.js';
import { assertClose, F32_REDUCED } from '../../helpers/tolerance.js';

const { addon, reason } = loadNative();
const skip = addon ? false : `native addon not available (${reason})`;

before(async () => {
  await initBackend({ backend: 'wasm' });
});

const S = 300; // S² above the addon's threading threshold
const ids = Int32Array.from({ length: 47 }, (_, k) => (k * 61 + 7) % S); // distinct, out of order

/** Two Adam steps on [W, b]: a dense one (so the moments are not zero), then one whose W gradient is `block` at `ids`. */
async function twoSteps(l1: L1Terms, asBlock: boolean): Promise<{ W: Float32Array; m: Float32Array; v: Float32Array; terms: number[] }> {
  const rng = createRng(5);
  const normal = (n: number, s: number) => Float32Array.from({ length: n }, () => rng.normal() * s);
  const W = variableFrom(normal(S * S, 0.05), [S, S]);
  const b = variableFrom(normal(S, 0.1), [S]);
  const adam = createAdamL1([W, b], { ...ADAM_DEFAULTS, lr: 1e-2 });
  const [g0, gb, block] = [tf.tensor2d(normal(S * S, 1e-2), [S, S]), tf.tensor1d(normal(S, 1e-2)), tf.tensor2d(normal(ids.length ** 2, 1e-2), [ids.length, ids.length])];
  const first = adam.stepL1([g0, gb], l1);
  const full = asBlock ? null : scatterSquare(block, ids, S);
  const r = asBlock ? adam.stepL1([block, gb], l1, ids) : adam.stepL1([full!, gb], l1);
  const terms = [...(await r.weight.data()), ...(await r.length.data())];
  const state = await adam.state();
  const out = { W: (await W.data()) as Float32Array, m: state.m[0], v: state.v[0], terms };
  tf.dispose([g0, gb, block, full, first.weight, first.length, r.weight, r.length, W, b].filter((t) => t !== null));
  adam.dispose();
  return out;
}

const cases = (D: tf.Tensor2D): [string, L1Terms][] => [
  ['subgradient', { cW: 1e-3, cSyn: 0 }],
  ['subgradient with lengths', { cW: 1e-3, cSyn: 2e-3, lengths: D }],
  ['proximal', { cW: 5e-2, cSyn: 0, proximal: true }],
  ['proximal with lengths', { cW: 1e-2, cSyn: 2e-2, lengths: D, proximal: true }],
];

test("Adam on a block of W's gradient (a step on the support) is the step on the scattered gradient, natively and in tfjs ops", { skip }, async () => {
  const D = tf.tidy(() => tf.abs(tf.randomNormal([S, S], 0, 2, 'float32', 9))) as tf.Tensor2D;
  for (const [what, l1] of cases(D)) {
    await configureAccel('wasm', { native: true });
    const calls = nativeAdamCalls.count;
    const dense = await noLeak(() => twoSteps(l1, false));
    const block = await noLeak(() => twoSteps(l1, true));
    assert.equal(nativeAdamCalls.count - calls, 4, `${what}: every step ran the native pass`);
    for (const k of ['W', 'm', 'v'] as const) {
      const at = block[k].findIndex((x, e) => !Object.is(x, dense[k][e]));
      assert.equal(at, -1, `${what}: ${k}[${at}] is ${block[k][at]} on the block, ${dense[k][at]} on the scattered gradient`);
    }
    assertClose(block.terms, dense.terms, F32_REDUCED, `${what}: the weight and length terms`);
    if (l1.proximal) assert.ok(block.W.some((x) => x === 0), `${what}: the proximal step zeroes weights`);
    await configureAccel('wasm', { native: false }); // the tfjs-ops path scatters the block itself
    const stock = await noLeak(() => twoSteps(l1, true));
    assert.equal(nativeAdamCalls.count - calls, 4, `${what}: the stock path ran without the addon`);
    for (const k of ['W', 'm', 'v'] as const) assertClose(stock[k], dense[k], F32_REDUCED, `${what}: ${k} in tfjs ops`);
  }
  D.dispose();
  await configureAccel('wasm');
});

test('the addon refuses repeated or out-of-range ids, and the self-check catches a block pass that drops the block', { skip }, async () => {
  await configureAccel('wasm'); // the self-check needs the native matmul installed
  const a = addon as NativeAddon;
  const n = 16;
  const buf = () => new Float32Array(n).buffer;
  const call = (ids: Int32Array) => a.adamL1(buf(), 0, new Float32Array(ids.length ** 2).buffer, 0, buf(), 0, buf(), 0, n, 1e-3, 0.9, 0.999, 1, 1e-7, 0, null, 0, 0, 1, 0, ids.buffer as ArrayBuffer, 0, ids.length);
  assert.throws(() => call(Int32Array.of(1, 1)), /distinct rows/);
  assert.throws(() => call(Int32Array.of(0, 4)), /distinct rows/);
  assert.throws(() => a.adamL1(buf(), 0, buf(), 0, buf(), 0, buf(), 0, 15, 1e-3, 0.9, 0.999, 1, 1e-7, 0, null, 0, 0, 1, 0, Int32Array.of(0).buffer as ArrayBuffer, 0, 1), /square/);
  assert.deepEqual(call(Int32Array.of(3, 0)), [0, 0]);
  const noBlock: NativeAddon = {
    ...a,
    adamL1: (...args: Parameters<NativeAddon['adamL1']>) => {
      if (args[20]) args[2] = new ArrayBuffer(args[2].byteLength); // a block pass that reads zeros
      return a.adamL1(...args);
    },
  };
  assert.match((await checkNativeKernels(noBlock)) ?? '', /adamL1 block mode/);
});
