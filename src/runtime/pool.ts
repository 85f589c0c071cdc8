import { receiveMessageOnPort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { SparseModel } from '../core/sparse-model.js';
import { BackendError, ConfigError, DataFormatError, prefix } from '../errors.js';
import { checkBatch, nonFiniteInput } from './check-input.js';
import { checkOutputs, predict, predictForm } from './predict.js';
import { STATUS, type PoolMessage } from './pool-protocol.js';
import { join, post, spawn, type Handle } from './pool-handle.js';

const where = prefix('createPool');

/** Options of `createPool`. */
export interface PoolOptions {
  /** Threads in all, the calling thread included (default: the CPUs, `availableParallelism()`). */
  threads?: number;
  /** Smallest batch that is split; smaller ones run on the calling thread alone. */
  minBatch?: number;
  /**
   * Milliseconds a worker keeps polling for the next share after one before it sleeps (and the
   * caller for a worker's result), as onnxruntime's threads spin: waking a sleeping thread cost
   * more than a share of 512 samples here (bench/RESULTS.md); 0 sleeps at once, leaving the CPU
   * to others (default 1).
   */
  spin?: number;
}

/** Defaults of `createPool`: where two threads overtook one, and the spin that made them (bench/RESULTS.md). */
export const POOL_DEFAULTS = { minBatch: 256, spin: 1 };

/** Worker threads that run shares of large batches, synchronously for the caller. */
export interface PredictPool {
  /** Threads in all, the calling thread included. */
  readonly threads: number;
  /** Shares of batches run so far by the workers, and taken back to run on the calling thread (workers not yet started or not scheduled in time). */
  readonly shares: { worker: number; takenBack: number };
  /** As `predict`, with batches of at least `minBatch` samples split over the threads. */
  predict(model: SparseModel, x: Float32Array, n: number): Float32Array;
  /** End the workers (and free their copies of the models); the pool cannot be used after. */
  close(): void;
}

/**
 * The next fraction of a batch for each worker: a little more when the workers were done before
 * the calling thread (`faster` > 0), a little less when it waited for them, within [½, 1½] of an
 * even share and leaving the calling thread at least 5%. Which thread runs a sample never changes
 * its logits, so this moves only the time.
 *
 * ```ts
 * rebalance(0.5, 1, 2); // 0.515625
 * ```
 */
export function rebalance(f: number, faster: number, threads: number): number {
  const even = 1 / threads;
  const next = faster > 0 ? f * (1 + 1 / 32) : faster < 0 ? f * (1 - 1 / 32) : f;
  return Math.min(Math.max(next, even / 2), 1.5 * even, 0.95 / Math.max(1, threads - 1));
}

/**
 * A pool of worker threads for `predict` on large batches: each worker runs a share of a batch
 * while the calling thread runs the last one (the shares rebalance from call to call, per model,
 * until the threads finish together), on its own copy of the model (sent once), the
 * inputs and logits passing through shared memory; `predict` stays synchronous (the caller waits
 * in `Atomics.wait`). Each sample's logits are bit for bit those of `predict`. Workers start with
 * the pool and do not keep the process alive; `close()` ends them.
 *
 * A batch whose Float32Array lies on a SharedArrayBuffer is read in place by the workers; any
 * other is first copied into shared memory by the calling thread, which the workers wait for
 * (about 0.2 ms for 512 Fashion-MNIST samples, bench/RESULTS.md). Callers that predict batch
 * after batch can keep their inputs in shared memory to skip that copy.
 *
 * ```ts
 * const pool = createPool({ threads: 2 });
 * const logits = pool.predict(model, x, n); // as predict(model, x, n)
 * const shared = new Float32Array(new SharedArrayBuffer(x.byteLength));
 * shared.set(x);
 * pool.predict(model, shared, n); // the same logits, without the copy
 * pool.close();
 * ```
 */
export function createPool(options: PoolOptions = {}): PredictPool {
  const threads = options.threads ?? availableParallelism();
  const minBatch = options.minBatch ?? POOL_DEFAULTS.minBatch;
  if (!Number.isInteger(threads) || threads < 1) throw new ConfigError(where(`threads must be an integer ≥ 1, got ${threads}.`));
  if (!(minBatch >= 0)) throw new ConfigError(where(`minBatch must be ≥ 0, got ${minBatch}.`));
  const spin = options.spin ?? POOL_DEFAULTS.spin;
  if (!(spin >= 0)) throw new ConfigError(where(`spin must be ≥ 0 ms, got ${spin}.`));
  let workers: Handle[] | null = Array.from({ length: threads - 1 }, () => spawn(spin));
  // Each worker's fraction of a batch, per model: the calling thread also copies the workers'
  // inputs into shared memory (unless they are there already), so an even split leaves it last
  // when the inputs are wide.
  const balance = new WeakMap<SparseModel, number>();
  const shares = { worker: 0, takenBack: 0 };
  const run = (model: SparseModel, x: Float32Array, n: number): Float32Array => {
    if (!workers) throw new ConfigError(where('this pool is closed. Create another.'));
    const failed = workers.findIndex((h) => h.failure !== undefined);
    if (failed >= 0) {
      const why = workers[failed].failure;
      throw new BackendError(where(`worker thread ${failed + 1} stopped (${why}); this pool cannot run. Close it and use predict (one thread), or create a new pool.`));
    }
    const { dIn, dOut } = model.config;
    checkBatch(x, n, dIn);
    // Workers take shares of a multiple of 8 samples from the start; the calling thread takes the
    // rest, at the end, so the batch's last n % 4 samples, the only ones that may go through the
    // kernels' one-sample path (spmm.wat sums in another order there), are the same as in predict.
    const f = balance.get(model) ?? 1 / threads;
    const share = Math.floor((n * f) / 8) * 8;
    if (n < minBatch || share === 0) return predict(model, x, n);
    const last = share * workers.length;
    workers.forEach((h, i) => post(h, model, x, i * share, share));
    const out = new Float32Array(n * dOut);
    let error: unknown;
    // Samples s0 .. s0+k on this thread, into out; a non-finite input is named in the whole batch.
    const here = (s0: number, k: number) => {
      try {
        out.set(predictForm(model, x.subarray(s0 * dIn, (s0 + k) * dIn), k), s0 * dOut);
      } catch (e) {
        error ??= e instanceof DataFormatError ? nonFiniteInput(x, dIn) : e;
      }
    };
    here(last, n - last);
    let faster = 0;
    workers.forEach((h, i) => {
      faster += Atomics.load(h.ctrl, 1) === h.requests ? 1 : -1; // done before this thread was
      const status = join(h, spin);
      shares[status === false ? 'takenBack' : 'worker']++;
      if (status === false) here(i * share, share);
      else if (status === STATUS.nonFiniteInput) error ??= nonFiniteInput(x, dIn);
      else if (status === STATUS.error) error ??= new Error(String((receiveMessageOnPort(h.port)?.message as { error?: string })?.error));
      else out.set(h.data.subarray(share * dIn, share * (dIn + dOut)), i * share * dOut);
    });
    balance.set(model, rebalance(f, faster, threads));
    if (error) throw error;
    checkOutputs(out, dOut);
    return out;
  };
  const close = () => {
    for (const h of workers ?? []) {
      h.port.postMessage({ kind: 'close' } satisfies PoolMessage);
      Atomics.store(h.ctrl, 0, ++h.requests); // wakes the worker to read the message
      Atomics.notify(h.ctrl, 0);
      h.port.close();
    }
    workers = null;
  };
  return { threads, shares, predict: run, close };
}
