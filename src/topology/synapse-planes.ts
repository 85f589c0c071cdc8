import type { TopologyCsr } from '../core/csr.js';

/**
 * Where a grid network's weight runs between z planes: `share[a][b]` is the share of Σ|w| on
 * synapses from plane `planes[a]` to plane `planes[b]` (so the diagonal is the same-z weight,
 * above it forward, below it backward). Self-loops are left out, as in `synapseGeometry`.
 *
 * ```ts
 * const { planes, share } = synapsePlanes(csr, coords);
 * share[0][0]; // the share of Σ|w| that stays within the lowest plane (the inputs' z = 1)
 * ```
 */
export interface SynapsePlanes {
  /** The z values that hold a node, ascending. */
  planes: number[];
  /** Σ|w| share by (source plane, target plane); all 0 when there are no synapses. */
  share: number[][];
}

/**
 * The Σ|w| share of every (source z, target z) pair of a CSR whose node c sits at
 * `coords[3c .. 3c+2]` (row i lists the synapses j → i).
 *
 * ```ts
 * const p = synapsePlanes(csrFromDense(snap.W, snap.config.S, 0), gridCoords(snap.config)!);
 * p.share[0][p.planes.length - 1]; // inputs straight to the top plane
 * ```
 */
export function synapsePlanes(csr: TopologyCsr, coords: ArrayLike<number>): SynapsePlanes {
  const zs = new Set<number>();
  for (let c = 0; c < csr.rows; c++) zs.add(coords[3 * c + 2]);
  const planes = [...zs].sort((a, b) => a - b);
  const at = new Map(planes.map((z, k) => [z, k]));
  const sum = planes.map(() => new Float64Array(planes.length));
  let total = 0;
  for (let i = 0; i < csr.rows; i++) {
    const to = at.get(coords[3 * i + 2])!;
    for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) {
      const j = csr.colIdx[k];
      if (j === i) continue;
      const a = Math.abs(csr.values[k]);
      sum[at.get(coords[3 * j + 2])!][to] += a;
      total += a;
    }
  }
  return { planes, share: sum.map((row) => Array.from(row, (v) => (total > 0 ? v / total : 0))) };
}
