import { tf } from '../tf.js';
import type { NativeAddon } from './native.js';
import { nativeMatMulCalls } from './native-matmul.js';
import { readFloats } from '../read.js';

/** Relative-plus-absolute tolerance of the self-check (float32 GEMM against a float64 loop). */
const TOL = { rtol: 1e-4, atol: 1e-5 };

/** A small deterministic pseudo-random float array (no dependency on the engine's RNG). */
function values(n: number, seed: number): Float32Array<ArrayBuffer> {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

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

function compare(got: ArrayLike<number>, want: ArrayLike<number>, what: string): string | null {
  if (got.length !== want.length) return `${what}: ${got.length} values, expected ${want.length}`;
  for (let k = 0; k < want.length; k++) {
    if (!(Math.abs(got[k] - want[k]) <= TOL.atol + TOL.rtol * Math.abs(want[k]))) {
      return `${what}: element ${k} is ${got[k]}, expected ${want[k]}`;
    }
  }
  return null;
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
 * The fused L1 + Adam pass against the same float32 formula in JS (Math.fround at every op), in
 * both modes: the L1 subgradient (`proxLr` 0) and the proximal soft-threshold (`proxLr` = lr),
 * each with and without the synapse lengths d (the addon specialises its loop for all four).
 */
function checkAdam(addon: NativeAddon): string | null {
  const n = 70_001; // above the threading threshold, odd to split unevenly
  const f = Math.fround;
  for (const [proxLr, withD] of [[0, true], [0, false], [1e-3, true], [1e-3, false]] as const) {
    // Without lengths, a larger c_W so that the proximal step still zeroes some weights.
    const cW = withD ? 1e-3 : 5e-3;
    const h = { lrc1: 1e-3 / (1 - 0.9 ** 3), b1: 0.9, b2: 0.999, c2: 1 / (1 - 0.999 ** 3), eps: 1e-7, cW, cSyn: 2e-3 };
    const w = values(n, 3);
    w[5] = 0;
    const g = values(n, 5);
    const m = values(n, 7).map((x) => x * 0.01);
    const v = values(n, 9).map((x) => Math.abs(x) * 1e-4);
    const d = withD ? values(n, 13).map((x) => Math.abs(x) * 3) : new Float32Array(n);
    const want = { w: new Float32Array(n), m: new Float32Array(n), v: new Float32Array(n) };
    let sumAbs = 0;
    let sumAbsD = 0;
    for (let k = 0; k < n; k++) {
      const s = Math.sign(w[k]);
      let gk = g[k];
      if (!proxLr) {
        gk = f(gk + f(s * f(h.cW)));
        gk = f(gk + f(s * f(d[k] * f(h.cSyn))));
      }
      sumAbs += Math.abs(w[k]);
      sumAbsD += Math.abs(w[k]) * d[k];
      want.m[k] = f(f(m[k] * f(h.b1)) + f(gk * f(1 - h.b1)));
      want.v[k] = f(f(v[k] * f(h.b2)) + f(f(gk * gk) * f(1 - h.b2)));
      const q = f(f(Math.sqrt(f(want.v[k] * f(h.c2)))) + f(h.eps));
      const u = f(w[k] - f(f(want.m[k] * f(h.lrc1)) / q));
      if (!proxLr) want.w[k] = u;
      else {
        const tau = f(f(f(proxLr) * f(f(h.cW) + f(d[k] * f(h.cSyn)))) / q);
        const au = f(Math.abs(u) - tau);
        want.w[k] = au > 0 ? Math.sign(u) * au : 0;
      }
    }
    const [sa, sd] = addon.adamL1(
      w.buffer, 0, g.buffer, 0, m.buffer, 0, v.buffer, 0, n, h.lrc1, h.b1, h.b2, h.c2, h.eps, h.cW, withD ? d.buffer : null, 0,
      h.cSyn, 2, proxLr,
    );
    const what = `adamL1 (${proxLr ? 'proximal' : 'subgradient'}, ${withD ? 'with' : 'without'} lengths)`;
    const why =
      compare([sa], [sumAbs], `${what} Σ|w|`) ??
      compare([sd], [withD ? sumAbsD : 0], `${what} Σ|w|·d`) ??
      compare(m, want.m, `${what} m`) ??
      compare(v, want.v, `${what} v`) ??
      compare(w, want.w, `${what} w`);
    if (why) return why;
    if (proxLr && !w.some((x) => x === 0)) return `${what}: no weight was thresholded to 0`;
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
