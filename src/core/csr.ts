import { ShapeError, prefix } from '../errors.js';

const where = prefix('csr');

/**
 * A compressed-sparse-row matrix: row r holds `colIdx[rowPtr[r] .. rowPtr[r+1])` with `values`
 * at the same positions, columns strictly increasing within a row. As a neuron graph it is the
 * incoming adjacency: row i lists the synapses j → i (`values` are the weights W_ij). Node c then
 * stands for dense neuron `neuron[c]` when `neuron` is given, else for neuron c.
 *
 * ```ts
 * const m: Csr = { rows: 1, cols: 2, rowPtr: Int32Array.of(0, 1), colIdx: Int32Array.of(1), values: Float32Array.of(0.5) };
 * ```
 */
export interface Csr {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float32Array;
  /** Dense neuron id of each node (rows = cols), strictly increasing; absent for plain matrices. */
  neuron?: Int32Array;
}

/**
 * A square `Csr` over neurons that carries its dense neuron ids: what the graph analysis works on.
 *
 * ```ts
 * const csr: TopologyCsr = csrFromDense(snap.W, snap.config.S, 1e-3);
 * for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) console.log(csr.neuron[csr.colIdx[k]], '→', csr.neuron[i]);
 * ```
 */
export type TopologyCsr = Csr & { neuron: Int32Array };

/**
 * The synapses of a dense row-major W (`W[i*S + j]` is j → i) with |W_ij| > threshold, as a CSR
 * over all S neurons. Two plain scans of W; NaN weights are dropped.
 *
 * ```ts
 * const csr = csrFromDense(snap.W, snap.config.S, 0); // every nonzero synapse
 * csr.colIdx.length; // synapse count
 * ```
 */
export function csrFromDense(W: Float32Array, S: number, threshold: number): TopologyCsr {
  if (W.length !== S * S) throw new ShapeError(where(`W must have S² = ${S * S} entries, got ${W.length}.`));
  const rowPtr = new Int32Array(S + 1);
  let nnz = 0;
  for (let i = 0; i < S; i++) {
    const o = i * S;
    for (let j = 0; j < S; j++) if (Math.abs(W[o + j]) > threshold) nnz++;
    rowPtr[i + 1] = nnz;
  }
  const colIdx = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let k = 0;
  for (let i = 0; i < S; i++) {
    const o = i * S;
    for (let j = 0; j < S; j++) {
      const w = W[o + j];
      if (Math.abs(w) > threshold) {
        colIdx[k] = j;
        values[k++] = w;
      }
    }
  }
  const neuron = new Int32Array(S);
  for (let i = 0; i < S; i++) neuron[i] = i;
  return { rows: S, cols: S, rowPtr, colIdx, values, neuron };
}

/**
 * The transpose: outgoing adjacency (row j lists the targets i of j → i), same weights and
 * neuron ids. Counting sort, O(n + edges).
 *
 * ```ts
 * const out = transposeCsr(csr); // out.colIdx[out.rowPtr[j] ..] are the targets of j
 * ```
 */
export function transposeCsr(csr: TopologyCsr): TopologyCsr {
  const n = csr.rows;
  const m = csr.colIdx.length;
  const rowPtr = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) rowPtr[csr.colIdx[k] + 1]++;
  for (let j = 0; j < n; j++) rowPtr[j + 1] += rowPtr[j];
  const fill = rowPtr.slice(0, n);
  const colIdx = new Int32Array(m);
  const values = new Float32Array(m);
  for (let i = 0; i < n; i++) {
    for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) {
      const p = fill[csr.colIdx[k]]++;
      colIdx[p] = i;
      values[p] = csr.values[k];
    }
  }
  return { rows: n, cols: n, rowPtr, colIdx, values, neuron: csr.neuron };
}

/**
 * The sub-graph of the kept nodes and edges, renumbered in order: node c of the result is the
 * c-th node with `keepNode` set. An edge is kept when `keepEdge[k]` is set (default: all) and
 * both its ends are kept. Columns stay increasing; neuron ids are carried over when present.
 *
 * ```ts
 * const small = subCsr(csr, keptNeurons, liveEdges(csr, unroll(csr, cfg)));
 * ```
 */
export function subCsr<C extends Csr>(csr: C, keepNode: Uint8Array, keepEdge?: Uint8Array): C {
  const n = csr.rows;
  const compact = new Int32Array(n).fill(-1);
  let K = 0;
  for (let i = 0; i < n; i++) if (keepNode[i]) compact[i] = K++;
  const rowPtr = new Int32Array(K + 1);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (!keepNode[i]) continue;
    for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) {
      if ((!keepEdge || keepEdge[k]) && keepNode[csr.colIdx[k]]) m++;
    }
    rowPtr[compact[i] + 1] = m;
  }
  const colIdx = new Int32Array(m);
  const values = new Float32Array(m);
  const neuron = csr.neuron ? new Int32Array(K) : undefined;
  let p = 0;
  for (let i = 0; i < n; i++) {
    if (!keepNode[i]) continue;
    if (neuron) neuron[compact[i]] = csr.neuron![i];
    for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) {
      const j = csr.colIdx[k];
      if ((!keepEdge || keepEdge[k]) && keepNode[j]) {
        colIdx[p] = compact[j];
        values[p++] = csr.values[k];
      }
    }
  }
  const out: Csr = { rows: K, cols: K, rowPtr, colIdx, values };
  if (neuron) out.neuron = neuron;
  return out as C;
}
