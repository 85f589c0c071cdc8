import type { AbstractGraph, Attributes } from 'graphology-types';
import { ConfigError, prefix } from '../errors.js';
import type { TopologyCsr } from '../core/csr.js';

const where = prefix('topology graph');

/**
 * How to read an edge's weight, as in graphology's standard library: an attribute name, or a
 * function of the edge key and attributes. A missing attribute reads as 1.
 *
 * ```ts
 * const abs: EdgeWeightGetter = (_e, a) => Math.abs(a.weight);
 * ```
 */
export type EdgeWeightGetter = string | ((edge: string, attributes: Attributes) => number);

/**
 * A neuron graph compiled to CSR, with the graph key of each CSR node.
 *
 * ```ts
 * const { csr, keys } = csrFromGraph(graph); keys[0]; // graph key of CSR node 0
 * ```
 */
export interface GraphCsr {
  csr: TopologyCsr;
  /** Graph node key of CSR node c. */
  keys: string[];
}

/**
 * The neuron id of a node: its integer `index` attribute, else its key read as an integer.
 *
 * ```ts
 * neuronId('12', {}); // 12
 * ```
 */
export function neuronId(key: string, attributes: Attributes): number {
  const v = typeof attributes.index === 'number' ? attributes.index : /^\d+$/.test(key) ? Number(key) : NaN;
  if (!Number.isInteger(v) || v < 0) {
    throw new ConfigError(
      where(`node '${key}' has no integer 'index' attribute and its key is not an integer. Build it with compile() or set index.`),
    );
  }
  return v;
}

/**
 * Compile a directed graphology graph once into incoming-adjacency CSR (graphology-metrics'
 * approach): nodes renumbered by increasing neuron id, edge j → i into row i. Self-loops stay.
 * Throws `ConfigError` on undirected edges, multi-graphs or duplicate neuron ids.
 *
 * ```ts
 * const { csr, keys } = csrFromGraph(graph, 'weight');
 * ```
 */
export function csrFromGraph(graph: AbstractGraph, getEdgeWeight: EdgeWeightGetter = 'weight'): GraphCsr {
  if (graph.multi) throw new ConfigError(where('multi-graphs are not neuron graphs. Merge parallel edges first.'));
  if (graph.undirectedSize > 0) {
    throw new ConfigError(where(`${graph.undirectedSize} undirected edge(s) found. A neuron graph has directed edges j → i.`));
  }
  const n = graph.order;
  const entries: { key: string; id: number }[] = [];
  graph.forEachNode((key, attr) => entries.push({ key, id: neuronId(key, attr) }));
  entries.sort((a, b) => a.id - b.id);
  const neuron = new Int32Array(n);
  const keys: string[] = new Array(n);
  const compact = new Map<string, number>();
  for (let c = 0; c < n; c++) {
    if (c > 0 && entries[c].id === entries[c - 1].id) {
      throw new ConfigError(where(`nodes '${entries[c - 1].key}' and '${entries[c].key}' share neuron id ${entries[c].id}.`));
    }
    neuron[c] = entries[c].id;
    keys[c] = entries[c].key;
    compact.set(entries[c].key, c);
  }
  const weightOf =
    typeof getEdgeWeight === 'function'
      ? getEdgeWeight
      : (_e: string, a: Attributes) => (typeof a[getEdgeWeight] === 'number' ? (a[getEdgeWeight] as number) : 1);
  const m = graph.size;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const w = new Float64Array(m);
  const rowPtr = new Int32Array(n + 1);
  let e = 0;
  graph.forEachEdge((edge, attr, source, target) => {
    src[e] = compact.get(source)!;
    dst[e] = compact.get(target)!;
    w[e] = weightOf(edge, attr);
    rowPtr[dst[e] + 1]++;
    e++;
  });
  for (let i = 0; i < n; i++) rowPtr[i + 1] += rowPtr[i];
  // Stable order by (target, source): sort edge ids, then scatter.
  const order = Array.from({ length: m }, (_, k) => k).sort((a, b) => dst[a] - dst[b] || src[a] - src[b]);
  const colIdx = new Int32Array(m);
  const values = new Float32Array(m);
  for (let p = 0; p < m; p++) {
    colIdx[p] = src[order[p]];
    values[p] = w[order[p]];
  }
  return { csr: { rows: n, cols: n, rowPtr, colIdx, values, neuron }, keys };
}
