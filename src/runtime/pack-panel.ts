import type { Csr } from '../core/csr.js';

/**
 * A CSR matrix's weights as gemm.wat's packed panel (rows × cols floats, zeros included): rows in
 * tiles of four, each tile `cols` steps of its four weights (`A[4t+i][k]` at `4(t·cols + k) + i`),
 * then the last `rows % 4` rows row-major (row r at `r·cols`).
 *
 * ```ts
 * const panel = packPanel(block.matrix); // panel.length === rows * cols
 * ```
 */
export function packPanel(A: Csr): Float32Array {
  const { rows, cols, rowPtr, colIdx, values } = A;
  const panel = new Float32Array(rows * cols);
  const full = rows - (rows % 4);
  for (let r = 0; r < rows; r++) {
    const base = r < full ? (r - (r % 4)) * cols : r * cols;
    const step = r < full ? 4 : 1;
    const lane = r < full ? r % 4 : 0;
    for (let k = rowPtr[r]; k < rowPtr[r + 1]; k++) panel[base + colIdx[k] * step + lane] = values[k];
  }
  return panel;
}

/**
 * Whether a block runs faster stored dense (gemm.wat) than as CSR (spmm.wat): when at least
 * `DENSE_MIN_DENSITY` of its entries are nonzero.
 *
 * ```ts
 * const dense = storeDense(block.matrix);
 * ```
 */
export function storeDense(A: Csr): boolean {
  return A.rows * A.cols > 0 && A.rowPtr[A.rows] >= DENSE_MIN_DENSITY * A.rows * A.cols;
}

/** The density from which a block is stored dense: where gemm.wat overtakes spmm.wat (`npm run bench -- kernels`). */
export const DENSE_MIN_DENSITY = 0.7;
