import type { Csr } from '../core/csr.js';
import type { WasmCsr, WasmDense, WasmKernel } from './wasm-kernel.js';
import { storeDense } from './pack-panel.js';

/**
 * Floats of input that one column panel of a wide CSR block reads for a chunk of samples: 24 KiB,
 * which stay in the L1 cache while every row of the block reads them (rather than the whole
 * chunk's inputs, from L2). 5% off the Fashion-MNIST bench model's 34×784 first block (bench/RESULTS.md).
 */
export const PANEL_FLOATS = 6144;

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

/**
 * The columns `c0 .. c0+width` of each row of a CSR matrix, for c0 = 0, width, 2·width, …: one
 * matrix per panel, of the same shape (columns keep their numbers). Their sum is the matrix, and
 * each row's synapses stay in column order across the panels, so running them in turn gives the
 * whole's sums bit for bit, but for the samples that spmm.wat runs one at a time (the last
 * mb % 4 of a chunk, summing four synapses in the lanes of a vector), rounded in another grouping.
 *
 * ```ts
 * const panels = columnPanels(block.matrix, 96); // ⌈cols / 96⌉ matrices
 * ```
 */
export function columnPanels(A: Csr, width: number): Csr[] {
  const { rows, cols, rowPtr, colIdx, values } = A;
  const count = Math.max(1, Math.ceil(cols / width));
  const ptrs = Array.from({ length: count }, () => new Int32Array(rows + 1));
  for (let r = 0; r < rows; r++) {
    for (let k = rowPtr[r]; k < rowPtr[r + 1]; k++) ptrs[Math.floor(colIdx[k] / width)][r + 1]++;
  }
  return ptrs.map((ptr, q) => {
    for (let r = 0; r < rows; r++) ptr[r + 1] += ptr[r];
    const nnz = ptr[rows];
    const out: Csr = { rows, cols, rowPtr: ptr, colIdx: new Int32Array(nnz), values: new Float32Array(nnz) };
    for (let r = 0, p = 0; r < rows; r++) {
      for (let k = rowPtr[r]; k < rowPtr[r + 1]; k++) {
        if (Math.floor(colIdx[k] / width) !== q) continue;
        out.colIdx[p] = colIdx[k];
        out.values[p++] = values[k];
      }
    }
    return out;
  });
}

/**
 * A matrix in a kernel's memory as the blocks to run in turn for it, `m` samples a chunk: one
 * (`addBlock`), or a wide CSR matrix as column panels of `PANEL_FLOATS / m` columns (at least 32),
 * each kept CSR.
 *
 * ```ts
 * const kernel = new WasmKernel();
 * const blocks = addBlocks(kernel, block.matrix, 64); // run each with applyBlock, the bias on the first
 * ```
 */
export function addBlocks(kernel: WasmKernel, A: Csr, m: number): KernelBlock[] {
  const width = Math.max(32, Math.floor(PANEL_FLOATS / m));
  if (storeDense(A) || A.cols < 2 * width) return [addBlock(kernel, A)];
  return columnPanels(A, width).map((P) => ({ A: kernel.addCsr(P) }));
}
