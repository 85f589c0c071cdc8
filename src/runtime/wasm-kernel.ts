import type { Csr } from '../core/csr.js';
import { SPMM_RELAXED_WASM_BASE64, SPMM_WASM_BASE64 } from './spmm-wasm.js';
import { GEMM_RELAXED_WASM_BASE64, GEMM_WASM_BASE64 } from './gemm-wasm.js';
import { TRANSPOSE_WASM_BASE64 } from './transpose-wasm.js';
import { packPanel } from './pack-panel.js';

/** The part of the WebAssembly global used here (the project's lib settings carry no DOM types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
};

/** Which build of spmm.wat and gemm.wat this process runs (`wasmKernelVariant`). */
export type WasmKernelVariant = 'relaxed-simd' | 'simd';

/** The three kernels' modules, compiled once per process, and the variant they are. */
let modules: { spmm: object; gemm: object; transpose: object; variant: WasmKernelVariant } | undefined;
const bytesOf = (b64: string) => Buffer.from(b64, 'base64');
const compile = (b64: string) => new WebAssembly.Module(bytesOf(b64));

/**
 * The kernels this process runs: `'relaxed-simd'` (spmm.wat and gemm.wat with fused multiply-adds,
 * scripts/wat-relaxed.mjs) where the engine takes relaxed SIMD (Node.js ≥ 21; Node.js 20 with
 * `--experimental-wasm-relaxed-simd`) and `URN_WASM_RELAXED` is not `0`, else `'simd'`. The two
 * round differently (a fused multiply-add rounds once), so logits may differ in the last bits
 * between them; within one process every thread runs the same variant. Fixed at the first call.
 *
 * ```ts
 * console.log(`sparse kernels: ${wasmKernelVariant()}`);
 * ```
 */
export function wasmKernelVariant(): WasmKernelVariant {
  return loadModules().variant;
}

function loadModules(): NonNullable<typeof modules> {
  if (modules) return modules;
  // Each build decoded once: the relaxed one validated, then compiled from the same bytes.
  const relaxed = process.env.URN_WASM_RELAXED !== '0' ? [bytesOf(SPMM_RELAXED_WASM_BASE64), bytesOf(GEMM_RELAXED_WASM_BASE64)] : null;
  const [spmm, gemm] = relaxed?.every((b) => WebAssembly.validate(b)) ? relaxed : [bytesOf(SPMM_WASM_BASE64), bytesOf(GEMM_WASM_BASE64)];
  const variant: WasmKernelVariant = spmm === relaxed?.[0] ? 'relaxed-simd' : 'simd';
  modules = { spmm: new WebAssembly.Module(spmm), gemm: new WebAssembly.Module(gemm), transpose: compile(TRANSPOSE_WASM_BASE64), variant };
  return modules;
}

type Spmm = (out: number, inp: number, rowPtr: number, colIdx: number, vals: number, rows: number, m: number, mb: number, bias: number, relu: number) => void;
type Gemm = (out: number, inp: number, panel: number, rows: number, K: number, m: number, mb: number, bias: number, relu: number) => void;
type Transpose = (dst: number, src: number, mb: number, dIn: number, m: number) => number;

/** A CSR matrix copied into a kernel's memory: byte addresses of its three arrays. */
export interface WasmCsr {
  rows: number;
  rowPtr: number;
  colIdx: number;
  vals: number;
}

/** A matrix copied into a kernel's memory dense, as gemm.wat's packed panel (see `packPanel`). */
export interface WasmDense {
  rows: number;
  cols: number;
  panel: number;
}

/** Bytes kept free after the state: gemm.wat's 4-sample pass reads (and ignores) 16 bytes past a row. */
const SLACK = 64;

/**
 * One instance of the WebAssembly SIMD kernels (src/runtime/spmm.wat, gemm.wat, transpose.wat) on
 * one memory of their own: matrices are copied in once (`addCsr`, `addDense`), then a float32
 * state of any size lives after them.
 *
 * ```ts
 * const k = new WasmKernel();
 * const A = k.addCsr(csr);
 * const state = k.state((csr.rows + csr.cols) * m); // Float32Array view into the kernel's memory
 * k.spmm(csr.cols, 0, A, m, mb); // rows cols.. += A · rows 0..cols-1, per sample
 * ```
 */
export class WasmKernel {
  private readonly memory: WasmMemory;
  private readonly run: Spmm;
  private readonly runDense: Gemm;
  private readonly runTranspose: Transpose;
  private top = 0;
  private stateFloats = 0;
  private view = new Float32Array(0);

