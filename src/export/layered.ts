import type { Layer, LayerBlock, LayeredModel, ReplayModel } from '../core/sparse-model.js';
import { unroll } from '../core/unroll.js';
import type { TopologyCsr } from '../core/csr.js';
import { phiOfNeuron } from '../core/phi.js';
import { csrFromTriplets, Triplets } from '../core/csr-build.js';

/** Entries of one layer under construction, as triplets per source layer. */
interface Pending {
  neurons: number[];
  bias: number[];
  offset: number[];
  /** Indexed by source layer. */
  pre: (Triplets | undefined)[];
  skip: (Triplets | undefined)[];
}

function push(m: Pending['pre'], from: number, r: number, c: number, v: number, capacity: number): void {
  (m[from] ??= new Triplets(capacity)).push(r, c, v);
}

function blocks(m: Pending['pre'], rows: number, sizes: number[]): LayerBlock[] {
  const out: LayerBlock[] = [];
  m.forEach((e, from) => {
    if (e) out.push({ from, matrix: csrFromTriplets(rows, sizes[from], e.rows(), e.cols(), e.values()) });
  });
  return out;
}

/**
 * Lay out the replay form as its unrolled computation (the analysis of `src/topology/unroll.ts`):
 * every live pair (neuron, iteration), one that depends on the input and feeds the read-out,
 * becomes a unit of layer = iteration; pairs that no input reaches are constants folded into
 * biases (inside φ) and offsets (after φ); a live pair whose φ part is constant and whose
 * residual value persists is an alias of that earlier unit (a skip across iterations). Each
 * layer is evaluated once, so it costs at most the replay's flops.
 *
 * ```ts
 * const lm = toLayered(toReplay(snapshot, 1e-3));
 * predict(lm, x, n); // equals predict(replay, x, n) to float32 rounding
 * ```
 */
export function toLayered(model: ReplayModel): LayeredModel {
  const cfg = model.config;
  const { S, I, dIn, dOut } = cfg;
  const n = model.neurons.length;
  const csr: TopologyCsr = { ...model.W, neuron: model.neurons };
  const u = unroll(csr, cfg, { bias: model.b });
  const [phiHidden, phiOut] = [phiOfNeuron(cfg, false), phiOfNeuron(cfg, true)];
  const resOut = cfg.rule === 'residual-output';
  const resIn = cfg.rule === 'residual-input';
  const P = (I + 1) * n;
  // Where the value of a reachable pair lives: unit refUnit of layer refLayer, plus refOff.
  const refLayer = new Int32Array(P).fill(-1);
  const refUnit = new Int32Array(P);
  const refOff = new Float64Array(P);
  for (let c = 0; c < n && model.neurons[c] < dIn; c++) {
    refLayer[c] = 0;
    refUnit[c] = model.neurons[c];
  }
  const sizes = [dIn];
  const layers: Layer[] = [];
  const { rowPtr, colIdx, values } = csr;
  for (let t = 1; t <= I; t++) {
    const cur = t * n;
    const prev = cur - n;
    const L: Pending = { neurons: [], bias: [], offset: [], pre: [], skip: [] };
    for (let c = 0; c < n; c++) {
      const p = cur + c;
      if (!u.live[p]) continue;
      const id = model.neurons[c];
      // The value added after φ: (o, t-1) under residual-output, x_i = (i, 0) under residual-input.
      const src = resOut && id >= S - dOut ? prev + c : resIn && id < dIn ? c : -1;
      let phiLive = false;
      for (let k = rowPtr[c]; k < rowPtr[c + 1] && !phiLive; k++) phiLive = u.reachable[prev + colIdx[k]] === 1;
      if (!phiLive) {
        refLayer[p] = refLayer[src];
        refUnit[p] = refUnit[src];
        refOff[p] = refOff[src] + (id >= S - dOut ? phiOut : phiHidden)(u.foldedBias[p]);
        continue;
      }
      const unit = L.neurons.length;
      let bias = u.foldedBias[p];
      for (let k = rowPtr[c]; k < rowPtr[c + 1]; k++) {
        const q = prev + colIdx[k];
        if (!u.reachable[q]) continue;
        bias += values[k] * refOff[q];
        push(L.pre, refLayer[q], unit, refUnit[q], values[k], values.length);
      }
      let offset = 0;
      if (src >= 0) {
        if (u.reachable[src]) {
          offset = refOff[src];
          push(L.skip, refLayer[src], unit, refUnit[src], 1, n);
        } else offset = u.constant[src];
      }
      L.neurons.push(id);
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
  const out = readOut(model.outputIndex.map((o) => I * n + o), u, refLayer, refUnit, refOff);
  return { form: 'layered', config: structuredClone(cfg), threshold: model.threshold, layers, ...out };
}

/** Where each output's value lives at the read-out (pair `pairs[k]`): a unit plus an offset, or a constant (layer −1). */
function readOut(pairs: Int32Array, u: { reachable: Uint8Array; constant: Float64Array }, refLayer: Int32Array, refUnit: Int32Array, refOff: Float64Array) {
  const dOut = pairs.length;
  const outLayer = new Int32Array(dOut);
  const outUnit = new Int32Array(dOut);
  const outOffset = new Float32Array(dOut);
  pairs.forEach((p, k) => {
    const live = u.reachable[p] === 1;
    outLayer[k] = live ? refLayer[p] : -1;
    outUnit[k] = live ? refUnit[p] : 0;
    outOffset[k] = live ? refOff[p] : u.constant[p];
  });
  return { outLayer, outUnit, outOffset };
}
