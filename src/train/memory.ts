import { spawnSync } from 'node:child_process';
import { totalmem } from 'node:os';
import { ResourceError, prefix } from '../errors.js';
import { webgpuDevice } from './webgpu/dawn.js';

const where = prefix('train memory');

/** The largest wasm32 heap: tfjs-wasm keeps every tensor in it. */
export const WASM_HEAP_BYTES = 4 * 1024 ** 3;
/** Longest typed array V8 allocates (elements). */
const MAX_ARRAY = 2 ** 32 - 1;

/** What training a URN of this size holds in memory at once, in bytes. */
export interface MemoryEstimate {
  /** W and b. */
  params: number;
  /** Their gradients and Adam's two moments, plus one temporary of each (the update). */
  optimizer: number;
  /** The synapse-length matrix (S² floats) of c_syn on a geometry, else 0. */
  lengths: number;
  /**
   * Kept for backprop and the dW GEMM, per iteration: the B×S states, activations and their
   * gradients, and the stacked copies (4I + 2 arrays of B×S).
   */
  activations: number;
  /** Host copies made when a checkpoint is written (W, b and both moments read back and packed). */
  checkpoint: number;
  /** What the backend holds (params, optimizer, lengths, activations): on wasm, all inside its heap. */
  device: number;
  /** The largest single buffer: W (every S×S array is one buffer of this size). */
  largestBuffer: number;
  total: number;
}

/**
 * Estimate the memory a training step of S neurons, I iterations and batch B holds at once; with
 * `lengths`, also c_syn's S×S length matrix.
 *
 * ```ts
 * estimateTrainMemory(40000, 4, 32).total; // ≈ 7.7e10 bytes
 * ```
 */
export function estimateTrainMemory(S: number, I: number, batch: number, o: { lengths?: boolean } = {}): MemoryEstimate {
  const p = 4 * (S * S + S);
  const params = p;
  const optimizer = 4 * p;
  const lengths = o.lengths ? 4 * S * S : 0;
  const activations = 4 * (4 * I + 2) * batch * S;
  const checkpoint = 2 * 3 * p;
  const device = params + optimizer + lengths + activations;
  return { params, optimizer, lengths, activations, checkpoint, device, largestBuffer: 4 * S * S, total: device + checkpoint };
}

/** The limits a training run must fit, in bytes; null when unknown. */
export interface MemoryLimit {
  /** What this process may use in all (80% of the machine's RAM). */
  ram: number;
  /** What the backend may hold: the 4 GiB wasm32 heap, the GPU's memory on webgpu, else the RAM. */
  device: number | null;
  /** The largest buffer one tensor may have (webgpu's binding limit), or null. */
  buffer: number | null;
  /** The device, in words. */
  name: string;
}

/** GPU memory from nvidia-smi (bytes of the first GPU), or null without it. */
function nvidiaMemory(): number | null {
  const p = spawnSync('nvidia-smi', ['--query-gpu=memory.total', '--format=csv,noheader,nounits'], { encoding: 'utf8', timeout: 10_000 });
  const mib = p.status === 0 ? Number(p.stdout.trim().split('\n')[0]) : NaN;
  return Number.isFinite(mib) && mib > 0 ? mib * 1024 * 1024 : null;
}

/**
 * The memory limits training runs under on a backend: the machine's RAM (80%); on wasm at most
 * its 4 GiB heap; on webgpu the GPU's memory (from nvidia-smi when present) and the adapter's
 * largest buffer.
 *
 * ```ts
 * memoryLimit('wasm').device; // ≤ 4 GiB
 * memoryLimit('webgpu'); // { device: 150e9, buffer: 4.29e9, name: 'NVIDIA H200 …', … }
 * ```
 */
export function memoryLimit(backend: string): MemoryLimit {
  const ram = Math.floor(0.8 * totalmem());
  if (backend === 'wasm') return { ram, device: Math.min(ram, WASM_HEAP_BYTES), buffer: null, name: 'the wasm backend on this machine' };
  if (backend !== 'webgpu') return { ram, device: ram, buffer: null, name: `the ${backend} backend on this machine` };
  const d = webgpuDevice();
  return {
    ram,
    device: d && !d.isNull ? nvidiaMemory() : null,
    buffer: d ? Math.min(d.maxBufferSize, d.maxStorageBufferBindingSize) : null,
    name: d?.description ?? 'the GPU',
  };
}

const gib = (b: number) => `${(b / 1024 ** 3).toFixed(b < 1024 ** 3 ? 2 : 1)} GiB`;

/**
 * Refuse, before anything is allocated, a training job that cannot fit: W beyond one typed
 * array or one device buffer, or the estimate over the backend's memory or the RAM. A
 * `ResourceError` naming the estimate, the limit and what to change.
 *
 * ```ts
 * checkTrainMemory({ S: 40000, I: 4 }, 32, 'wasm'); // throws ResourceError
 * ```
 */
export function checkTrainMemory(
  cfg: { S: number; I: number },
  batch: number,
  backend: string,
  limit: MemoryLimit = memoryLimit(backend),
  o: { lengths?: boolean } = {},
): MemoryEstimate {
  const e = estimateTrainMemory(cfg.S, cfg.I, batch, o);
  const parts = `W and b ${gib(e.params)}, gradients and Adam ${gib(e.optimizer)}${e.lengths ? `, lengths ${gib(e.lengths)}` : ''}, activations ${gib(e.activations)}, checkpoint copies ${gib(e.checkpoint)}`;
  if (cfg.S * cfg.S > MAX_ARRAY) {
    throw new ResourceError(where(`S = ${cfg.S} gives W ${cfg.S}² = ${(cfg.S * cfg.S).toExponential(2)} entries, beyond the ${MAX_ARRAY}-element limit of one array (about ${gib(e.total)}: ${parts}). Use S ≤ 65535.`));
  }
  if (limit.buffer !== null && e.largestBuffer > limit.buffer) {
    throw new ResourceError(where(`S = ${cfg.S} needs W in one ${gib(e.largestBuffer)} buffer but ${limit.name} allows ${gib(limit.buffer)} per buffer. Use a smaller --S.`));
  }
  const over = limit.device !== null && e.device > limit.device ? ['on the backend', e.device, limit.device] : e.total > limit.ram ? ['in all', e.total, limit.ram] : null;
  if (over) {
    throw new ResourceError(
      where(`S = ${cfg.S}, I = ${cfg.I}, batch ${batch} needs about ${gib(over[1] as number)} ${over[0]} (${parts}), over the ${gib(over[2] as number)} limit of ${limit.name}. Use a smaller --S or --batch.`),
    );
  }
  return e;
}
