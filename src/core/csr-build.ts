import type { Csr } from './sparse-model.js';

/**
 * Build a CSR from (row, col, value) triplets in any order; duplicates are summed and columns
 * end up strictly increasing within each row.
 *
 * ```ts
 * const m = csrFromTriplets(2, 3, Int32Array.of(1, 0), Int32Array.of(2, 0), Float64Array.of(0.5, 1));
 * ```
 */
export function csrFromTriplets(
  rows: number,
  cols: number,
  r: ArrayLike<number>,
  c: ArrayLike<number>,
  v: ArrayLike<number>,
): Csr {
  const count = r.length;
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) order[k] = k;
  order.sort((a, b) => r[a] - r[b] || c[a] - c[b]);
  const rowPtr = new Int32Array(rows + 1);
  const colIdx: number[] = [];
  const values: number[] = [];
  let lastR = -1;
  let lastC = -1;
  for (let q = 0; q < count; q++) {
    const k = order[q];
    if (r[k] === lastR && c[k] === lastC) {
      values[values.length - 1] += v[k];
      continue;
    }
    lastR = r[k];
    lastC = c[k];
    colIdx.push(c[k]);
    values.push(v[k]);
    rowPtr[r[k] + 1]++;
  }
  for (let i = 0; i < rows; i++) rowPtr[i + 1] += rowPtr[i];
  return { rows, cols, rowPtr, colIdx: Int32Array.from(colIdx), values: Float32Array.from(values) };
}
