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
  // Each dense synapse (i, j) once, as bit i·S + j of an S×S bitmap (S²/8 bytes, 1/32 of the
  // dense W): a layered model repeats a synapse in every layer that reuses it. (A Set capped at
  // 2^24 entries; sorting the keys took 6–12 s a call on a near-dense S = 5000 model.)
  const S = model.config.S;
  const seen = new Uint32Array(Math.ceil((S * S) / 32));
  const sources: ArrayLike<number>[] = [Int32Array.from({ length: model.config.dIn }, (_, k) => k)];
  let distinct = 0;
  for (const L of model.layers) {
    for (const blk of L.pre) {
      const src = sources[blk.from];
      const { rowPtr, colIdx } = blk.matrix;
      for (let u = 0; u < L.neurons.length; u++) {
        const row = L.neurons[u] * S;
        for (let k = rowPtr[u]; k < rowPtr[u + 1]; k++) {
          const key = row + src[colIdx[k]];
          const word = Math.floor(key / 32);
          const bit = 1 << (key & 31);
          if ((seen[word] & bit) === 0) {
            seen[word] |= bit;
            distinct++;
          }
        }
      }
    }
    sources.push(L.neurons);
  }
  return distinct;
}
