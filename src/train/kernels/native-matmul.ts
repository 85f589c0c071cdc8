import { tf } from '../tf.js';
import type { NativeAddon } from './native.js';
import { allocFloat, floatSpan, type HostBackend } from './heap.js';
import { planMatMul } from './matmul-plan.js';

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Info = tf.TensorInfo & { shape: number[] };

/** Fused activations the addon applies itself (others fall back to the original kernel). */
const ACTIVATIONS: Record<string, number> = { linear: 0, relu: 1, relu6: 2, leakyrelu: 3, sigmoid: 4, elu: 5 };

const restore = new Map<HostBackend, () => void>();
/**
 * GEMMs run natively since start (the self-check reads it to make sure it tested the addon).
 *
 * ```ts
 * const before = nativeMatMulCalls.count;
 * ```
 */
export const nativeMatMulCalls = { count: 0 };

/** C = op(A)·op(B) in the addon, or null when the shapes or memory are not covered. */
function gemm(addon: NativeAddon, kind: HostBackend, args: KernelArgs): { out: Info; rows: number; cols: number } | null {
  const { a, b } = args.inputs as { a: Info; b: Info };
  const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
  const plan = planMatMul(a.shape, b.shape, transposeA, transposeB);
  if (!plan || !floatSpan(kind, args.backend, a) || !floatSpan(kind, args.backend, b)) return null;
  const out = allocFloat(kind, args.backend, plan.outShape) as Info;
  // Read the spans after allocating: the wasm heap may have grown and replaced its buffer.
  const A = floatSpan(kind, args.backend, a)!;
  const B = floatSpan(kind, args.backend, b)!;
  const C = floatSpan(kind, args.backend, out)!;
  addon.sgemm(
    A.buffer, A.byteOffset, B.buffer, B.byteOffset, C.buffer, C.byteOffset,
    plan.batch, plan.M, plan.N, plan.K, transposeA, transposeB, plan.strideA, plan.strideB, plan.M * plan.N,
  );
  nativeMatMulCalls.count++;
  return { out, rows: plan.batch * plan.M, cols: plan.N };
}

/**
 * Replace `BatchMatMul` and `_FusedMatMul` of the wasm or cpu backend with CBLAS GEMMs on
 * zero-copy views of the backend's memory; shapes or dtypes it does not cover go to the kernels
 * that were registered before (on wasm: the transpose-first wrapper). `_FusedMatMul` applies the
 * bias (per column, scalar, or full) and linear/relu/relu6/leakyrelu/sigmoid/elu itself; prelu
 * falls back. Idempotent; undo with `uninstallNativeMatMul`.
 *
 * ```ts
 * const { addon } = loadNative();
 * if (addon) installNativeMatMul(addon, 'wasm');
 * ```
 */
export function installNativeMatMul(addon: NativeAddon, kind: HostBackend): boolean {
  if (restore.has(kind)) return true;
  const prevMatMul = tf.getKernel('BatchMatMul', kind);
  const prevFused = tf.getKernel('_FusedMatMul', kind);
  if (!prevMatMul || !prevFused) return false;
  const matMul: tf.KernelFunc = (args) => gemm(addon, kind, args)?.out ?? prevMatMul.kernelFunc(args);
  const fused: tf.KernelFunc = (args) => {
    const { bias, preluActivationWeights } = args.inputs as { bias?: Info; preluActivationWeights?: Info };
    const { activation, leakyreluAlpha } = args.attrs as { activation: string; leakyreluAlpha?: number };
    const act = ACTIVATIONS[activation];
    const biasLen = bias ? bias.shape.reduce((x, y) => x * y, 1) : 0;
    if (act === undefined || preluActivationWeights || (bias && !floatSpan(kind, args.backend, bias))) {
      return prevFused.kernelFunc(args);
    }
    const r = gemm(addon, kind, args);
    if (!r) return prevFused.kernelFunc(args);
    if (bias && biasLen !== r.cols && biasLen !== 1 && biasLen !== r.rows * r.cols) {
      // A bias shape the addon does not broadcast: redo the whole op the original way.
      (args.backend as { disposeData(id: object): void }).disposeData(r.out.dataId);
      return prevFused.kernelFunc(args);
    }
    if (bias || act !== 0) {
      const C = floatSpan(kind, args.backend, r.out)!;
      const Bs = bias ? floatSpan(kind, args.backend, bias)! : null;
      addon.biasAct(C.buffer, C.byteOffset, r.rows, r.cols, Bs?.buffer ?? null, Bs?.byteOffset ?? 0, biasLen, act, leakyreluAlpha ?? 0.2);
    }
    return r.out;
  };
  tf.unregisterKernel('BatchMatMul', kind);
  tf.registerKernel({ ...prevMatMul, kernelFunc: matMul });
  tf.unregisterKernel('_FusedMatMul', kind);
  tf.registerKernel({ ...prevFused, kernelFunc: fused });
  restore.set(kind, () => {
    tf.unregisterKernel('BatchMatMul', kind);
    tf.registerKernel(prevMatMul);
    tf.unregisterKernel('_FusedMatMul', kind);
    tf.registerKernel(prevFused);
  });
  return true;
}

/**
 * Put back the kernels that `installNativeMatMul` replaced on this backend.
 *
 * ```ts
 * uninstallNativeMatMul('wasm');
 * ```
 */
export function uninstallNativeMatMul(kind: HostBackend): void {
  restore.get(kind)?.();
  restore.delete(kind);
}

/**
 * Whether the native matmul kernels are installed on this backend.
 *
 * ```ts
 * nativeMatMulInstalled('wasm'); // true after initBackend with the addon built
 * ```
 */
export const nativeMatMulInstalled = (kind: HostBackend): boolean => restore.has(kind);
