import type { ReplayModel } from '../core/sparse-model.js';
import { phiCount } from '../core/config.js';
import { activateRange } from './activation.js';
import { samplesPerChunk } from './chunk.js';
import { checkBatch, nonFiniteInput } from './check-input.js';
import { WasmKernel } from './wasm-kernel.js';
import { addBlock, applyBlock, type KernelBlock } from './block.js';

/** A replay model's W and b in a kernel's memory, and the rows the residual terms add to. */
interface Compiled {
  kernel: WasmKernel;
  W: KernelBlock;
  /** Address of b in the kernel's memory. */
  bias: number;
  /** Input feature of each kept neuron, or -1. */
  feature: Int32Array;
  /** Kept neurons that receive a residual term after φ: outputs (residual-output) or inputs (residual-input). */
  residual: number[];
  /** Kept neurons 0..phiRows-1 take φ; the rest (outputs under a linear read-out) take z. */
  phiRows: number;
}

const compiled = new WeakMap<ReplayModel, Compiled>();

/** Copy a model's matrix into a kernel once; models are not to be changed after their first run. */
function compile(model: ReplayModel): Compiled {
  let c = compiled.get(model);
  if (c) return c;
  const { S, dIn, dOut, rule } = model.config;
  const kernel = new WasmKernel();
  const K = model.neurons.length;
  const feature = new Int32Array(K).fill(-1);
  for (let i = 0; i < K; i++) if (model.neurons[i] < dIn) feature[i] = model.neurons[i];
  const residual: number[] = [];
  for (let i = 0; i < K; i++) {
    if ((rule === 'residual-output' && model.neurons[i] >= S - dOut) || (rule === 'residual-input' && feature[i] >= 0)) residual.push(i);
  }
  c = { kernel, W: addBlock(kernel, model.W), bias: kernel.addFloats(model.b), feature, residual, phiRows: phiCount(model.neurons, model.config) };
  compiled.set(model, c);
  return c;
}

/**
 * Run the replay form on a batch: I iterations of the update rule over the kept synapses, in
 * float32, W through the WebAssembly SIMD kernels; `n` samples of `dIn` features row-major in,
 * `n×dOut` logits row-major out. A non-finite input raises `DataFormatError`.
 *
 * ```ts
 * const logits = predictReplay(toReplay(snapshot, 0), data.test.x, data.test.n);
 * ```
 */
export function predictReplay(model: ReplayModel, x: Float32Array, n: number): Float32Array {
  const { I, dIn, dOut, rule, activation } = model.config;
  checkBatch(x, n, dIn);
  const out = new Float32Array(n * dOut);
  if (n === 0) return out;
  const { kernel, W, bias, feature, residual, phiRows } = compile(model);
  const K = model.neurons.length;
  // State rows: two of K (this iteration's and the next, in turn), then the inputs x0 (dIn rows).
  const m = samplesPerChunk(2 * K + dIn, n);
  const x0 = 2 * K;
  const buf = kernel.state((2 * K + dIn) * m + m * dIn); // the state, then the batch's chunk staged row-major
  const relu = activation === 'relu' && phiRows === K;
  for (let s0 = 0; s0 < n; s0 += m) {
    const mb = Math.min(m, n - s0);
    if (!kernel.load(x, s0, mb, dIn, m, (2 * K + dIn) * m, x0)) throw nonFiniteInput(x, dIn);
    buf.fill(0, 0, K * m);
    for (let i = 0; i < K; i++) if (feature[i] >= 0) buf.copyWithin(i * m, (x0 + feature[i]) * m, (x0 + feature[i]) * m + mb);
    let cur = 0;
    for (let t = 0; t < I; t++) {
      const next = K - cur;
      applyBlock(kernel, next, cur, W, m, mb, bias, relu); // φ(b + W · cur), relu fused into the store
      if (!relu) for (let i = 0; i < phiRows; i++) activateRange(activation, buf, (next + i) * m, (next + i) * m + mb);
      for (const i of residual) {
        const o = (next + i) * m;
        const src = (rule === 'residual-output' ? cur + i : x0 + feature[i]) * m - o;
        for (let s = o; s < o + mb; s++) buf[s] += buf[src + s];
      }
      cur = next;
    }
    for (let k = 0; k < dOut; k++) {
      const o = (cur + model.outputIndex[k]) * m;
      for (let s = 0; s < mb; s++) out[(s0 + s) * dOut + k] = buf[o + s];
    }
  }
  return out;
}
