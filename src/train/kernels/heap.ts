import type { tf } from '../tf.js';

/** Where a float32 tensor's values live: an ArrayBuffer and a byte offset into it. */
export interface FloatSpan {
  buffer: ArrayBuffer;
  byteOffset: number;
}

type DataId = object;
interface WasmBackendLike {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(id: DataId): { memoryOffset: number | null; dtype: string; refCount: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}
interface CpuBackendLike {
  data: { get(id: DataId): { values?: unknown; dtype: string; refCount: number } | undefined };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

/** The two backends whose memory the native addon can read in place. */
export type HostBackend = 'wasm' | 'cpu';

/**
 * The bytes of a float32 tensor on the wasm heap or in the cpu backend, or null when it is not
 * plain float32 memory (another dtype, or a cpu "float32" tensor that holds an Int32Array). The
 * wasm heap can grow (its ArrayBuffer is then replaced), so call this again for every use.
 *
 * ```ts
 * const span = floatSpan('wasm', tf.backend(), model.W);
 * ```
 */
export function floatSpan(kind: HostBackend, backend: unknown, t: tf.TensorInfo): FloatSpan | null {
  if (t.dtype !== 'float32') return null;
  if (kind === 'wasm') {
    const b = backend as WasmBackendLike;
    const d = b.dataIdMap.get(t.dataId);
    if (!d || d.memoryOffset === null || d.dtype !== 'float32') return null;
    return { buffer: b.wasm.HEAPU8.buffer as ArrayBuffer, byteOffset: d.memoryOffset };
  }
  const d = (backend as CpuBackendLike).data.get(t.dataId);
  const v = d?.values;
  if (!(v instanceof Float32Array) || v.length < sizeOf(t.shape)) return null;
  return { buffer: v.buffer as ArrayBuffer, byteOffset: v.byteOffset };
}

/**
 * A copy of an int32 tensor's values on the wasm heap (indices, read once by a kernel), or null
 * for another dtype or a tensor with no heap memory.
 *
 * ```ts
 * const idx = wasmInt32s(tf.backend(), tf.tensor1d([2, 0], 'int32')); // Int32Array [2, 0] on wasm
 * ```
 */
export function wasmInt32s(backend: unknown, t: tf.TensorInfo & { shape: readonly number[] }): Int32Array | null {
  const d = (backend as WasmBackendLike).dataIdMap.get(t.dataId);
  if (t.dtype !== 'int32' || !d || d.memoryOffset === null || d.dtype !== 'int32') return null;
  return new Int32Array((backend as WasmBackendLike).wasm.HEAPU8.buffer, d.memoryOffset, sizeOf(t.shape)).slice();
}

/**
 * The backend's reference count of a tensor's data (1: nobody else shares it).
 *
 * ```ts
 * const exclusive = dataRefCount('wasm', tf.backend(), v) === 1; // safe to update in place
 * ```
 */
export function dataRefCount(kind: HostBackend, backend: unknown, t: tf.TensorInfo): number {
  const d = kind === 'wasm' ? (backend as WasmBackendLike).dataIdMap.get(t.dataId) : (backend as CpuBackendLike).data.get(t.dataId);
  return d?.refCount ?? 0;
}

/**
 * A new float32 output of `shape` owned by the backend (uninitialised on wasm, zeros on cpu).
 *
 * ```ts
 * const out = allocFloat('wasm', backend, [M, N]);
 * ```
 */
export function allocFloat(kind: HostBackend, backend: unknown, shape: number[]): tf.TensorInfo {
  if (kind === 'wasm') return (backend as WasmBackendLike).makeOutput(shape, 'float32');
  return (backend as CpuBackendLike).makeTensorInfo(shape, 'float32', new Float32Array(sizeOf(shape)));
}

/**
 * Number of elements of a shape.
 *
 * ```ts
 * sizeOf([2, 3]); // 6
 * ```
 */
export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
