import type { SparseModel } from '../core/sparse-model.js';

/**
 * What the pool posts to a worker: a model to keep under an id, the shared buffer that carries
 * inputs and logits, a share of a batch to run (request number `request`: `n` samples of model
 * `id`, read from the caller's own shared memory at `input` when the batch lives in a
 * SharedArrayBuffer, else from the start of the shared buffer), or the end.
 *
 * ```ts
 * const msg: PoolMessage = { kind: 'run', request: 1, id: 0, n: 512 };
 * ```
 */
export type PoolMessage =
  | { kind: 'model'; id: number; model: SparseModel }
  | { kind: 'data'; data: SharedArrayBuffer }
  | { kind: 'run'; request: number; id: number; n: number; input?: { buffer: SharedArrayBuffer; byteOffset: number } }
  | { kind: 'close' };

/**
 * A worker's status word after a run: ok, a non-finite input in its share (the pool then names
 * the first one in the whole batch), or another error (its stack posted on the port).
 *
 * ```ts
 * const ctrl = new Int32Array(new SharedArrayBuffer(16)); // a worker's control words
 * const failed = Atomics.load(ctrl, 2) !== STATUS.ok;
 * ```
 */
export const STATUS = { ok: 0, nonFiniteInput: 1, error: 2 } as const;
