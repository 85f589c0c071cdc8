import type { Csr } from '../core/sparse-model.js';
import type { Fail } from './schema.js';

/**
 * Check that typed arrays have the expected class and length, and that float values are finite.
 *
 * ```ts
 * checkArray(model.b, Float32Array, K, 'b', fail);
 * ```
 */
export function checkArray(
  a: unknown,
  Ctor: typeof Float32Array | typeof Int32Array,
  length: number,
  name: string,
  fail: Fail,
): void {
  if (!(a instanceof Ctor)) fail(`${name} must be a ${Ctor.name}.`);
  const arr = a as Float32Array | Int32Array;
  if (arr.length !== length) fail(`${name} must have ${length} entries, got ${arr.length}.`);
  if (arr instanceof Float32Array) {
    for (let k = 0; k < arr.length; k++) if (!Number.isFinite(arr[k])) fail(`${name}[${k}] is not finite (${arr[k]}).`);
  }
}

/**
 * Check a CSR matrix of the given shape: rowPtr starts at 0, never decreases and ends at nnz;
 * columns are in [0, cols) and strictly increasing within each row; values are finite.
 *
 * ```ts
 * checkCsr(model.W, K, K, 'W', fail);
 * ```
 */
export function checkCsr(m: Csr, rows: number, cols: number, name: string, fail: Fail): void {
  if (typeof m !== 'object' || m === null) fail(`${name} must be a CSR matrix.`);
  if (m.rows !== rows || m.cols !== cols) fail(`${name} must be ${rows}×${cols}, got ${m.rows}×${m.cols}.`);
  checkArray(m.rowPtr, Int32Array, rows + 1, `${name}.rowPtr`, fail);
  if (!(m.colIdx instanceof Int32Array)) fail(`${name}.colIdx must be an Int32Array.`);
  const nnz = m.colIdx.length;
  checkArray(m.values, Float32Array, nnz, `${name}.values`, fail);
  const { rowPtr, colIdx } = m;
  if (rowPtr[0] !== 0) fail(`${name}.rowPtr[0] must be 0, got ${rowPtr[0]}.`);
  if (rowPtr[rows] !== nnz) fail(`${name}.rowPtr[${rows}] must equal the ${nnz} stored entries, got ${rowPtr[rows]}.`);
  for (let r = 0; r < rows; r++) {
    const a = rowPtr[r];
    const b = rowPtr[r + 1];
    if (b < a || b > nnz) fail(`${name}.rowPtr is not monotone within [0, ${nnz}] at row ${r} (${a} → ${b}).`);
    let last = -1;
    for (let k = a; k < b; k++) {
      const c = colIdx[k];
      if (c < 0 || c >= cols) fail(`${name}.colIdx[${k}] = ${c} is out of [0, ${cols}).`);
      if (c <= last) fail(`${name} row ${r}: columns must be strictly increasing (${last} then ${c}).`);
      last = c;
    }
  }
}
