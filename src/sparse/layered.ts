import type { Layer, LayerBlock, LayeredModel, ReplayModel } from './types.js';
import { unrollKept, persistSource, type Unrolled } from './unrolled.js';
import { expandReplay } from './expand.js';
import { activationFn } from './activation.js';
import { csrFromTriplets } from './csr-build.js';

/** Entries of one layer under construction, as triplets per source layer. */
interface Pending {
  neurons: number[];
  bias: number[];
  offset: number[];
  pre: Map<number, { r: number[]; c: number[]; v: number[] }>;
  skip: Map<number, { r: number[]; c: number[]; v: number[] }>;
}

function push(m: Pending['pre'], from: number, r: number, c: number, v: number): void {
  let e = m.get(from);
  if (!e) m.set(from, (e = { r: [], c: [], v: [] }));
  e.r.push(r);
  e.c.push(c);
  e.v.push(v);
}

function blocks(m: Pending['pre'], rows: number, sizes: number[]): LayerBlock[] {
  return [...m.keys()]
    .sort((a, b) => a - b)
    .map((from) => {
      const e = m.get(from)!;
      return { from, matrix: csrFromTriplets(rows, sizes[from], e.r, e.c, e.v) };
    });
}

/**
 * Lay out the replay form as its unrolled computation: every pair (neuron, iteration) that
 * depends on the input and can reach an output becomes a unit of layer = iteration; pairs that
 * no input reaches are constants folded into biases (inside φ) and offsets (after φ); a pair whose
 * φ part is constant and whose residual value persists is an alias of that earlier unit (a skip
 * across iterations). Each layer is evaluated once, so it costs at most the replay's flops.
 *
 * ```ts
 * const lm = toLayered(toReplay(snapshot, 1e-3));
 * predict(lm, x, n); // equals predict(replay, x, n) to float32 rounding
 * ```
 */
export function toLayered(model: ReplayModel, unrolled?: Unrolled): LayeredModel {
  const cfg = model.config;
  const { S, I, dIn, dOut } = cfg;
  const { kept, b } = expandReplay(model);
  const u = unrolled ?? unrollKept(cfg, b, kept);
  const phi = activationFn(cfg.activation);
  const P = (I + 1) * S;
  const refLayer = new Int32Array(P).fill(-1);
  const refUnit = new Int32Array(P);
  const refOff = new Float64Array(P);
  for (let i = 0; i < dIn; i++) {
    refLayer[i] = 0;
    refUnit[i] = i;
  }
  const sizes = [dIn];
  const layers: Layer[] = [];
  const { rowPtr, colIdx, values } = kept;
  for (let t = 1; t <= I; t++) {
    const cur = t * S;
    const prev = cur - S;
    const L: Pending = { neurons: [], bias: [], offset: [], pre: new Map(), skip: new Map() };
    for (let i = 0; i < S; i++) {
      const p = cur + i;
      if (!u.need[p]) continue;
      if (!u.dep[p]) {
        refOff[p] = u.constant[p];
        continue;
      }
      let phiLive = false;
      for (let k = rowPtr[i]; k < rowPtr[i + 1] && !phiLive; k++) phiLive = u.dep[prev + colIdx[k]] === 1;
      const src = persistSource(cfg, i, t);
      if (!phiLive) {
        let z = b[i];
        for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) z += values[k] * u.constant[prev + colIdx[k]];
        refLayer[p] = refLayer[src];
        refUnit[p] = refUnit[src];
        refOff[p] = refOff[src] + phi(z);
        continue;
      }
      const unit = L.neurons.length;
      let bias = b[i];
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
        const q = prev + colIdx[k];
        const w = values[k];
        bias += w * refOff[q];
        if (refLayer[q] >= 0) push(L.pre, refLayer[q], unit, refUnit[q], w);
      }
      let offset = 0;
      if (src >= 0) {
        offset = refOff[src];
        if (refLayer[src] >= 0) push(L.skip, refLayer[src], unit, refUnit[src], 1);
      }
      L.neurons.push(i);
      L.bias.push(bias);
      L.offset.push(offset);
      refLayer[p] = t;
      refUnit[p] = unit;
    }
    const rows = L.neurons.length;
    sizes.push(rows);
    layers.push({
      neurons: Int32Array.from(L.neurons),
      bias: Float32Array.from(L.bias),
      offset: Float32Array.from(L.offset),
      pre: blocks(L.pre, rows, sizes),
      skip: blocks(L.skip, rows, sizes),
    });
  }
  const outLayer = new Int32Array(dOut);
  const outUnit = new Int32Array(dOut);
  const outOffset = new Float32Array(dOut);
  for (let k = 0; k < dOut; k++) {
    const p = I * S + S - dOut + k;
    outLayer[k] = refLayer[p];
    outUnit[k] = refLayer[p] >= 0 ? refUnit[p] : 0;
    outOffset[k] = refOff[p];
  }
  const out: LayeredModel = { form: 'layered', config: structuredClone(cfg), threshold: model.threshold, layers, outLayer, outUnit, outOffset };
  return out;
}
