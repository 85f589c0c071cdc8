import { tf } from '../tf.js';
import type { NativeAddon } from './native.js';
import { nativeMatMulCalls } from './native-matmul.js';
import { readFloats } from '../read.js';
import { compare, values } from './self-check-data.js';
import { checkAdam } from './self-check-adam.js';

/** op(A)·op(B) (+ bias, activation) in float64 loops, batched with broadcasting of one side. */
function reference(A: Float32Array, as: number[], B: Float32Array, bs: number[], tA: boolean, tB: boolean, bias?: Float32Array, act = 'linear'): Float64Array {
  const [ar, ac] = as.slice(-2);
  const [br, bc] = bs.slice(-2);
  const M = tA ? ac : ar;
  const K = tA ? ar : ac;
  const N = tB ? br : bc;
  const ba = A.length / (ar * ac);
  const bb = B.length / (br * bc);
  const batch = Math.max(ba, bb);
  const out = new Float64Array(batch * M * N);
  for (let p = 0; p < batch; p++) {
    const oa = (ba === 1 ? 0 : p) * ar * ac;
    const ob = (bb === 1 ? 0 : p) * br * bc;
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += A[oa + (tA ? k * ac + i : i * ac + k)] * B[ob + (tB ? j * bc + k : k * bc + j)];
        if (bias) s += bias.length === 1 ? bias[0] : bias[j];
        if (act === 'relu') s = Math.max(0, s);
        if (act === 'sigmoid') s = 1 / (1 + Math.exp(-s));
        out[(p * M + i) * N + j] = s;
      }
    }
  }
  return out;
}

/** The values of the tensor `fn` builds (its intermediates freed), read the engine's one way. */
async function computed(fn: () => tf.Tensor): Promise<Float32Array> {
  const t = tf.tidy(fn);
  return readFloats(t).finally(() => t.dispose());
}

const MATMUL_CASES: [number[], number[], boolean, boolean][] = [
  [[7, 5], [5, 3], false, false],
  [[5, 7], [5, 3], true, false],
  [[7, 5], [3, 5], false, true],
  [[5, 7], [3, 5], true, true],
  [[2, 4, 3], [2, 3, 6], false, false],
  [[2, 3, 4], [1, 6, 3], true, true],
  [[33, 70], [70, 65], false, false],
];

/** Matmul and fused matmul through tfjs (so through the installed kernels) against float64 loops. */
async function checkMatMul(): Promise<string | null> {
  const before = nativeMatMulCalls.count;
  for (const [k, [as, bs, tA, tB]] of MATMUL_CASES.entries()) {
    const A = values(as.reduce((x, y) => x * y), 11 + k);
    const B = values(bs.reduce((x, y) => x * y), 29 + k);
    const got = await computed(() => tf.matMul(tf.tensor(A, as), tf.tensor(B, bs), tA, tB));
    const why = compare(got, reference(A, as, B, bs, tA, tB), `matMul ${as}×${bs} tA=${tA} tB=${tB}`);
    if (why) return why;
  }
  const fusedCases: [number[], number[], boolean, boolean, string][] = [
    [[6, 5], [5, 4], false, false, 'relu'],
    [[6, 5], [4, 5], false, true, 'linear'],
    [[5, 6], [4, 5], true, true, 'sigmoid'],
  ];
  for (const [k, [as, bs, tA, tB, act]] of fusedCases.entries()) {
    const A = values(as[0] * as[1], 41 + k);
    const B = values(bs[0] * bs[1], 53 + k);
    const biasV = values(tB ? bs[0] : bs[1], 67 + k);
    const got = await computed(() =>
      tf.fused.matMul({ a: tf.tensor2d(A, [as[0], as[1]]), b: tf.tensor2d(B, [bs[0], bs[1]]), transposeA: tA, transposeB: tB, bias: tf.tensor1d(biasV), activation: act as 'relu' }),
    );
    const why = compare(got, reference(A, as, B, bs, tA, tB, biasV, act), `fused matMul ${as}×${bs} tB=${tB} ${act}`);
    if (why) return why;
  }
  if (nativeMatMulCalls.count - before < MATMUL_CASES.length + fusedCases.length) {
    return 'the native matmul kernels were not the ones tfjs ran';
  }
  return null;
}

/**
 * Check the installed native kernels and the addon's Adam pass against float64/float32
 * references on small cases. Returns null when everything agrees, else the first mismatch.
 * Leaks no tensors.
 *
 * ```ts
 * const why = await checkNativeKernels(addon); // null: safe to use
 * ```
 */
export async function checkNativeKernels(addon: NativeAddon): Promise<string | null> {
  try {
    return (await checkMatMul()) ?? checkAdam(addon);
  } catch (e) {
    return `self-check threw: ${(e as Error).message.split('\n')[0]}`;
  }
}
