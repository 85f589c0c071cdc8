import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError } from '../errors.js';
import { isLockRefusal, lockHolder } from '../run/lock.js';
import { defaultJobs, trialEnv, type Executor, type ExecutorContext, type TrialJob, type TrialOutcome } from './executor.js';
import { spawnTrial } from './spawn-trial.js';
import { readAttempts, readTrialResult, trialState } from './trial-dir.js';

/** Options of `localExecutor`. */
export interface LocalExecutorOptions {
  /** Trials at once (default: one per core, `defaultJobs()`). */
  jobs?: number;
  /** How often a trial that another process is running is looked at again (ms, default 2000). */
  pollMs?: number;
}

/** A job of this executor's queue, with its place in the list it was given. */
type Queued = TrialJob & { k: number };

/**
 * The default executor: each trial in its own child process on this machine, `jobs` at a time.
 * A failed trial is reported and the others go on.
 *
 * Several sweeps may share one directory (two `urn sweep` or `bench fig3` runs of the same spec,
 * a rerun started while the first still runs): a trial whose run directory another live process
 * holds is put back at the end of the queue and looked at again every `pollMs`. When that
 * process finishes it, its result is taken as this sweep's; when it dies without finishing, this
 * sweep resumes the trial itself. No trial runs twice at once, and none fails on the lock.
 *
 * ```ts
 * const r = await sweep(spec, { dir: 'runs/sweep', executor: localExecutor({ jobs: 2 }) });
 * ```
 */
export function localExecutor(o: LocalExecutorOptions = {}): Executor {
  const jobs = o.jobs ?? defaultJobs();
  const pollMs = o.pollMs ?? 2000;
  if (!Number.isInteger(jobs) || jobs < 1) throw new ConfigError(`sweep: jobs must be an integer ≥ 1, got ${jobs}. Pass --jobs 1 or more.`);
  return {
    name: 'local',
    async run(list, ctx) {
      const out: TrialOutcome[] = new Array(list.length);
      const env = trialEnv(Math.min(jobs, list.length));
      const queue: Queued[] = list.map((job, k) => ({ ...job, k }));
      const elsewhere = new Set<string>();
      const lane = async () => {
        while (queue.length > 0 && !ctx.signal?.aborted) {
          const job = queue.shift()!;
          const outcome = finishedElsewhere(job, ctx) ?? (await attempt(job, env, ctx, elsewhere));
          if (outcome) out[job.k] = outcome;
          else {
            // Another process runs it: come back to it after the rest, and wait only when every
            // trial left is running elsewhere.
            queue.push(job);
            if (queue.every((j) => elsewhere.has(j.trial.id))) await sleep(pollMs, undefined, { signal: ctx.signal }).catch(() => undefined);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(jobs, list.length) }, lane));
      return out.filter(Boolean);
    },
  };
}

/** The outcome of a trial another process finished while this sweep ran, or null. */
function finishedElsewhere(job: Queued, ctx: ExecutorContext): TrialOutcome | null {
  const result = trialState(job.dir) === 'done' ? readTrialResult(job.dir) : null;
  if (!result) return null;
  const by = readAttempts(job.dir).filter((a) => a.event === 'done').pop()?.worker ?? 'another process';
  ctx.onEvent({ type: 'done', id: job.trial.id, result, by });
  return { id: job.trial.id, result, error: null };
}

/**
 * Run one trial here, or null when another live process holds its run directory (before the
 * start, or taken first in a race, which the child then reports as its lock error).
 */
async function attempt(job: Queued, env: NodeJS.ProcessEnv, ctx: ExecutorContext, elsewhere: Set<string>): Promise<TrialOutcome | null> {
  const { trial, dir } = job;
  const held = lockHolder(dir);
  if (held) {
    if (!elsewhere.has(trial.id)) ctx.onEvent({ type: 'start', id: trial.id, worker: `process ${held.pid}, another sweep` });
    elsewhere.add(trial.id);
    return null;
  }
  ctx.onEvent({ type: 'start', id: trial.id, worker: 'local' });
  try {
    const result = await spawnTrial(dir, { signal: ctx.signal, env });
    ctx.onEvent({ type: 'done', id: trial.id, result });
    return { id: trial.id, result, error: null };
  } catch (e) {
    const error = (e as Error).message;
    // Another process took the trial between the look and the child's start (its lock refused
    // the child, which ran nothing): wait for that one.
    if (isLockRefusal(error) && !ctx.signal?.aborted) {
      elsewhere.add(trial.id);
      return null;
    }
    ctx.onEvent({ type: 'failed', id: trial.id, error });
    return { id: trial.id, result: null, error };
  }
}
