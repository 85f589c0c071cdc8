import ndarray, { type NdArray } from 'ndarray';
import type { Csr } from '../core/csr.js';

/**
 * A CSR matrix materialised as a dense rows×cols ndarray (for inspection and plots of small
 * emergent networks; it allocates rows·cols floats).
 *
 * ```ts
 * const w = csrToNdarray(model.W); w.get(i, j); // synapse j → i
 * ```
 */
export function csrToNdarray(m: Csr): NdArray<Float32Array> {
  const data = new Float32Array(m.rows * m.cols);
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.rowPtr[r]; k < m.rowPtr[r + 1]; k++) data[r * m.cols + m.colIdx[k]] = m.values[k];
  }
  return ndarray(data, [m.rows, m.cols]);
}

/**
 * A zero-copy n×dOut ndarray view of row-major logits.
 *
 * ```ts
 * const y = logitsView(predict(model, x, n), n, model.config.dOut); y.get(s, k);
 * ```
 */
export function logitsView(logits: Float32Array, n: number, dOut: number): NdArray<Float32Array> {
  return ndarray(logits, [n, dOut]);
}
