import type { LayeredModel } from '../core/sparse-model.js';
import { activateLayer } from './isotropic.js';
import { chunkSize, loadChunk } from './chunk.js';
import { checkBatch } from './check-input.js';
import { accumulateCsr } from './kernel.js';

/**
 * Run the layered form on a batch: each layer once, in float32; `n×dIn` row-major in,
 * `n×dOut` row-major out.
 *
 * ```ts
 * const logits = predictLayered(toLayered(toReplay(snapshot, 0)), x, n);
 * ```
 */
export function predictLayered(model: LayeredModel, x: Float32Array, n: number): Float32Array {
  const { dIn, dOut, activation } = model.config;
  checkBatch(x, n, dIn);
  const out = new Float32Array(n * dOut);
  if (n === 0) return out;
  const start = [0];
  let slots = dIn;
  for (const L of model.layers) {
    start.push(slots);
    slots += L.neurons.length;
  }
  const m = chunkSize(slots, n);
  const buf = new Float32Array(slots * m);
  const factors = model.layers.map((L) => (L.activation?.kind === 'isotropic-tanh' ? new Float32Array(m) : null));
  for (let s0 = 0; s0 < n; s0 += m) {
    const mb = Math.min(m, n - s0);
    loadChunk(buf, x, s0, mb, dIn, m);
    for (let t = 1; t <= model.layers.length; t++) {
      const L = model.layers[t - 1];
      const base = start[t];
      const rows = L.neurons.length;
      for (let u = 0; u < rows; u++) {
        const o = (base + u) * m;
        buf.fill(L.bias[u], o, o + mb);
      }
      for (const blk of L.pre) accumulateCsr(buf, base, buf, start[blk.from], blk.matrix, m, mb);
      activateLayer(L, activation, buf, base, rows, m, mb, t >= 2 ? factors[t - 2] : null, factors[t - 1]);
      for (const blk of L.skip) accumulateCsr(buf, base, buf, start[blk.from], blk.matrix, m, mb);
      for (let u = 0; u < rows; u++) {
        const c = L.offset[u];
        if (c === 0) continue;
        const o = (base + u) * m;
        for (let s = o; s < o + mb; s++) buf[s] += c;
      }
    }
    for (let k = 0; k < dOut; k++) {
      const c = model.outOffset[k];
      const l = model.outLayer[k];
      if (l < 0) {
        for (let s = 0; s < mb; s++) out[(s0 + s) * dOut + k] = c;
        continue;
      }
      const o = (start[l] + model.outUnit[k]) * m;
      for (let s = 0; s < mb; s++) out[(s0 + s) * dOut + k] = buf[o + s] + c;
    }
  }
  return out;
}
