import { availableParallelism } from 'node:os';
import type { Trial } from './trials.js';
import type { TrialResult } from './trial-dir.js';

/** A trial to run, with its run directory (as the coordinator sees it). */
export interface TrialJob {
  trial: Trial;
  dir: string;
}

/** What an executor reports while it runs: a trial started, finished, failed for good, or is retried. */
export type TrialEvent =
  | { type: 'start'; id: string; worker?: string }
  | { type: 'done'; id: string; result: TrialResult; /** Set when another process ran it (see `localExecutor`). */ by?: string }
  | { type: 'retry'; id: string; error: string }
  | { type: 'failed'; id: string; error: string };

/** How a trial ended: its result, or the error that ended its last attempt. */
export interface TrialOutcome {
  id: string;
  result: TrialResult | null;
  error: string | null;
}

/** What `sweep` hands an executor besides the jobs. */
export interface ExecutorContext {
  sweepId: string;
  sweepDir: string;
  onEvent: (e: TrialEvent) => void;
  signal?: AbortSignal;
}

/**
 * Runs trials somewhere and reports them. `localExecutor` (child processes on this machine) and
 * `queueExecutor` (BullMQ workers anywhere) implement it; both end each trial with its
 * `result.json` in the coordinator's trial directory.
 *
 * ```ts
 * const ex: Executor = localExecutor({ jobs: 2 });
 * const outcomes = await ex.run(jobs, { sweepId, sweepDir, onEvent: console.log });
 * ```
 */
export interface Executor {
  readonly name: string;
  run(jobs: TrialJob[], ctx: ExecutorContext): Promise<TrialOutcome[]>;
}

/**
 * Trials run at once on this machine by default: one per core.
 *
 * ```ts
 * localExecutor({ jobs: defaultJobs() });
 * ```
 */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The environment of a trial child when `parallel` trials share this machine: BLAS threads split
 * over the cores (`OPENBLAS_NUM_THREADS`), unless the caller set them.
 *
 * ```ts
 * spawnTrial(dir, { env: trialEnv(4) });
 * ```
 */
export function trialEnv(parallel: number): NodeJS.ProcessEnv {
  if (process.env.OPENBLAS_NUM_THREADS) return process.env;
  const threads = Math.max(1, Math.floor(availableParallelism() / Math.max(1, parallel)));
  return { ...process.env, OPENBLAS_NUM_THREADS: String(threads) };
}
