import type { Csr, ReplayModel } from './types.js';

/**
 * The replay form seen as a dense-id URN: its kept synapses as an S×S CSR and its biases as an
 * S-vector (0 for dropped neurons, which hold the constant 0 wherever they matter).
 *
 * ```ts
 * const { kept, b } = expandReplay(model);
 * ```
 */
export function expandReplay(model: ReplayModel): { kept: Csr; b: Float32Array } {
  const { S } = model.config;
  const K = model.neurons.length;
  const { rowPtr, colIdx, values } = model.W;
  const b = new Float32Array(S);
  const dRowPtr = new Int32Array(S + 1);
  for (let c = 0; c < K; c++) {
    const i = model.neurons[c];
    b[i] = model.b[c];
    dRowPtr[i + 1] = rowPtr[c + 1] - rowPtr[c];
  }
  for (let i = 0; i < S; i++) dRowPtr[i + 1] += dRowPtr[i];
  const dCol = new Int32Array(colIdx.length);
  for (let k = 0; k < colIdx.length; k++) dCol[k] = model.neurons[colIdx[k]];
  // Rows stay in compact order, which is dense order, so values keep their positions.
  return { kept: { rows: S, cols: S, rowPtr: dRowPtr, colIdx: dCol, values: Float32Array.from(values) }, b };
}