  constructor() {
    const modules = loadModules();
    const inst = new WebAssembly.Instance(modules.spmm, {});
    this.memory = inst.exports.memory as WasmMemory;
    this.run = inst.exports.spmm as Spmm;
    const env = { env: { memory: this.memory } };
    this.runDense = new WebAssembly.Instance(modules.gemm, env).exports.gemm as Gemm;
    this.runTranspose = new WebAssembly.Instance(modules.transpose, env).exports.transpose as Transpose;
  }

  private reserve(bytes: number): number {
    const at = this.top;
    this.top = (this.top + bytes + 15) & ~15;
    const need = this.top - this.memory.buffer.byteLength;
    if (need > 0) this.memory.grow(Math.ceil(need / 65536));
    return at;
  }

  /** Copy a CSR matrix into the kernel's memory (before the first `state` call). */
  addCsr(m: Csr): WasmCsr {
    const nnz = m.rowPtr[m.rows];
    const rowPtr = this.reserve(4 * (m.rows + 1));
    const colIdx = this.reserve(4 * nnz);
    const vals = this.reserve(4 * nnz);
    const buf = this.memory.buffer;
    new Int32Array(buf, rowPtr, m.rows + 1).set(m.rowPtr.subarray(0, m.rows + 1));
    new Int32Array(buf, colIdx, nnz).set(m.colIdx.subarray(0, nnz));
    new Float32Array(buf, vals, nnz).set(m.values.subarray(0, nnz));
    return { rows: m.rows, rowPtr, colIdx, vals };
  }

  /** Copy a matrix into the kernel's memory dense, packed for gemm.wat (before the first `state` call). */
  addDense(m: Csr): WasmDense {
    return { rows: m.rows, cols: m.cols, panel: this.addFloats(packPanel(m)) };
  }

  /** Copy a float32 vector into the kernel's memory (before the first `state` call); returns its address. */
  addFloats(a: Float32Array): number {
    const at = this.reserve(4 * a.length);
    new Float32Array(this.memory.buffer, at, a.length).set(a);
    return at;
  }

  /** A float32 state of at least `floats` entries after the matrices (contents unspecified). */
  state(floats: number): Float32Array {
    if (floats > this.stateFloats) {
      const need = this.top + 4 * floats + SLACK - this.memory.buffer.byteLength;
      if (need > 0) this.memory.grow(Math.ceil(need / 65536));
      this.stateFloats = floats;
    }
    if (this.view.buffer !== this.memory.buffer || this.view.length < floats) {
      this.view = new Float32Array(this.memory.buffer, this.top, this.stateFloats);
    }
    return this.view;
  }

  /**
   * `state[outRow0 + r] = init + A · state[inRow0 + ·]` over the first `mb` of `m` samples per
   * row, rows laid out neuron-major with stride m (the state of the last `state` call); init is
   * `bias[r]` from an `addFloats` address, or the row itself when bias is -1; `relu` applies
   * max(·, 0) to the result.
   */
  spmm(outRow0: number, inRow0: number, A: WasmCsr, m: number, mb: number, bias = -1, relu = false): void {
    this.run(this.top + 4 * outRow0 * m, this.top + 4 * inRow0 * m, A.rowPtr, A.colIdx, A.vals, A.rows, m, mb, bias, relu ? 1 : 0);
  }

  /** As `spmm`, for a matrix from `addDense` (gemm.wat). */
  gemm(outRow0: number, inRow0: number, D: WasmDense, m: number, mb: number, bias = -1, relu = false): void {
    this.runDense(this.top + 4 * outRow0 * m, this.top + 4 * inRow0 * m, D.panel, D.rows, D.cols, m, mb, bias, relu ? 1 : 0);
  }

  /**
   * Samples `s0 .. s0+mb` of a row-major n×dIn batch into state rows `row0 .. row0+dIn-1`
   * (neuron-major, stride m), staged row-major at state float `stage` (mb·dIn free floats there),
   * then transposed in WebAssembly (transpose.wat). Returns false when one of them is NaN or infinite.
   */
  load(x: Float32Array, s0: number, mb: number, dIn: number, m: number, stage: number, row0 = 0): boolean {
    this.view.set(x.subarray(s0 * dIn, (s0 + mb) * dIn), stage);
    return this.runTranspose(this.top + 4 * row0 * m, this.top + 4 * stage, mb, dIn, m) === 0;
  }
}
