import type { ReplayModel } from '../../src/core/sparse-model.js';
import { activateRange } from '../../src/runtime/activation.js';
import { accumulateCsr } from './accumulate-csr.js';

/** Samples `s0 .. s0+mb` of a row-major n×dIn batch into `buf` neuron-major (`buf[k*m + s]`). */
function loadChunk(buf: Float32Array, x: Float32Array, s0: number, mb: number, dIn: number, m: number): void {
  for (let s = 0; s < mb; s++) for (let k = 0; k < dIn; k++) buf[k * m + s] = x[(s0 + s) * dIn + k];
}

/**
 * The replay form in plain JavaScript (the runtime's before WebAssembly), the tests' reference for
 * `predictReplay`: I iterations of the update rule over the kept synapses, in float32, 64 samples
 * per chunk.
 */
export function replayReference(model: ReplayModel, x: Float32Array, n: number): Float32Array {
  const { I, S, dIn, dOut, rule, activation } = model.config;
  const K = model.neurons.length;
  const b = model.b;
  const out = new Float32Array(n * dOut);
  if (n === 0) return out;
  const m = Math.max(1, Math.min(n, 64));
  let cur = new Float32Array(K * m);
  let next = new Float32Array(K * m);
  // Residual terms: the state row (residual-output) or input feature (residual-input) added after φ.
  const resOut = rule === 'residual-output';
  const resIn = rule === 'residual-input';
  const feature = new Int32Array(K).fill(-1);
  for (let c = 0; c < K; c++) if (model.neurons[c] < dIn) feature[c] = model.neurons[c];
  const isOut = new Uint8Array(K);
  for (let c = 0; c < K; c++) if (model.neurons[c] >= S - dOut) isOut[c] = 1;
  const x0 = new Float32Array(dIn * m);
  for (let s0 = 0; s0 < n; s0 += m) {
    const mb = Math.min(m, n - s0);
    loadChunk(x0, x, s0, mb, dIn, m);
    cur.fill(0);
    for (let c = 0; c < K; c++) if (feature[c] >= 0) cur.set(x0.subarray(feature[c] * m, feature[c] * m + mb), c * m);
    for (let t = 0; t < I; t++) {
      for (let i = 0; i < K; i++) next.fill(b[i], i * m, i * m + mb);
      accumulateCsr(next, 0, cur, 0, model.W, m, mb);
      for (let i = 0; i < K; i++) {
        const o = i * m;
        const end = o + mb;
        if (!(isOut[i] && model.config.readout === 'linear')) activateRange(activation, next, o, end);
        if (resOut && isOut[i]) {
          for (let s = o; s < end; s++) next[s] += cur[s];
        } else if (resIn && feature[i] >= 0) {
          const src = feature[i] * m - o;
          for (let s = o; s < end; s++) next[s] += x0[src + s];
        }
      }
      const tmp = cur;
      cur = next;
      next = tmp;
    }
    for (let k = 0; k < dOut; k++) {
      const o = model.outputIndex[k] * m;
      for (let s = 0; s < mb; s++) out[(s0 + s) * dOut + k] = cur[o + s];
    }
  }
  return out;
}
