import { tf } from '../../tf.js';
import type { WebgpuBackendLike } from './internals.js';
import { kernelFixes } from '../kernel-fixes.js';

type Info = tf.TensorInfo & { shape: number[] };

const XYZ = ['x', 'y', 'z', 'w', 'u', 'v'];
const COORDS = ['i32', 'i32', 'vec2<i32>', 'vec3<i32>', 'vec4<i32>', 'vec5', 'vec6'];

/** A tfjs-backend-webgpu program over a flat index of `shape`, one output value per thread. */
function flatProgram(shape: number[], shaderKey: string, body: string) {
  const size = shape.reduce((a, b) => a * b, 1);
  return {
    variableNames: ['A'],
    outputShape: shape,
    workPerThread: 1,
    workgroupSize: [64, 1, 1] as [number, number, number],
    size: true,
    dispatchLayout: { x: shape.map((_, i) => i) },
    dispatch: [Math.ceil(size / 64), 1, 1] as [number, number, number],
    shaderKey,
    getUserCode: () => /* wgsl */ `
fn main(index : i32) {
  if (index < uniforms.size) {
    ${body}
  }
}`,
  };
}

/**
 * tfjs-backend-webgpu 4.22's `TransposeProgram` (every transpose but the 2-D [1, 0] one) hands
 * an i32 element to `setOutputAtIndex`, which takes f32: for int32 and bool tensors the WGSL does
 * not compile, the pipeline is invalid, and the output stays whatever the buffer held (zeros on
 * an H200). This program is the same transpose with the integer store (`setOutputAtIndexI32`),
 * so the values are copied exactly. tfjs's reductions over an inner axis call that transpose
 * directly, not through the kernel registry, so `tf.sum(int32 [I, B, S], 1)` stays broken: the
 * engine reduces only float32 tensors, and `assertBackendHealthy` stops a run that hits it.
 */
export function transposeIntProgram(shape: number[], perm: number[]) {
  const switched: string[] = [];
  perm.forEach((p, i) => {
    switched[p] = `coords.${XYZ[i]}`;
  });
  const rank = shape.length;
  return flatProgram(
    perm.map((p) => shape[p]),
    `urnTransposeInt_${perm.join('_')}`,
    `let coords = getCoordsFromIndex(index);
    setOutputAtIndexI32(index, A[getIndexFromCoords${rank}D(${COORDS[rank]}(${switched.join()}), uniforms.aShape)]);`,
  );
}

type Backend = WebgpuBackendLike & { shouldExecuteOnCPU(inputs: tf.TensorInfo[]): boolean };

function transposeKernel(stock: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x as Info;
    const { perm } = args.attrs as { perm: number[] };
    const shared = x.shape.length === 2 && perm[0] === 1 && perm[1] === 0;
    const integer = x.dtype === 'int32' || x.dtype === 'bool';
    if (!integer || shared || x.shape.length < 2 || x.shape.length > 6) return stock.kernelFunc(args);
    const backend = args.backend as unknown as Backend;
    if (backend.shouldExecuteOnCPU([x])) return stock.kernelFunc(args);
    return backend.runWebGPUProgram(transposeIntProgram(x.shape, perm), [x], x.dtype);
  };
}

/**
 * The same backend casts bool or int32 to float32 by relabelling the tensor without converting
 * its data (`hasEncodingLoss` is false), so the "float32" tensor is still stored as i32 and every
 * program that reads it raw sees i32: `tf.sum(tf.cast(tf.greater(x, 0), 'float32'), 1)` on a 3-D
 * tensor (the per-neuron activity count in `evaluate`) compiled to an invalid pipeline. This
 * program converts the values, so a float32 tensor is always stored as f32.
 */
export function toFloatProgram(shape: number[]) {
  return flatProgram(shape, 'urnToFloat', 'setOutputAtIndex(index, f32(A[index]));');
}

function castKernel(stock: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x as Info;
    const { dtype } = args.attrs as { dtype: tf.DataType };
    if (dtype !== 'float32' || (x.dtype !== 'int32' && x.dtype !== 'bool') || x.shape.length === 0) return stock.kernelFunc(args);
    const backend = args.backend as unknown as Backend;
    if (backend.shouldExecuteOnCPU([x])) return stock.kernelFunc(args);
    return backend.runWebGPUProgram(toFloatProgram(x.shape), [x], 'float32');
  };
}

const fixes = kernelFixes('webgpu', { Transpose: transposeKernel, Cast: castKernel });

/**
 * Register the fixed webgpu kernels in place of tfjs's (correctness, not speed: always on once
 * webgpu is the backend, like `installWasmKernelFixes` on wasm). Idempotent; returns the names.
 *
 * ```ts
 * installWebgpuKernelFixes(); // ['Transpose', 'Cast']
 * ```
 */
export const installWebgpuKernelFixes = (): string[] => fixes.install();

/**
 * Put back tfjs's own webgpu kernels (tests show the stock bug with them).
 *
 * ```ts
 * uninstallWebgpuKernelFixes();
 * ```
 */
export const uninstallWebgpuKernelFixes = (): void => fixes.uninstall();
