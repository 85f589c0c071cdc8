import { spawnSync } from 'node:child_process';
import { totalmem } from 'node:os';
import { ConfigError, prefix } from '../errors.js';
import { webgpuDevice } from './webgpu/dawn.js';

/** What a training run will hold at its peak, in bytes, and the largest single buffer. */
export interface DeviceMemoryEstimate {
  bytes: number;
  /** W (S² floats): every S×S array is one buffer of this size. */
  largestBuffer: number;
  /** Where the bytes go. */
  parts: Record<string, number>;
}

/** The device's limits that a run must fit, each null when unknown. */
export interface DeviceLimits {
  /** Total memory of the device (GPU memory on webgpu, RAM otherwise). */
  total: number | null;
  /** Largest buffer one tensor may have (webgpu's maxStorageBufferBindingSize). */
  buffer: number | null;
  name: string;
}

const where = prefix('train');
const GB = 1e9;

/**
 * Peak memory of training an S-neuron URN with batch B over I iterations: S² floats for W, its
 * gradient, Adam's two moments, one S² temporary (the update, or sign(W) on stock ops) and the
 * length matrix when used, plus per iteration the B×S states, activations and their gradients,
 * and the stacked copies of the dW GEMM.
 *
 * ```ts
 * estimateDeviceMemory({ S: 20000, B: 128, I: 4, lengths: false }).bytes; // ≈ 8.1e9
 * ```
 */
export function estimateDeviceMemory(o: { S: number; B: number; I: number; lengths: boolean }): DeviceMemoryEstimate {
  const sq = 4 * o.S * o.S;
  const row = 4 * o.B * o.S;
  const parts = {
    'W, gradient, Adam m and v, one temporary': 5 * sq,
    lengths: o.lengths ? sq : 0,
    'states, activations, deltas (B×S each)': (4 * o.I + 2) * row,
  };
  return { bytes: Object.values(parts).reduce((a, b) => a + b, 0), largestBuffer: sq, parts };
}

/** GPU memory from nvidia-smi (bytes of the first GPU), or null without it. */
function nvidiaMemory(): number | null {
  const p = spawnSync('nvidia-smi', ['--query-gpu=memory.total', '--format=csv,noheader,nounits'], { encoding: 'utf8', timeout: 10_000 });
  const mib = p.status === 0 ? Number(p.stdout.trim().split('\n')[0]) : NaN;
  return Number.isFinite(mib) && mib > 0 ? mib * 1024 * 1024 : null;
}

/**
 * The limits of the backend in use: on webgpu the adapter's buffer limit and the GPU's memory
 * (from nvidia-smi when present), elsewhere the machine's RAM.
 *
 * ```ts
 * deviceLimits('webgpu'); // { total: 150e9, buffer: 4.29e9, name: 'NVIDIA H200 …' }
 * ```
 */
export function deviceLimits(tfBackend: string): DeviceLimits {
  if (tfBackend !== 'webgpu') return { total: totalmem(), buffer: null, name: 'this machine' };
  const d = webgpuDevice();
  return {
    total: d?.isNull ? null : nvidiaMemory(),
    buffer: d ? Math.min(d.maxBufferSize, d.maxStorageBufferBindingSize) : null,
    name: d?.description ?? 'the GPU',
  };
}

/**
 * Refuse, before anything is allocated, a run that cannot fit the device: a ConfigError saying
 * what it needs, what the device has, and what to change.
 *
 * ```ts
 * checkDeviceMemory(estimateDeviceMemory({ S: 20000, B: 128, I: 4, lengths: false }), deviceLimits('webgpu'));
 * ```
 */
export function checkDeviceMemory(e: DeviceMemoryEstimate, d: DeviceLimits): void {
  if (d.buffer !== null && e.largestBuffer > d.buffer) {
    throw new ConfigError(where(`W needs one ${(e.largestBuffer / GB).toFixed(2)} GB buffer but ${d.name} allows ${(d.buffer / GB).toFixed(2)} GB per buffer. Reduce S.`));
  }
  if (d.total !== null && e.bytes > d.total) {
    throw new ConfigError(where(`training needs about ${(e.bytes / GB).toFixed(1)} GB but ${d.name} has ${(d.total / GB).toFixed(1)} GB. Reduce S or the batch size.`));
  }
}
