import type { Snapshot } from '../core/snapshot.js';
import { ShapeError, prefix } from '../errors.js';
import { resolveThreshold } from '../core/threshold.js';
import type { Csr } from '../core/sparse-model.js';
import { csrFromDense } from '../core/csr.js';

const where = prefix('sparse threshold');

/**
 * The synapses that survive a threshold, as an S×S CSR over dense neuron ids: W_ij is kept when
 * |W_ij| > threshold (so threshold 0 drops exact zeros only, which changes nothing).
 *
 * ```ts
 * const kept = keptSynapses(snapshot, 1e-3); kept.colIdx.length; // synapses kept
 * ```
 */
export function keptSynapses(snapshot: Pick<Snapshot, 'config' | 'W'>, threshold: number): Csr {
  const { S } = snapshot.config;
  const W = snapshot.W;
  if (W.length !== S * S) throw new ShapeError(where(`W must have S² = ${S * S} entries, got ${W.length}.`));
  const { rows, cols, rowPtr, colIdx, values } = csrFromDense(W, S, resolveThreshold(W, threshold).value);
  return { rows, cols, rowPtr, colIdx, values };
}

/**
 * Count the nonzero synapses of a dense W.
 *
 * ```ts
 * const total = countNonzero(snapshot.W);
 * ```
 */
export function countNonzero(W: Float32Array): number {
  let c = 0;
  for (let k = 0; k < W.length; k++) if (W[k] !== 0) c++;
  return c;
}
