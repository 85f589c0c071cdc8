import type { TopologyCsr } from '../core/csr.js';

/**
 * How a neuron graph's weight lies on the grid (the colouring of the paper's Fig. 6): the share
 * of Σ|w| on forward edges (to a larger z), backward edges (to a smaller z) and same-z edges,
 * and synapse lengths on the uplift metric ds² = dx² + dy² + β·dz². Self-loops have no
 * direction or length and are left out.
 *
 * ```ts
 * analyze(graph).geometry?.forwardShare;
 * ```
 */
export interface SynapseGeometry {
  forwardShare: number;
  backwardShare: number;
  sameZShare: number;
  /** Edges in each class. */
  forward: number;
  backward: number;
  sameZ: number;
  /** Mean ds over edges, and its |w|-weighted mean. */
  meanLength: number;
  weightedMeanLength: number;
}

/**
 * Direction shares and synapse lengths of a CSR whose node c sits at `coords[3c .. 3c+2]`.
 * Shares are 0 when there are no edges.
 *
 * ```ts
 * const g = synapseGeometry(csr, nodeCoords, cfg.geometry!.beta);
 * g.forwardShare; // e.g. 0.93
 * ```
 */
export function synapseGeometry(csr: TopologyCsr, coords: ArrayLike<number>, beta: number): SynapseGeometry {
  let fw = 0, bw = 0, same = 0, nf = 0, nb = 0, ns = 0, len = 0, wlen = 0;
  for (let i = 0; i < csr.rows; i++) {
    for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) {
      const j = csr.colIdx[k];
      if (j === i) continue;
      const a = Math.abs(csr.values[k]);
      const dx = coords[3 * i] - coords[3 * j];
      const dy = coords[3 * i + 1] - coords[3 * j + 1];
      const dz = coords[3 * i + 2] - coords[3 * j + 2];
      const ds = Math.sqrt(dx * dx + dy * dy + beta * dz * dz);
      len += ds;
      wlen += a * ds;
      if (dz > 0) (fw += a), nf++;
      else if (dz < 0) (bw += a), nb++;
      else (same += a), ns++;
    }
  }
  const total = fw + bw + same;
  const m = nf + nb + ns;
  return {
    forwardShare: total > 0 ? fw / total : 0,
    backwardShare: total > 0 ? bw / total : 0,
    sameZShare: total > 0 ? same / total : 0,
    forward: nf,
    backward: nb,
    sameZ: ns,
    meanLength: m > 0 ? len / m : 0,
    weightedMeanLength: total > 0 ? wlen / total : 0,
  };
}
