import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import { ConfigError } from '../errors.js';
import { QUEUES, redisConnection } from './redis.js';

const here = import.meta.url;
/** The sandboxed processor file, beside this one. */
export const PROCESSOR_FILE = fileURLToPath(new URL(`./processor${here.endsWith('.ts') ? '.ts' : '.js'}`, here));

/** Options of `startWorker`. */
export interface WorkerOptions {
  /** `redis://HOST:PORT[/db]`. */
  queue: string;
  /** Trials at once on this machine (default 1). */
  concurrency?: number;
  /** Run directories under `<root>/<sweep id>/trials/<id>` instead of the coordinator's path. */
  root?: string;
  /** Heartbeat: the job's lock lasts this long and is renewed at half of it (ms, default 30000). */
  lockDuration?: number;
  /** How often stalled jobs (dead workers) are looked for (ms, default 30000). */
  stalledInterval?: number;
  /** A trial whose worker died this many times fails (default 3). */
  maxStalledCount?: number;
  /** Called when a trial finishes or fails on this worker. */
  onEvent?: (e: { type: 'done' | 'failed'; id: string; error?: string }) => void;
}

/**
 * Start a BullMQ worker that runs trials: a sandboxed processor per slot, lock heartbeats, and
 * stalled-job recovery, so a trial whose worker died is retried by another (resuming from its
 * checkpoint when the run directories are shared). `close()` waits for the running trials.
 *
 * ```ts
 * const w = startWorker({ queue: 'redis://10.0.0.5:6379', concurrency: 2 });
 * process.on('SIGTERM', () => void w.close());
 * ```
 */
export function startWorker(o: WorkerOptions): Worker {
  const concurrency = o.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new ConfigError(`worker: concurrency must be an integer ≥ 1, got ${concurrency}. Pass --concurrency 1 or more.`);
  const env: NodeJS.ProcessEnv = { ...process.env, URN_WORKER_CONCURRENCY: String(concurrency), ...(o.root ? { URN_SWEEP_ROOT: o.root } : {}) };
  const worker = new Worker(QUEUES.trials, PROCESSOR_FILE, {
    connection: redisConnection(o.queue),
    concurrency,
    useWorkerThreads: false,
    workerForkOptions: { env },
    lockDuration: o.lockDuration ?? 30_000,
    stalledInterval: o.stalledInterval ?? 30_000,
    maxStalledCount: o.maxStalledCount ?? 3,
  });
  worker.on('completed', (job) => o.onEvent?.({ type: 'done', id: (job.data as { trial: { id: string } }).trial.id }));
  worker.on('failed', (job, err) => o.onEvent?.({ type: 'failed', id: (job?.data as { trial: { id: string } } | undefined)?.trial.id ?? '?', error: err.message }));
  return worker;
}
