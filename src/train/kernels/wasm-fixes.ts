import { tf } from '../tf.js';
import { kernelFixes } from './kernel-fixes.js';
import { allocFloat, floatSpan, sizeOf } from './heap.js';
import { gatherKernel, scatterRowsKernel } from './wasm-gather.js';

type Info = tf.TensorInfo & { shape: number[] };

/**
 * wasm's `Sign` (tfjs 4.22) is wrong near 0: it returns 0 for every |x| ≤ 1e-10 (a weight of
 * 1e-12 under the L1 subgradient, for example). The fixed kernel reads the heap directly:
 * 1, −1, 0 for ±0, NaN for NaN. Other dtypes go to the stock kernel.
 */
function signKernel(stock: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x as Info;
    if (x.dtype !== 'float32') return stock.kernelFunc(args);
    const n = sizeOf(x.shape);
    const out = allocFloat('wasm', args.backend, x.shape);
    const xs = floatSpan('wasm', args.backend, x); // after the allocation: the heap may have grown
    const os = floatSpan('wasm', args.backend, out);
    if (!xs || !os) return stock.kernelFunc(args);
    const xv = new Float32Array(xs.buffer, xs.byteOffset, n);
    const ov = new Float32Array(os.buffer, os.byteOffset, n);
    for (let k = 0; k < n; k++) {
      const v = xv[k];
      ov[k] = v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : NaN;
    }
    return out;
  };
}

/**
 * wasm's `Slice` of a non-contiguous block first copies its whole input out of the heap
 * (0.5–4 ms for the last columns of 128×2000, against 0.3 ms). The fixed kernel copies the rows
 * of a 2-D float32 slice straight from the heap; everything else goes to the stock kernel.
 */
function sliceKernel(stock: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x as Info;
    const { begin, size } = args.attrs as { begin: number[]; size: number[] };
    if (x.dtype !== 'float32' || x.shape.length !== 2 || begin.length !== 2 || size.length !== 2) return stock.kernelFunc(args);
    const cols = x.shape[1];
    const [r0, c0] = begin;
    const rows = size[0] < 0 ? x.shape[0] - r0 : size[0];
    const w = size[1] < 0 ? cols - c0 : size[1];
    const out = allocFloat('wasm', args.backend, [rows, w]);
    const xs = floatSpan('wasm', args.backend, x);
    const os = floatSpan('wasm', args.backend, out);
    if (!xs || !os) return stock.kernelFunc(args);
    const xv = new Float32Array(xs.buffer, xs.byteOffset, sizeOf(x.shape));
    const ov = new Float32Array(os.buffer, os.byteOffset, rows * w);
    for (let r = 0; r < rows; r++) ov.set(xv.subarray((r0 + r) * cols + c0, (r0 + r) * cols + c0 + w), r * w);
    return out;
  };
}

/**
 * wasm's `_FusedMatMul` with transposeB and a bias gives wrong results (tfjs 4.22). The fixed
 * kernel transposes b first (wasm's Transpose) and calls the stock kernel without the flag.
 */
function fusedMatMulKernel(stock: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const inputs = args.inputs as { a: Info; b: Info; bias?: Info };
    const transpose = tf.getKernel('Transpose', 'wasm');
    if (!(args.attrs as { transposeB?: boolean }).transposeB || !inputs.bias || !transpose) return stock.kernelFunc(args);
    const r = inputs.b.shape.length;
    const perm = Array.from({ length: r }, (_, k) => (k === r - 2 ? r - 1 : k === r - 1 ? r - 2 : k));
    const bt = transpose.kernelFunc({ inputs: { x: inputs.b }, backend: args.backend, attrs: { perm } }) as Info;
    const out = stock.kernelFunc({ ...args, inputs: { ...inputs, b: bt }, attrs: { ...args.attrs, transposeB: false } });
    (args.backend as { disposeData(id: object): void }).disposeData(bt.dataId);
    return out;
  };
}

const fixes = kernelFixes('wasm', {
  Sign: signKernel,
  Slice: sliceKernel,
  _FusedMatMul: fusedMatMulKernel,
  GatherV2: gatherKernel,
  ScatterNd: scatterRowsKernel,
});

/**
 * Register the corrected wasm kernels (`Sign`, `Slice`, `_FusedMatMul`, and the heap-direct
 * `GatherV2` and `ScatterNd` of wasm-gather.ts) in place of tfjs 4.22's, so every caller,
 * user code included, gets them and ops stay backend-agnostic. Idempotent; returns the kernels
 * now fixed. Call once the wasm backend is registered (`initBackend` does).
 *
 * ```ts
 * installWasmKernelFixes(); // ['Sign', 'Slice', '_FusedMatMul', 'GatherV2', 'ScatterNd']
 * ```
 */
export const installWasmKernelFixes = (): string[] => fixes.install();

/**
 * Put back tfjs's own wasm kernels, all or the named ones (for tests and benchmarks of the
 * stock backend).
 *
 * ```ts
 * uninstallWasmKernelFixes();
 * ```
 */
export const uninstallWasmKernelFixes = (names?: string[]): void => fixes.uninstall(names);
