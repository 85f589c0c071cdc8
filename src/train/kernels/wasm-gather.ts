import type { tf } from '../tf.js';
import { allocFloat, floatSpan, sizeOf, wasmInt32s } from './heap.js';

type Info = tf.TensorInfo & { shape: number[] };

const inRange = (idx: Int32Array, n: number): boolean => idx.every((i) => i >= 0 && i < n);

/** A float32 view of a tensor on the wasm heap (after every allocation: the heap may have grown). */
function view(backend: unknown, t: tf.TensorInfo, n: number): Float32Array | null {
  const s = floatSpan('wasm', backend, t);
  return s ? new Float32Array(s.buffer, s.byteOffset, n) : null;
}

/**
 * wasm's `GatherV2` (tfjs 4.22) reads its whole input out of the heap and gathers element by
 * element through a TensorBuffer: 2.4 s for 2000 of 5000 columns of a 5000×5000 W. The fixed
 * kernel copies a 2-D float32 input's rows (axis 0) or columns (axis 1) straight from the heap
 * (1-D int32 indices, no batch dims); everything else, and any index out of range, goes to the
 * stock kernel (which reports it).
 */
export function gatherKernel(stock: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const { x, indices } = args.inputs as { x: Info; indices: Info };
    const { axis: a, batchDims } = args.attrs as { axis: number; batchDims?: number };
    const axis = a < 0 ? a + x.shape.length : a;
    if (x.dtype !== 'float32' || x.shape.length !== 2 || indices.shape.length !== 1 || (batchDims ?? 0) !== 0 || (axis !== 0 && axis !== 1)) {
      return stock.kernelFunc(args);
    }
    const idx = wasmInt32s(args.backend, indices);
    const [rows, cols] = x.shape;
    if (!idx || !inRange(idx, x.shape[axis])) return stock.kernelFunc(args);
    const n = idx.length;
    const out = allocFloat('wasm', args.backend, axis === 0 ? [n, cols] : [rows, n]);
    const xv = view(args.backend, x, rows * cols);
    const ov = view(args.backend, out, n * (axis === 0 ? cols : rows));
    if (!xv || !ov) return stock.kernelFunc(args);
    if (axis === 0) for (let k = 0; k < n; k++) ov.set(xv.subarray(idx[k] * cols, idx[k] * cols + cols), k * cols);
    else for (let r = 0, o = 0; r < rows; r++) for (let k = 0, base = r * cols; k < n; k++) ov[o++] = xv[base + idx[k]];
    return out;
  };
}

/**
 * wasm's `ScatterNd` (tfjs 4.22) goes through the same element-by-element path: 2.7 s to place
 * 500 rows in a 5000×5000 zero matrix. The fixed kernel scatters whole rows of a 2-D float32
 * output from [n, 1] int32 indices, summing repeated indices as `ScatterNd` does; everything
 * else goes to the stock kernel.
 */
export function scatterRowsKernel(stock: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const { indices, updates } = args.inputs as { indices: Info; updates: Info };
    const { shape } = args.attrs as { shape: number[] };
    if (updates.dtype !== 'float32' || shape.length !== 2 || indices.shape.length !== 2 || indices.shape[1] !== 1) return stock.kernelFunc(args);
    const idx = wasmInt32s(args.backend, indices);
    const [rows, cols] = shape;
    if (!idx || !inRange(idx, rows) || sizeOf(updates.shape) !== idx.length * cols) return stock.kernelFunc(args);
    const out = allocFloat('wasm', args.backend, shape);
    const uv = view(args.backend, updates, idx.length * cols);
    const ov = view(args.backend, out, rows * cols);
    if (!uv || !ov) return stock.kernelFunc(args);
    ov.fill(0);
    for (let k = 0; k < idx.length; k++) {
      const dst = idx[k] * cols;
      for (let c = 0, src = k * cols; c < cols; c++) ov[dst + c] += uv[src + c];
    }
    return out;
  };
}
