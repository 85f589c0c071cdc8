import { tf } from '../../tf.js';
import { planMatMul } from '../matmul-plan.js';
import { chooseTile, GEMM_SIDE, type GemmTile } from '../gemm-tiling.js';
import { gemmWgsl, type GemmVariant } from './gemm-wgsl.js';
import { checkInternals, webgpuBackend } from './internals.js';

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Info = tf.TensorInfo & { shape: number[] };

/** Which GEMMs go to the WGSL kernel; the rest stay with tfjs-backend-webgpu's own. */
export interface GemmPolicy {
  /** 'transposed': only op(A) = Aᵀ or op(B) = Bᵀ (the forms stock tfjs is slow at); 'all'; 'off'. */
  forms: 'transposed' | 'all' | 'off';
  /** Smaller products (2·M·N·K flops) stay with stock tfjs. */
  minFlops: number;
  /** A fixed tile, or null for `chooseTile`. */
  tile: GemmTile | null;
}

const envForms = process.env.URN_WEBGPU_GEMM;
/** URN_WEBGPU_TILE=4x4x16 fixes the tile (benchmarks compare tiles in separate processes). */
const envTile = /^(\d+)x(\d+)x(\d+)$/.exec(process.env.URN_WEBGPU_TILE ?? '');
let policy: GemmPolicy = {
  forms: envForms === 'all' || envForms === 'off' ? envForms : 'transposed',
  minFlops: 1 << 20,
  tile: envTile ? { rm: +envTile[1], rn: +envTile[2], tk: +envTile[3] } : null,
};
let restore: (() => void) | null = null;
/**
 * GEMMs run by the WGSL kernel since start.
 *
 * ```ts
 * const before = webgpuGemmCalls.count;
 * ```
 */
export const webgpuGemmCalls = { count: 0 };

/**
 * Change which GEMMs the WGSL kernel takes (benchmarks and the GPU check sweep it).
 *
 * ```ts
 * setGemmPolicy({ forms: 'all', minFlops: 0, tile: { rm: 8, rn: 8, tk: 8 } });
 * ```
 */
export function setGemmPolicy(p: Partial<GemmPolicy>): GemmPolicy {
  policy = { ...policy, ...p };
  return policy;
}

/** tfjs-backend-webgpu's program description for one variant and shape. */
function program(v: GemmVariant, M: number, N: number, outShape: number[]) {
  const { rm, rn, tk } = v.tile;
  return {
    outputShape: outShape,
    shaderKey: `urnGemm_${+v.transA}${+v.transB}${+v.bias}${+v.relu}_${rm}x${rn}x${tk}`,
    dispatchLayout: outShape.length === 3 ? { x: [2], y: [1], z: [0] } : { x: [1], y: [0] },
    dispatch: [Math.ceil(N / (GEMM_SIDE * rn)), Math.ceil(M / (GEMM_SIDE * rm)), 1] as [number, number, number],
    variableNames: v.bias ? ['A', 'B', 'Bias'] : ['A', 'B'],
    uniforms: 'M : i32, N : i32, K : i32,',
    workgroupSize: [GEMM_SIDE, GEMM_SIDE, 1] as [number, number, number],
    getUserCode: () => gemmWgsl(v),
  };
}

/**
 * C = op(A)·op(B) (+ bias per column, relu) with the WGSL kernel, or null when the policy,
 * shapes or dtypes leave it to stock tfjs (a batch of several matrices, not float32). tfjs's
 * fused op hands over [1, M, K]-shaped operands: a batch of one is taken.
 *
 * ```ts
 * const c = webgpuGemm(x, W, false, true); // null: left to stock tfjs
 * ```
 */
export function webgpuGemm(a: Info, b: Info, transA: boolean, transB: boolean, bias?: Info, relu = false): tf.TensorInfo | null {
  if (policy.forms === 'off' || (policy.forms === 'transposed' && !transA && !transB)) return null;
  if (a.shape.length > 3 || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const plan = planMatMul(a.shape, b.shape, transA, transB);
  if (!plan || plan.batch !== 1 || 2 * plan.M * plan.N * plan.K < policy.minFlops) return null;
  if (bias && (bias.dtype !== 'float32' || bias.shape.reduce((x, y) => x * y, 1) !== plan.N)) return null;
  const tile = policy.tile ?? chooseTile(plan.M, plan.N, plan.K);
  const v: GemmVariant = { transA, transB, bias: !!bias, relu, tile };
  const uniforms = [plan.M, plan.N, plan.K].map((x) => ({ type: 'int32', data: [x] }));
  webgpuGemmCalls.count++;
  return webgpuBackend().runWebGPUProgram(program(v, plan.M, plan.N, plan.outShape), bias ? [a, b, bias] : [a, b], 'float32', uniforms);
}

/**
 * Put the WGSL GEMM in front of the webgpu backend's `BatchMatMul` and `_FusedMatMul` (with a
 * per-column bias and linear or relu; other cases go to the kernels registered before), as
 * `installNativeMatMul` does for wasm and cpu. Idempotent; false when webgpu is not in use.
 *
 * ```ts
 * installWebgpuMatMul();
 * ```
 */
export function installWebgpuMatMul(): boolean {
  if (restore) return true;
  if (checkInternals() !== null) return false;
  const prevMatMul = tf.getKernel('BatchMatMul', 'webgpu');
  const prevFused = tf.getKernel('_FusedMatMul', 'webgpu');
  if (!prevMatMul || !prevFused) return false;
  const matMul: tf.KernelFunc = (args: KernelArgs) => {
    const { a, b } = args.inputs as { a: Info; b: Info };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    return webgpuGemm(a, b, transposeA, transposeB) ?? prevMatMul.kernelFunc(args);
  };
  const fused: tf.KernelFunc = (args: KernelArgs) => {
    const { a, b, bias, preluActivationWeights } = args.inputs as { a: Info; b: Info; bias?: Info; preluActivationWeights?: Info };
    const { transposeA, transposeB, activation } = args.attrs as { transposeA: boolean; transposeB: boolean; activation: string };
    const ok = !preluActivationWeights && (activation === 'linear' || activation === 'relu');
    return (ok ? webgpuGemm(a, b, transposeA, transposeB, bias, activation === 'relu') : null) ?? prevFused.kernelFunc(args);
  };
  tf.unregisterKernel('BatchMatMul', 'webgpu');
  tf.registerKernel({ ...prevMatMul, kernelFunc: matMul });
  tf.unregisterKernel('_FusedMatMul', 'webgpu');
  tf.registerKernel({ ...prevFused, kernelFunc: fused });
  restore = () => {
    tf.unregisterKernel('BatchMatMul', 'webgpu');
    tf.registerKernel(prevMatMul);
    tf.unregisterKernel('_FusedMatMul', 'webgpu');
    tf.registerKernel(prevFused);
  };
  return true;
}

/**
 * Put back the stock webgpu matmul kernels.
 *
 * ```ts
 * uninstallWebgpuMatMul();
 * ```
 */
export function uninstallWebgpuMatMul(): void {
  restore?.();
  restore = null;
}

/**
 * Whether the WGSL GEMM is installed.
 *
 * ```ts
 * webgpuMatMulInstalled();
 * ```
 */
export const webgpuMatMulInstalled = (): boolean => restore !== null;
