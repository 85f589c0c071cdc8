import type { TopologyCsr } from '../core/csr.js';

/**
 * Strongly connected components: `component[c]` is node c's component, 0..count−1.
 *
 * ```ts
 * const { component, count } = stronglyConnected(csr);
 * ```
 */
export interface Components {
  component: Int32Array;
  count: number;
  /** Nodes in each component. */
  sizes: Int32Array;
}

/**
 * Strongly connected components by Tarjan's algorithm with an explicit stack (no recursion, so a
 * 10⁶-node chain is fine). Works on the CSR's incoming adjacency, which has the same components.
 *
 * ```ts
 * const { count, sizes } = stronglyConnected(csr);
 * const loops = Array.from(sizes).filter((s) => s > 1).length;
 * ```
 */
export function stronglyConnected(csr: TopologyCsr): Components {
  const n = csr.rows;
  const { rowPtr, colIdx } = csr;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callPos = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  let sp = 0;
  let next = 0;
  for (let s = 0; s < n; s++) {
    if (index[s] >= 0) continue;
    let csp = 0;
    index[s] = low[s] = next++;
    stack[sp++] = s;
    onStack[s] = 1;
    callNode[csp] = s;
    callPos[csp++] = rowPtr[s];
    while (csp > 0) {
      const v = callNode[csp - 1];
      const p = callPos[csp - 1];
      if (p < rowPtr[v + 1]) {
        callPos[csp - 1] = p + 1;
        const w = colIdx[p];
        if (index[w] < 0) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[csp] = w;
          callPos[csp++] = rowPtr[w];
        } else if (onStack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      if (low[v] === index[v]) {
        const id = sizes.length;
        let size = 0;
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          component[w] = id;
          size++;
        } while (w !== v);
        sizes.push(size);
      }
      csp--;
      if (csp > 0) {
        const parent = callNode[csp - 1];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
    }
  }
  return { component, count: sizes.length, sizes: Int32Array.from(sizes) };
}
