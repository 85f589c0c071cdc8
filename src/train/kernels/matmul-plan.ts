/** One (batched) GEMM as the native addon runs it: C[i] = op(A[i])·op(B[i]), row-major. */
export interface GemmPlan {
  batch: number;
  M: number;
  N: number;
  K: number;
  /** Floats between consecutive batch matrices; 0 broadcasts one matrix to the whole batch. */
  strideA: number;
  strideB: number;
  outShape: number[];
}

const prod = (xs: number[]) => xs.reduce((a, b) => a * b, 1);

/**
 * The GEMM plan of a tfjs `BatchMatMul` on shapes a and b, or null when the addon does not
 * cover it (different ranks, or batch dims that are neither equal nor all ones): the caller
 * then uses the original kernel.
 *
 * ```ts
 * planMatMul([128, 1000], [1000, 1000], false, true); // { batch: 1, M: 128, N: 1000, K: 1000, … }
 * ```
 */
export function planMatMul(a: number[], b: number[], transposeA: boolean, transposeB: boolean): GemmPlan | null {
  const r = a.length;
  if (r < 2 || b.length !== r) return null;
  const M = transposeA ? a[r - 1] : a[r - 2];
  const K = transposeA ? a[r - 2] : a[r - 1];
  const Kb = transposeB ? b[r - 1] : b[r - 2];
  const N = transposeB ? b[r - 2] : b[r - 1];
  if (K !== Kb) return null;
  const batchA = a.slice(0, r - 2);
  const batchB = b.slice(0, r - 2);
  const pa = prod(batchA);
  const pb = prod(batchB);
  const same = batchA.every((d, k) => d === batchB[k]);
  if (!same && pa !== 1 && pb !== 1) return null;
  const batchShape = same || pa !== 1 ? batchA : batchB;
  return {
    batch: Math.max(pa, pb),
    M,
    N,
    K,
    strideA: pa === 1 ? 0 : M * K,
    strideB: pb === 1 ? 0 : K * N,
    outShape: [...batchShape, M, N],
  };
}
