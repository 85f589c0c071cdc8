import type { Csr } from '../../src/core/sparse-model.js';

/**
 * The runtime's plain-JavaScript kernel before WebAssembly, kept as the tests' reference:
 * `out[row r] += A · inp[rows]` for a CSR matrix A, on a
 * state laid out neuron-major with `m` samples per row (row r of `out` starts at
 * `(outRow0 + r) * m`, column c of `inp` at `(inRow0 + c) * m`), over the first `mb` samples.
 * Four (then two, then one) synapses per pass keep one load-add-store of the output per four
 * multiply-adds; the sum of a pass is formed in float64 and rounded to float32 on store.
 *
 * ```ts
 * accumulateCsr(next, 0, cur, 0, model.W, m, mb); // next += W · cur
 * ```
 */
export function accumulateCsr(
  out: Float32Array,
  outRow0: number,
  inp: Float32Array,
  inRow0: number,
  A: Csr,
  m: number,
  mb: number,
): void {
  const { rowPtr, colIdx, values } = A;
  for (let r = 0; r < A.rows; r++) {
    const o = (outRow0 + r) * m;
    const end = o + mb;
    const base = inRow0 * m - o;
    let k = rowPtr[r];
    const e = rowPtr[r + 1];
    for (; k + 3 < e; k += 4) {
      const w0 = values[k];
      const w1 = values[k + 1];
      const w2 = values[k + 2];
      const w3 = values[k + 3];
      const a0 = base + colIdx[k] * m;
      const a1 = base + colIdx[k + 1] * m;
      const a2 = base + colIdx[k + 2] * m;
      const a3 = base + colIdx[k + 3] * m;
      for (let s = o; s < end; s++) out[s] += w0 * inp[a0 + s] + w1 * inp[a1 + s] + w2 * inp[a2 + s] + w3 * inp[a3 + s];
    }
    if (k + 1 < e) {
      const w0 = values[k];
      const w1 = values[k + 1];
      const a0 = base + colIdx[k] * m;
      const a1 = base + colIdx[k + 1] * m;
      for (let s = o; s < end; s++) out[s] += w0 * inp[a0 + s] + w1 * inp[a1 + s];
      k += 2;
    }
    if (k < e) {
      const w = values[k];
      const a = base + colIdx[k] * m;
      for (let s = o; s < end; s++) out[s] += w * inp[a + s];
    }
  }
}
