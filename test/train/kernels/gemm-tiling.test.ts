import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../../src/train/tf.js';
import { chooseTile, tileBytes, tiledGemmReference, type GemmTile } from '../../../src/train/kernels/gemm-tiling.js';
import { createRng } from '../../../src/util/rng.js';
import { noLeak, setupBackend } from '../../helpers/backend.js';
import { assertClose, F32_REDUCED } from '../../helpers/tolerance.js';

before(setupBackend);

const rand = (n: number, seed: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
};

/** The tiled reference against tfjs's matMul (fused with bias and relu when asked) on the backend in use. */
function check(M: number, N: number, K: number, transA: boolean, transB: boolean, tile: GemmTile, epilogue = false) {
  const a = rand(M * K, M + K);
  const b = rand(K * N, N + 7 * K);
  const bias = epilogue ? rand(N, 3) : undefined;
  const want = tf.tidy(() => {
    const A = tf.tensor2d(a, transA ? [K, M] : [M, K]);
    const B = tf.tensor2d(b, transB ? [N, K] : [K, N]);
    const out = epilogue
      ? tf.fused.matMul({ a: A, b: B, transposeA: transA, transposeB: transB, bias: tf.tensor1d(bias!), activation: 'relu' })
      : tf.matMul(A, B, transA, transB);
    return out.dataSync() as Float32Array;
  });
  const got = tiledGemmReference({ a, b, M, N, K, transA, transB, bias, relu: epilogue }, tile);
  assertClose(got, want, F32_REDUCED, `C ${M}×${N}×${K} tA=${transA} tB=${transB} tile ${JSON.stringify(tile)}`);
}

test('the tiled GEMM equals tfjs matMul in all four operand layouts, with edge tiles', async () => {
  await noLeak(() => {
    for (const [tA, tB] of [[false, false], [false, true], [true, false], [true, true]] as const) {
      check(37, 45, 29, tA, tB, { rm: 2, rn: 4, tk: 16 });
      check(33, 70, 19, tA, tB, { rm: 1, rn: 2, tk: 16 });
    }
  });
});

test("the URN's shapes: N·Wᵀ + b with relu, δ·W, and δᵀ·N with K = B", async () => {
  const S = 150;
  const B = 40;
  await noLeak(() => {
    check(B, S, S, false, true, chooseTile(B, S, S), true); // forward
    check(B, S, S, false, false, chooseTile(B, S, S)); // δ·W
    check(S, S, B, true, false, chooseTile(S, S, B)); // dW = δᵀ·N
    check(S, S, B, true, false, { rm: 8, rn: 8, tk: 8 }); // the big tile, one partial block
  });
});

test('every chosen tile fits in the 16 KiB of workgroup memory WebGPU guarantees, and loads divide evenly', () => {
  for (const M of [32, 128, 512, 4096, 20000]) {
    for (const N of [32, 1000, 5000]) {
      const t = chooseTile(M, N, 128);
      assert.ok(tileBytes(t) <= 16384, JSON.stringify(t));
      assert.equal((16 * t.rm * t.tk) % 256, 0);
      assert.equal((16 * t.rn * t.tk) % 256, 0);
    }
  }
});
