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
