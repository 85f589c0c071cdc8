/**
 * How the WGSL GEMM (`gemmWgsl`) tiles C = op(A)·op(B) (+ bias, φ): a workgroup of 16×16
 * threads computes a TM×TN block of C (TM = 16·rm, TN = 16·rn), thread (tx, ty) the rm×rn
 * elements at rows ty + 16·i and columns tx + 16·j; K is walked in steps of tk through two
 * workgroup tiles, A's stored k-major as tileA[kk·(TM+1) + mm], B's as tileB[kk·(TN+1) + nn]
 * (one float of padding against bank conflicts). Loads are coalesced on the operand's contiguous
 * dimension: flat load index idx → (mm, kk) = transA ? (idx mod TM, idx div TM) : (idx div tk, idx mod tk),
 * and likewise for B.
 */
export interface GemmTile {
  rm: number;
  rn: number;
  tk: number;
}

/** Threads per side of a workgroup. */
export const GEMM_SIDE = 16;

/**
 * The tile for a problem size: larger blocks for larger M and N (more reuse per load), and a
 * shorter K step when the tiles are big, so both stay within 16 KiB of workgroup memory. Below
 * M = 1024 the tile stays 4×4 (at M = 128, N = K = 5000 on an H200, 4×4×16 took 2.7 ms, 2×8×16
 * 4.8 ms and 8×8×8 4.4 ms: bench/results/gpu).
 *
 * ```ts
 * chooseTile(128, 5000, 5000); // { rm: 4, rn: 4, tk: 16 }
 * ```
 */
export function chooseTile(M: number, N: number, _K: number): GemmTile {
  const rm = M >= 1024 ? 8 : M >= 64 ? 4 : 2;
  const rn = N >= 1024 && M >= 1024 ? 8 : 4;
  const tk = rm * rn >= 64 ? 8 : 16;
  return { rm, rn, tk };
}

/**
 * Bytes of workgroup memory a tile uses (WebGPU guarantees 16,384).
 *
 * ```ts
 * tileBytes({ rm: 8, rn: 8, tk: 8 }); // 8256
 * ```
 */
export const tileBytes = (t: GemmTile): number => 4 * t.tk * (GEMM_SIDE * t.rm + 1 + GEMM_SIDE * t.rn + 1);

/** One GEMM problem: row-major A (M×K, or K×M when transA), B (K×N, or N×K when transB). */
export interface GemmProblem {
  a: Float32Array;
  b: Float32Array;
  M: number;
  N: number;
  K: number;
  transA: boolean;
  transB: boolean;
  /** Added per column (length N). */
  bias?: Float32Array;
  relu?: boolean;
}

/** Flat load index → (row-or-col, k) in one operand tile, as the kernel maps it. */
function loadCoord(idx: number, T: number, tk: number, kFastest: boolean): [number, number] {
  return kFastest ? [Math.floor(idx / tk), idx % tk] : [idx % T, Math.floor(idx / T)];
}

/**
 * The WGSL GEMM's algorithm in TypeScript: the same workgroups, the same tile loads with the same
 * index mapping and zero fill at the edges, the same k order with fused multiply-adds (float32
 * rounding), then bias and relu. Returns C (M×N).
 *
 * ```ts
 * const c = tiledGemmReference({ a: new Float32Array(8), b: new Float32Array(6), M: 4, N: 3, K: 2, transA: false, transB: true }, chooseTile(4, 3, 2));
 * ```
 */
export function tiledGemmReference(p: GemmProblem, t: GemmTile): Float32Array {
  const { M, N, K } = p;
  const TM = GEMM_SIDE * t.rm;
  const TN = GEMM_SIDE * t.rn;
  const tileA = new Float32Array(t.tk * (TM + 1));
  const tileB = new Float32Array(t.tk * (TN + 1));
  const c = new Float32Array(M * N);
  for (let row0 = 0; row0 < M; row0 += TM) {
    for (let col0 = 0; col0 < N; col0 += TN) {
      const acc = new Float32Array(TM * TN); // acc[(ty + 16i)·TN + tx + 16j] for every thread
      for (let k0 = 0; k0 < K; k0 += t.tk) {
        for (let idx = 0; idx < TM * t.tk; idx += 1) {
          const [mm, kk] = loadCoord(idx, TM, t.tk, !p.transA);
          const gm = row0 + mm;
          const gk = k0 + kk;
          tileA[kk * (TM + 1) + mm] = gm < M && gk < K ? p.a[p.transA ? gk * M + gm : gm * K + gk] : 0;
        }
        for (let idx = 0; idx < TN * t.tk; idx += 1) {
          const [nn, kk] = loadCoord(idx, TN, t.tk, p.transB);
          const gn = col0 + nn;
          const gk = k0 + kk;
          tileB[kk * (TN + 1) + nn] = gn < N && gk < K ? p.b[p.transB ? gn * K + gk : gk * N + gn] : 0;
        }
        for (let kk = 0; kk < t.tk; kk++) {
          for (let r = 0; r < TM; r++) {
            const a = tileA[kk * (TM + 1) + r];
            for (let q = 0; q < TN; q++) acc[r * TN + q] = Math.fround(a * tileB[kk * (TN + 1) + q] + acc[r * TN + q]);
          }
        }
      }
      for (let r = 0; r < TM && row0 + r < M; r++) {
        for (let q = 0; q < TN && col0 + q < N; q++) {
          let v = acc[r * TN + q];
          if (p.bias) v = Math.fround(v + p.bias[col0 + q]);
          if (p.relu) v = Math.max(v, 0);
          c[(row0 + r) * N + col0 + q] = v;
        }
      }
    }
  }
  return c;
}
