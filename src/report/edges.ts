/** One synapse j → i with weight W_ij. */
export interface Edge {
  source: number;
  target: number;
  weight: number;
}

/** Direction of an edge between layers: forward (to a later layer), backward, or within one layer. */
export type EdgeKind = 'forward' | 'backward' | 'same';

/**
 * Classify an edge by the layers (or z coordinates) of its ends.
 *
 * ```ts
 * edgeKind(0, 1); // 'forward'
 * ```
 */
export function edgeKind(sourceLayer: number, targetLayer: number): EdgeKind {
  return targetLayer > sourceLayer ? 'forward' : targetLayer < sourceLayer ? 'backward' : 'same';
}

/**
 * Keep at most `max` edges so that every pair of (source layer, target layer) shows its strongest
 * ones: take edges round-robin over the pairs, strongest first within each, until `max` are
 * taken. Returns them strongest first. Input edges must be sorted by |W| descending.
 *
 * ```ts
 * const shown = capEdges(net.edges, (i) => layerOf.get(i)!, 3000);
 * ```
 */
export function capEdges(edges: Edge[], layerOf: (neuron: number) => number, max: number): Edge[] {
  if (edges.length <= max) return edges;
  const strata = new Map<string, Edge[]>();
  for (const e of edges) {
    const key = `${layerOf(e.source)}:${layerOf(e.target)}`;
    (strata.get(key) ?? strata.set(key, []).get(key)!).push(e);
  }
  const lists = [...strata.values()];
  const rank = new Map<Edge, number>(edges.map((e, k) => [e, k]));
  const out: Edge[] = [];
  for (let k = 0; out.length < max; k++) {
    for (const l of lists) if (k < l.length && out.length < max) out.push(l[k]);
  }
  return out.sort((a, b) => rank.get(a)! - rank.get(b)!);
}
