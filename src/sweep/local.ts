import { ConfigError } from '../errors.js';
import { defaultJobs, trialEnv, type Executor, type TrialOutcome } from './executor.js';
import { spawnTrial } from './spawn-trial.js';

/** Options of `localExecutor`. */
export interface LocalExecutorOptions {
  /** Trials at once (default: one per core, `defaultJobs()`). */
  jobs?: number;
}

/**
 * The default executor: each trial in its own child process on this machine, `jobs` at a time.
 * A failed trial is reported and the others go on.
 *
 * ```ts
 * const r = await sweep(spec, { dir: 'runs/sweep', executor: localExecutor({ jobs: 2 }) });
 * ```
 */
export function localExecutor(o: LocalExecutorOptions = {}): Executor {
  const jobs = o.jobs ?? defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 1) throw new ConfigError(`sweep: jobs must be an integer ≥ 1, got ${jobs}. Pass --jobs 1 or more.`);
  return {
    name: 'local',
    async run(list, ctx) {
      const out: TrialOutcome[] = new Array(list.length);
      const env = trialEnv(Math.min(jobs, list.length));
      let next = 0;
      const lane = async () => {
        while (next < list.length && !ctx.signal?.aborted) {
          const k = next++;
          const { trial, dir } = list[k];
          ctx.onEvent({ type: 'start', id: trial.id, worker: 'local' });
          try {
            const result = await spawnTrial(dir, { signal: ctx.signal, env });
            out[k] = { id: trial.id, result, error: null };
            ctx.onEvent({ type: 'done', id: trial.id, result });
          } catch (e) {
            const error = (e as Error).message;
            out[k] = { id: trial.id, result: null, error };
            ctx.onEvent({ type: 'failed', id: trial.id, error });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(jobs, list.length) }, lane));
      return out.filter(Boolean);
    },
  };
}
