import { tf } from '../tf.js';

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Info = tf.TensorInfo & { shape: number[] };

let restoreOriginal: (() => void) | null = null;

/**
 * tfjs-wasm's `BatchMatMul` with transposeA/transposeB skips XNNPACK and runs a slow loop. This
 * replaces the wasm kernel with a wrapper that transposes the flagged operands first (wasm's own
 * Transpose kernel) and then calls the original kernel without flags, which takes the XNNPACK
 * path. Same results, several times faster backprop. Idempotent; returns whether it installed.
 * `URN_WASM_TRANSPOSE=0` leaves stock wasm (for benchmarks); `uninstallWasmTransposedMatMul` undoes it.
 *
 * ```ts
 * installWasmTransposedMatMul(); // before or after tf.setBackend('wasm')
 * ```
 */
export function installWasmTransposedMatMul(): boolean {
  if (restoreOriginal) return true;
  if (process.env.URN_WASM_TRANSPOSE === '0') return false;
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!original || !transpose) return false;
  const swapLast = (x: Info, args: KernelArgs): Info => {
    const r = x.shape.length;
    const perm = Array.from({ length: r }, (_, k) => k);
    perm[r - 2] = r - 1;
    perm[r - 1] = r - 2;
    return transpose.kernelFunc({ inputs: { x }, backend: args.backend, attrs: { perm } }) as Info;
  };
  const kernelFunc: tf.KernelFunc = (args) => {
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return original.kernelFunc(args);
    const inputs = args.inputs as { a: Info; b: Info };
    const a = transposeA ? swapLast(inputs.a, args) : inputs.a;
    const b = transposeB ? swapLast(inputs.b, args) : inputs.b;
    const out = original.kernelFunc({
      ...args,
      inputs: { a, b },
      attrs: { ...args.attrs, transposeA: false, transposeB: false },
    });
    const backend = args.backend as { disposeData(id: object): void };
    if (transposeA) backend.disposeData(a.dataId);
    if (transposeB) backend.disposeData(b.dataId);
    return out;
  };
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
  restoreOriginal = () => {
    tf.unregisterKernel('BatchMatMul', 'wasm');
    tf.registerKernel(original);
  };
  return true;
}

/**
 * Put back wasm's original `BatchMatMul` (stock tfjs). Uninstall kernels layered on top first.
 *
 * ```ts
 * uninstallWasmTransposedMatMul();
 * ```
 */
export function uninstallWasmTransposedMatMul(): void {
  restoreOriginal?.();
  restoreOriginal = null;
}

/**
 * Whether the transpose-first wrapper is installed.
 *
 * ```ts
 * wasmTransposedMatMulInstalled(); // false with URN_WASM_TRANSPOSE=0
 * ```
 */
export const wasmTransposedMatMulInstalled = (): boolean => restoreOriginal !== null;
