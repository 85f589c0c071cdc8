import type { SparseModel } from './types.js';

/**
 * Multiply-adds per sample of a sparse model: I × kept synapses for the replay form, the sum of
 * all block entries for the layered form.
 *
 * ```ts
 * const ratio = macsPerSample(layered) / macsPerSample(replay);
 * ```
 */
export function macsPerSample(model: SparseModel): number {
  if (model.form === 'replay') return model.config.I * model.W.colIdx.length;
  let macs = 0;
  for (const L of model.layers) for (const blk of [...L.pre, ...L.skip]) macs += blk.matrix.colIdx.length;
  return macs;
}
