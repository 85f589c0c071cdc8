import type { TopologyCsr } from '../core/csr.js';

/**
 * Longest-path layering of a neuron graph from its inputs, ignoring self-loops: an input with
 * edges is at layer max(0, longest path to it from another input), any other node at the
 * longest path to it from some input. Nodes no input reaches, and nodes without edges (other
 * than self-loops), get −1. Returns null when the graph without self-loops has a cycle. Kahn's
 * algorithm on typed arrays, O(n + edges), no recursion.
 *
 * ```ts
 * const lp = longestPathLayers(csr, roles.map((r) => (r === 1 ? 1 : 0)));
 * ```
 */
export function longestPathLayers(csr: TopologyCsr, isInput: ArrayLike<number>): Int32Array | null {
  const n = csr.rows;
  const { rowPtr, colIdx } = csr;
  const indeg = new Int32Array(n);
  const outdeg = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const j = colIdx[k];
      if (j === i) continue;
      indeg[i]++;
      outdeg[j]++;
    }
  }
  // Outgoing adjacency without self-loops.
  const outPtr = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) outPtr[j + 1] = outPtr[j] + outdeg[j];
  const fill = outPtr.slice(0, n);
  const out = new Int32Array(outPtr[n]);
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) if (colIdx[k] !== i) out[fill[colIdx[k]]++] = i;
  }
  const layer = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) if (isInput[i] && indeg[i] + outdeg[i] > 0) layer[i] = 0;
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  const rem = indeg.slice();
  for (let i = 0; i < n; i++) if (rem[i] === 0) queue[tail++] = i;
  while (head < tail) {
    const j = queue[head++];
    for (let p = outPtr[j]; p < outPtr[j + 1]; p++) {
      const i = out[p];
      if (layer[j] >= 0 && layer[j] + 1 > layer[i]) layer[i] = layer[j] + 1;
      if (--rem[i] === 0) queue[tail++] = i;
    }
  }
  return tail === n ? layer : null;
}
