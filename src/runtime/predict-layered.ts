import type { LayerBlock, LayeredModel } from '../core/sparse-model.js';
import { phiCount } from '../core/config.js';
import { activateLayer } from './isotropic.js';
import { checkBatch, nonFiniteInput } from './check-input.js';
import { WasmKernel } from './wasm-kernel.js';
import { addBlocks, applyBlock, type KernelBlock } from './block.js';
import { samplesPerChunk } from './chunk.js';

type Block = KernelBlock & { from: number };

/** A layered model with its matrices in a kernel's memory, and where each layer's rows start. */
interface Compiled {
  kernel: WasmKernel;
  start: number[];
  slots: number;
  pre: Block[][];
  skip: Block[][];
  /** Address of each layer's bias in the kernel's memory. */
  bias: number[];
  /** Per layer, the units 0..phiRows-1 that take φ; the rest (outputs under a linear read-out) take z. */
  phiRows: number[];
}

const compiled = new WeakMap<LayeredModel, Compiled>();

/** Copy a model's matrices into a kernel once; models are not to be changed after their first run. */
function compile(model: LayeredModel): Compiled {
  let c = compiled.get(model);
  if (c) return c;
  const kernel = new WasmKernel();
  const start = [0];
  let slots = model.config.dIn;
  for (const L of model.layers) {
    start.push(slots);
    slots += L.neurons.length;
  }
  // Wide CSR blocks run as column panels, sized for the chunk that large batches run in.
  const m = samplesPerChunk(slots, 1 << 30);
  const add = (blocks: LayerBlock[]) =>
    blocks.flatMap((b) => addBlocks(kernel, b.matrix, m).map((k): Block => ({ from: b.from, ...k })));
  const pre = model.layers.map((L) => add(L.pre));
  const skip = model.layers.map((L) => add(L.skip));
  const phiRows = model.layers.map((L) => phiCount(L.neurons, model.config));
  c = { kernel, start, slots, pre, skip, bias: model.layers.map((L) => kernel.addFloats(L.bias)), phiRows };
  compiled.set(model, c);
  return c;
}

/**
 * Run the layered form on a batch: each layer once, in float32, its matrices through the
 * WebAssembly SIMD kernels; `n×dIn` row-major in, `n×dOut` row-major out. A non-finite input
 * raises `DataFormatError`.
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
  const { kernel, start, slots, pre, skip, bias, phiRows } = compile(model);
  // relu is fused into the kernel's store only for a plain relu layer (no per-layer activation,
  // no ψ, no linear outputs); a layer's linear outputs are its last units.
  const fused = model.layers.map((L, i) => activation === 'relu' && !L.activation && !L.psi && phiRows[i] === L.neurons.length);
  const m = samplesPerChunk(slots, n);
  const factors = model.layers.map((L) => (L.activation?.kind === 'isotropic-tanh' ? new Float32Array(m) : null));
  const buf = kernel.state(slots * m + m * dIn); // the state, then the batch's chunk staged row-major
  for (let s0 = 0; s0 < n; s0 += m) {
    const mb = Math.min(m, n - s0);
    if (!kernel.load(x, s0, mb, dIn, m, slots * m)) throw nonFiniteInput(x, dIn);
    for (let t = 1; t <= model.layers.length; t++) {
      const L = model.layers[t - 1];
      const base = start[t];
      const rows = L.neurons.length;
      // φ(bias + Σ pre): the first block starts from the bias, the last applies relu as it stores.
      const P = pre[t - 1];
      P.forEach((b, i) => applyBlock(kernel, base, start[b.from], b, m, mb, i === 0 ? bias[t - 1] : -1, fused[t - 1] && i === P.length - 1));
      if (!fused[t - 1]) activateLayer(L, activation, buf, base, L.activation || L.psi ? rows : phiRows[t - 1], m, mb, t >= 2 ? factors[t - 2] : null, factors[t - 1]);
      for (const b of skip[t - 1]) applyBlock(kernel, base, start[b.from], b, m, mb);
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
      const o = l < 0 ? -1 : (start[l] + model.outUnit[k]) * m;
      for (let s = 0; s < mb; s++) out[(s0 + s) * dOut + k] = (o < 0 ? 0 : buf[o + s]) + c;
    }
  }
  return out;
}
