import { tf } from '../../tf.js';

/*
 * The parts of tfjs-backend-webgpu 4.22's backend object (pinned) that a kernel recording its own
 * compute pass needs. They are internals: `checkInternals` says when one is missing, and the GPU
 * check script runs the kernels against the cpu backend on the GPU machine.
 */

/** One tensor's record in the backend. */
interface TensorData {
  resource: GPUBufferLike | null;
  /** A copy on the CPU, cached by reads: stale once a kernel writes the buffer in place. */
  values: unknown;
  refCount: number;
  dtype: string;
}
/** What this module uses of a GPUBuffer / GPUDevice / encoder (the types are Dawn's at run time). */
export type GPUBufferLike = object;
export interface PassLike {
  setPipeline(p: unknown): void;
  setBindGroup(i: number, g: unknown): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
  end(): void;
}
export interface DeviceLike {
  createShaderModule(d: { code: string; label?: string }): unknown;
  createComputePipeline(d: object): { getBindGroupLayout(i: number): unknown };
  createBindGroup(d: object): unknown;
  queue: { writeBuffer(b: GPUBufferLike, offset: number, data: ArrayBuffer): void };
}
/** The backend object as this module sees it. */
export interface WebgpuBackendLike {
  device: DeviceLike;
  tensorMap: { get(id: object): TensorData | undefined };
  bufferManager: { acquireBuffer(size: number, usage: number): GPUBufferLike };
  uniformPendingDisposal: GPUBufferLike[];
  commandQueueOwnedIds: WeakSet<object>;
  commandEncoder: { beginComputePass(): PassLike } | null;
  uploadToGPU(id: object): void;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  runWebGPUProgram(program: object, inputs: tf.TensorInfo[], dtype: tf.DataType, uniforms?: object[]): tf.TensorInfo;
}

const NEEDED = ['device', 'tensorMap', 'bufferManager', 'uniformPendingDisposal', 'commandQueueOwnedIds', 'uploadToGPU', 'ensureCommandEncoderReady', 'endComputePassEncoder', 'runWebGPUProgram'];

/**
 * Null when the backend in use is tfjs's webgpu with the internals these kernels use, else why
 * not (another backend, or a tfjs-backend-webgpu whose internals changed).
 *
 * ```ts
 * const why = checkInternals(); // null on webgpu
 * ```
 */
export function checkInternals(): string | null {
  if (tf.getBackend() !== 'webgpu') return `backend is ${tf.getBackend()}, not webgpu`;
  const b = tf.backend() as unknown as Record<string, unknown>;
  const missing = NEEDED.filter((k) => b[k] === undefined);
  return missing.length ? `tfjs-backend-webgpu lacks ${missing.join(', ')} (these kernels are written for 4.22)` : null;
}

/** The webgpu backend object (call `checkInternals` first). */
export const webgpuBackend = (): WebgpuBackendLike => tf.backend() as unknown as WebgpuBackendLike;

/**
 * The GPU buffer behind a tensor (uploaded first if it lives on the CPU), or null when it cannot
 * be written in place: not float32, or its data shared with another tensor.
 *
 * ```ts
 * const buf = gpuBuffer(webgpuBackend(), W, true);
 * ```
 */
export function gpuBuffer(be: WebgpuBackendLike, t: tf.TensorInfo, inPlace: boolean): GPUBufferLike | null {
  const d = be.tensorMap.get(t.dataId);
  if (!d || d.dtype !== 'float32' || (inPlace && d.refCount !== 1)) return null;
  be.uploadToGPU(t.dataId);
  return d.resource;
}

/**
 * A uniform buffer holding `data`, released by tfjs after its next submit (one per dispatch:
 * `queue.writeBuffer` runs before the encoder is submitted, so a buffer reused by two dispatches
 * would give both its last value).
 *
 * ```ts
 * const u = uniformBuffer(webgpuBackend(), new Float32Array([1e-3, 0.9]).buffer);
 * ```
 */
export function uniformBuffer(be: WebgpuBackendLike, data: ArrayBuffer): GPUBufferLike {
  const size = Math.ceil(data.byteLength / 16) * 16;
  const padded = new Uint8Array(size);
  padded.set(new Uint8Array(data));
  const buf = be.bufferManager.acquireBuffer(size, GPU_USAGE.UNIFORM | GPU_USAGE.COPY_DST);
  be.device.queue.writeBuffer(buf, 0, padded.buffer);
  be.uniformPendingDisposal.push(buf);
  return buf;
}

/** GPUBufferUsage's flags (the WebGPU spec's values; Node has no global for them). */
export const GPU_USAGE = { COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;

/**
 * Record one compute dispatch into tfjs's own command encoder, so it runs in order with tfjs's
 * work, and mark `written` as changed on the GPU (their CPU copies are dropped, and tfjs keeps
 * their buffers until the encoder is submitted).
 *
 * ```ts
 * dispatch(webgpuBackend(), next, block, [8, 1, 1], [W]); // a pipeline and its bind group
 * ```
 */
export function dispatch(be: WebgpuBackendLike, pipeline: unknown, bindGroup: unknown, groups: [number, number, number], written: tf.TensorInfo[]): void {
  be.ensureCommandEncoderReady();
  be.endComputePassEncoder();
  const pass = be.commandEncoder!.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(...groups);
  pass.end();
  for (const t of written) {
    be.tensorMap.get(t.dataId)!.values = null;
    be.commandQueueOwnedIds.add(t.dataId);
  }
}
