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
  // Keys i·S + j of every pre-activation entry, sorted, counted once each: a Set would cap at
  // 2^24 entries (a barely trained S = 5000 network has more), and this costs 8 bytes an entry.
  let total = 0;
  for (const L of model.layers) for (const blk of L.pre) total += blk.matrix.colIdx.length;
  const keys = new Float64Array(total);
  const S = model.config.S;
  const sources: ArrayLike<number>[] = [Int32Array.from({ length: model.config.dIn }, (_, k) => k)];
  let n = 0;
  for (const L of model.layers) {
    for (const blk of L.pre) {
      const src = sources[blk.from];
      const { rowPtr, colIdx } = blk.matrix;
      for (let u = 0; u < L.neurons.length; u++) {
        for (let k = rowPtr[u]; k < rowPtr[u + 1]; k++) keys[n++] = L.neurons[u] * S + src[colIdx[k]];
      }
    }
    sources.push(L.neurons);
  }
  keys.sort();
  let distinct = 0;
  for (let k = 0; k < n; k++) if (k === 0 || keys[k] !== keys[k - 1]) distinct++;
  return distinct;
}
