/** One synapse j → i with weight W_ij. */
export interface Edge {
  source: number;
  target: number;
  weight: number;
}

/** Synapses among a set of neurons, strongest first, and how many there were before the cap. */
export interface EdgeSet {
  edges: Edge[];
  /** Synapses above the threshold among the neurons, before `maxEdges` was applied. */
  total: number;
  threshold: number;
}

/**
 * The synapses j → i with |W_ij| > threshold between neurons of `ids`, sorted by |W| descending
 * and capped at `maxEdges`.
 *
 * ```ts
 * const { edges, total } = collectEdges(snap.W, snap.config.S, order.neurons, 1e-3, 2000);
 * ```
 */
export function collectEdges(W: Float32Array, S: number, ids: ArrayLike<number>, threshold: number, maxEdges = Infinity): EdgeSet {
  const edges: Edge[] = [];
  for (let a = 0; a < ids.length; a++) {
    const i = ids[a];
    const row = i * S;
    for (let b = 0; b < ids.length; b++) {
      const j = ids[b];
      const w = W[row + j];
      if (Math.abs(w) > threshold) edges.push({ source: j, target: i, weight: w });
    }
  }
  const total = edges.length;
  edges.sort((p, q) => Math.abs(q.weight) - Math.abs(p.weight) || p.target - q.target || p.source - q.source);
  return { edges: total > maxEdges ? edges.slice(0, maxEdges) : edges, total, threshold };
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
