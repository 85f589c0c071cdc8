import type { Csr } from '../core/csr.js';
import type { WasmCsr, WasmDense, WasmKernel } from './wasm-kernel.js';
import { storeDense } from './pack-panel.js';

/** A matrix in a kernel's memory: CSR (spmm.wat) or dense (gemm.wat), by its density. */
export type KernelBlock = { A: WasmCsr; D?: undefined } | { D: WasmDense; A?: undefined };

/**
 * Copy a matrix into a kernel, stored the way that runs it faster (`storeDense`).
 *
 * ```ts
 * const kernel = new WasmKernel();
 * const block = addBlock(kernel, model.W); // then kernel.state(…) for the samples
 * ```
 */
export function addBlock(kernel: WasmKernel, m: Csr): KernelBlock {
  return storeDense(m) ? { D: kernel.addDense(m) } : { A: kernel.addCsr(m) };
}

/**
 * `kernel.spmm` or `kernel.gemm`, as the block is stored: state rows `outRow0..` = init + block ·
 * rows `inRow0..`, over the first mb of m samples (see `WasmKernel.spmm`).
 *
 * ```ts
 * const kernel = new WasmKernel();
 * const [block, bias] = [addBlock(kernel, model.W), kernel.addFloats(model.b)];
 * kernel.state(2 * K * m);
 * applyBlock(kernel, K, 0, block, m, mb, bias, true); // rows K.. = relu(b + W · rows 0..K-1)
 * ```
 */
export function applyBlock(kernel: WasmKernel, outRow0: number, inRow0: number, b: KernelBlock, m: number, mb: number, bias = -1, relu = false): void {
  if (b.D) kernel.gemm(outRow0, inRow0, b.D, m, mb, bias, relu);
  else kernel.spmm(outRow0, inRow0, b.A, m, mb, bias, relu);
}
