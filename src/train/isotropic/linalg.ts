import { Matrix, SVD } from 'ml-matrix';

/**
 * A full singular value decomposition A = R·L·Qᵀ of an m×n row-major matrix: R (m×m) and
 * Qᵀ (n×n) orthogonal, `sigma` the min(m, n) singular values in descending order. ml-matrix's
 * SVD gives the thin factors; the missing columns are completed by Gram–Schmidt against the
 * standard basis (twice, in float64).
 *
 * ```ts
 * const { R, sigma, QT } = svdFull(W, 3, 2);
 * ```
 */
export function svdFull(a: ArrayLike<number>, m: number, n: number): { R: Matrix; sigma: Float64Array; QT: Matrix } {
  const A = new Matrix(m, n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) A.set(i, j, a[i * n + j]);
  const k = Math.min(m, n);
  const svd = new SVD(A, { autoTranspose: true });
  const sigma = Float64Array.from(svd.diagonal.slice(0, k));
  const R = completeBasis(svd.leftSingularVectors, m, k);
  const Q = completeBasis(svd.rightSingularVectors, n, k);
  return { R, sigma, QT: Q.transpose() };
}

/** An m×m orthogonal matrix whose first `k` columns are U's first k, re-orthonormalised. */
function completeBasis(U: Matrix, m: number, k: number): Matrix {
  const out = new Matrix(m, m);
  const col = new Float64Array(m);
  let filled = 0;
  const tryAdd = (fill: (c: Float64Array) => void): boolean => {
    fill(col);
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q < filled; q++) {
        let d = 0;
        for (let i = 0; i < m; i++) d += out.get(i, q) * col[i];
        for (let i = 0; i < m; i++) col[i] -= d * out.get(i, q);
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += col[i] * col[i];
    norm = Math.sqrt(norm);
    if (norm < 0.5) return false;
    for (let i = 0; i < m; i++) out.set(i, filled, col[i] / norm);
    filled++;
    return true;
  };
  for (let q = 0; q < k && q < U.columns; q++) tryAdd((c) => { for (let i = 0; i < m; i++) c[i] = U.get(i, q); });
  for (let e = 0; e < m && filled < m; e++) tryAdd((c) => { c.fill(0); c[e] = 1; });
  return out;
}

/**
 * `U·X` for X stored row-major as rows×cols (U is rows×rows); with `square`, `(U∘U)·X`.
 *
 * ```ts
 * const y = mulLeft(U, x, 3, 1);
 * ```
 */
export function mulLeft(U: Matrix, x: Float32Array, rows: number, cols: number, square = false): Float32Array {
  const out = new Float32Array(x.length);
  const acc = new Float64Array(cols);
  const uf = U.to1DArray();
  for (let i = 0; i < rows; i++) {
    acc.fill(0);
    for (let r = 0; r < rows; r++) {
      let u = uf[i * rows + r];
      if (square) u *= u;
      if (u === 0) continue;
      const o = r * cols;
      for (let c = 0; c < cols; c++) acc[c] += u * x[o + c];
    }
    out.set(acc, i * cols);
  }
  return out;
}

/**
 * `X·Uᵀ` for X rows×cols row-major (U is cols×cols); with `square`, `X·(U∘U)ᵀ`.
 *
 * ```ts
 * const y = mulRightT(U, x, 2, 3);
 * ```
 */
export function mulRightT(U: Matrix, x: Float32Array, rows: number, cols: number, square = false): Float32Array {
  const out = new Float32Array(x.length);
  const uf = U.to1DArray();
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let c = 0; c < cols; c++) {
      let s = 0;
      for (let r = 0; r < cols; r++) {
        const u = uf[c * cols + r];
        s += (square ? u * u : u) * x[o + r];
      }
      out[o + c] = s;
    }
  }
  return out;
}
