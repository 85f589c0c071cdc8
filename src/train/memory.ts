import { totalmem } from 'node:os';
import { ResourceError, prefix } from '../errors.js';

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
  /** Activations kept for backprop: (I+1) states of S neurons for each sample of the batch, pre- and post-φ. */
  activations: number;
  /** Host copies made when a checkpoint is written (W, b and both moments read back and packed). */
  checkpoint: number;
  /** What the backend holds (params, optimizer, activations): on wasm, all inside its heap. */
  device: number;
  total: number;
}

/**
 * Estimate the memory a training step of S neurons, I iterations and batch B holds at once.
 *
 * ```ts
 * estimateTrainMemory(40000, 4, 32).total; // ≈ 7.7e10 bytes
 * ```
 */
export function estimateTrainMemory(S: number, I: number, batch: number): MemoryEstimate {
  const p = 4 * (S * S + S);
  const params = p;
  const optimizer = 4 * p;
  const activations = 4 * 2 * batch * S * (I + 1);
  const checkpoint = 2 * 3 * p;
  const device = params + optimizer + activations;
  return { params, optimizer, activations, checkpoint, device, total: device + checkpoint };
}

const gib = (b: number) => `${(b / 1024 ** 3).toFixed(b < 1024 ** 3 ? 2 : 1)} GiB`;

/**
 * The memory limit training runs under: the machine's RAM (80%), and at most the 4 GiB wasm32
 * heap on the wasm backend.
 *
 * ```ts
 * const { device } = memoryLimit('wasm'); // ≤ 4 GiB
 * ```
 */
export function memoryLimit(backend: string): { ram: number; device: number } {
  const ram = Math.floor(0.8 * totalmem());
  return { ram, device: backend === 'wasm' ? Math.min(ram, WASM_HEAP_BYTES) : ram };
}

/**
 * Refuse, before anything is allocated, a training job whose estimate exceeds the limits (the
 * backend's share, and all of it against RAM), or whose W cannot be one typed array: a `ResourceError` naming the estimate and the limit.
 *
 * ```ts
 * checkTrainMemory({ S: 40000, I: 4 }, 32, 'wasm'); // throws ResourceError
 * ```
 */
export function checkTrainMemory(cfg: { S: number; I: number }, batch: number, backend: string, limit = memoryLimit(backend)): MemoryEstimate {
  const e = estimateTrainMemory(cfg.S, cfg.I, batch);
  const parts = `W and b ${gib(e.params)}, gradients and Adam ${gib(e.optimizer)}, activations ${gib(e.activations)}, checkpoint copies ${gib(e.checkpoint)}`;
  if (cfg.S * cfg.S > MAX_ARRAY) {
    throw new ResourceError(where(`S = ${cfg.S} gives W ${cfg.S}² = ${(cfg.S * cfg.S).toExponential(2)} entries, beyond the ${MAX_ARRAY}-element limit of one array (about ${gib(e.total)}: ${parts}). Use S ≤ 65535.`));
  }
  const over = e.device > limit.device ? ['on the backend', e.device, limit.device] : e.total > limit.ram ? ['in all', e.total, limit.ram] : null;
  if (over) {
    throw new ResourceError(
      where(`S = ${cfg.S}, I = ${cfg.I}, batch ${batch} needs about ${gib(over[1] as number)} ${over[0]} (${parts}), over the ${gib(over[2] as number)} limit of the ${backend} backend on this machine. Use a smaller --S or --batch.`),
    );
  }
  return e;
}
