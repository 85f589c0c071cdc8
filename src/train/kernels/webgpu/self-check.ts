import { tf } from '../../tf.js';
import { tiledGemmReference } from '../gemm-tiling.js';
import { adamL1Reference } from '../adam-l1-reference.js';
import { chooseTile } from '../gemm-tiling.js';
import { setGemmPolicy, type GemmPolicy } from './gemm.js';
import { webgpuAdamL1 } from './adam-l1.js';
import { readFloats, readScalar } from '../../read.js';

/** The self-check's bound on |got − want| / max |want| (float32 sums of a few dozen terms). */
const TOL = 1e-5;

const values = (n: number, seed: number): Float32Array => {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
};

function mismatch(got: ArrayLike<number>, want: ArrayLike<number>, what: string): string | null {
  let peak = 0;
  let worst = 0;
  for (let k = 0; k < want.length; k++) {
    peak = Math.max(peak, Math.abs(want[k]));
    const d = Math.abs(got[k] - want[k]);
    worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
  }
  return worst <= TOL * (peak || 1) ? null : `${what}: max |Δ| ${worst.toExponential(2)} against max ${peak.toExponential(2)}`;
}

/** Every operand layout, with and without bias + relu, at a size with partial tiles. */
async function gemms(): Promise<string | null> {
  const [M, N, K] = [37, 70, 45];
  for (const [tA, tB] of [[false, false], [false, true], [true, false], [true, true]] as const) {
    for (const fused of [false, true]) {
      const a = values(M * K, 1 + M);
      const b = values(K * N, 2 + N);
      const bias = fused ? values(N, 3) : undefined;
      const out = tf.tidy(() => {
        const A = tf.tensor2d(a, tA ? [K, M] : [M, K]);
        const B = tf.tensor2d(b, tB ? [N, K] : [K, N]);
        if (!bias) return tf.matMul(A, B, tA, tB);
        return tf.fused.matMul({ a: A, b: B, transposeA: tA, transposeB: tB, bias: tf.tensor1d(bias), activation: 'relu' });
      });
      const got = await readFloats(out).finally(() => out.dispose());
      const want = tiledGemmReference({ a, b, M, N, K, transA: tA, transB: tB, bias, relu: fused }, chooseTile(M, N, K));
      const why = mismatch(got, want, `gemm tA=${tA} tB=${tB}${fused ? ' + bias, relu' : ''}`);
      if (why) return why;
    }
  }
  return null;
}

/** One proximal pass with lengths (the variant that exercises every term) on 4096 weights. */
async function adam(): Promise<string | null> {
  const n = 4096;
  const [w, g, d] = [values(n, 7).map((x, k) => (k % 9 ? x * 0.05 : 0)), values(n, 8).map((x) => x * 1e-2), values(n, 9).map(Math.abs)];
  const fresh = (x: Float32Array) => tf.tidy(() => tf.variable(tf.tensor2d(x, [64, 64]), false));
  const [W, M, V] = [fresh(w), fresh(new Float32Array(n)), fresh(new Float32Array(n))];
  const [G, D] = [tf.tensor2d(g, [64, 64]), tf.tensor2d(d, [64, 64])];
  const h = { lrc1: 0.1, beta1: 0.9, beta2: 0.999, c2: 1000, epsilon: 1e-7, lr: 0.01 };
  try {
    const r = webgpuAdamL1([{ param: W, grad: G, m: M, v: V }], h, { cW: 1e-2, cSyn: 1e-2, lengths: D, proximal: true });
    if (!r) return 'adam: the WGSL pass did not run';
    const weight = await readScalar(r.weight);
    tf.dispose([r.weight, r.length]);
    const ref = { w: w.slice(), g, m: new Float32Array(n), v: new Float32Array(n), d };
    const s = adamL1Reference(ref, { ...h, cW: 1e-2, cSyn: 1e-2, proxLr: h.lr });
    return (
      mismatch(await readFloats(W), ref.w, 'adam W') ??
      mismatch(await readFloats(M), ref.m, 'adam m') ??
      mismatch([weight], [1e-2 * s.sumAbs], 'adam Σ|W|')
    );
  } finally {
    tf.dispose([W, M, V, G, D]);
  }
}

/**
 * Check the WGSL kernels on this GPU against their TypeScript references (as the native addon is
 * checked when it is installed): null when they agree, else what differed. Call with the
 * kernels installed on the webgpu backend.
 *
 * ```ts
 * const why = await checkWebgpuKernels();
 * ```
 */
export async function checkWebgpuKernels(): Promise<string | null> {
  const saved: GemmPolicy = setGemmPolicy({});
  setGemmPolicy({ forms: 'all', minFlops: 0, tile: null });
  try {
    return (await gemms()) ?? (await adam());
  } finally {
    setGemmPolicy(saved);
  }
}
