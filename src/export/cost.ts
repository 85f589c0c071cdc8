import type { SparseModel } from '../core/sparse-model.js';

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

/**
 * Distinct dense synapses (j → i) a sparse model uses: the replay's kept synapses, or the
 * synapses behind the layered form's pre-activation entries (folded constants excluded).
 *
 * ```ts
 * synapseCount(model); // ≤ number of |W_ij| > threshold
 * ```
 */
export function synapseCount(model: SparseModel): number {
  if (model.form === 'replay') return model.W.colIdx.length;
  const seen = new Set<number>();
  const S = model.config.S;
  const sources: ArrayLike<number>[] = [Int32Array.from({ length: model.config.dIn }, (_, k) => k)];
  for (const L of model.layers) {
    for (const blk of L.pre) {
      const src = sources[blk.from];
      const { rowPtr, colIdx } = blk.matrix;
      for (let u = 0; u < L.neurons.length; u++) {
        for (let k = rowPtr[u]; k < rowPtr[u + 1]; k++) seen.add(L.neurons[u] * S + src[colIdx[k]]);
      }
    }
    sources.push(L.neurons);
  }
  return seen.size;
}
