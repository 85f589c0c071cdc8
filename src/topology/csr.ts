import { ShapeError, prefix } from '../errors.js';

const where = prefix('topology csr');

/**
 * A neuron graph as incoming adjacency in compressed-sparse-row form: row i lists the synapses
 * j → i, so `colIdx[rowPtr[i] .. rowPtr[i+1])` are the sources j and `values` the weights W_ij,
 * sources strictly increasing within a row. Node c stands for dense neuron `neuron[c]` (the
 * identity when built from a dense W). The field names match `src/sparse`'s `Csr`, so a
 * `TopologyCsr` can be passed wherever a `Csr` is expected.
 *
 * ```ts
 * const csr = csrFromDense(snap.W, snap.config.S, 1e-3);
 * for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) console.log(csr.colIdx[k], '→', i, csr.values[k]);
 * ```
 */
export interface TopologyCsr {
  /** Nodes (rows = cols). */
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float32Array;
  /** Dense neuron id of each node, strictly increasing. */
  neuron: Int32Array;
}

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
 * both its ends are kept.
 *
 * ```ts
 * const small = subCsr(csr, keptNeurons, liveEdges);
 * ```
 */
export function subCsr(csr: TopologyCsr, keepNode: Uint8Array, keepEdge?: Uint8Array): TopologyCsr {
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
  const neuron = new Int32Array(K);
  let p = 0;
  for (let i = 0; i < n; i++) {
    if (!keepNode[i]) continue;
    neuron[compact[i]] = csr.neuron[i];
    for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) {
      const j = csr.colIdx[k];
      if ((!keepEdge || keepEdge[k]) && keepNode[j]) {
        colIdx[p] = compact[j];
        values[p++] = csr.values[k];
      }
    }
  }
  return { rows: K, cols: K, rowPtr, colIdx, values, neuron };
}
