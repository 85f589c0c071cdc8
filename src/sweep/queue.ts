import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { FlowProducer, Queue, type Job } from 'bullmq';
import { ConfigError } from '../errors.js';
import type { Executor, ExecutorContext, TrialJob, TrialOutcome } from './executor.js';
import type { TrialJobData } from './processor.js';
import { QUEUES, redisConnection } from './redis.js';
import { readTrialResult, writeTrialResult, type TrialResult } from './trial-dir.js';

/** Options of `queueExecutor`. */
export interface QueueExecutorOptions {
  /** `redis://HOST:PORT[/db]`. */
  queue: string;
  /** Tries per trial before it fails (BullMQ `attempts`, default 3), with exponential backoff. */
  attempts?: number;
  /** First backoff delay in ms (default 2000). */
  backoffMs?: number;
  /** How often the sweep's parent job is read (ms, default 500). */
  pollMs?: number;
}

/** The trial id in a child job's key `bull:urn-trials:<trial id>-<nonce>`. */
function trialOfKey(key: string): string {
  return key.slice(key.lastIndexOf(':') + 1).split('-')[0];
}

type Deps = { processed: Record<string, TrialResult>; unprocessed: string[]; ignored: Record<string, string> };

async function dependencies(parent: Job): Promise<Deps> {
  const d = await parent.getDependencies();
  return { processed: (d.processed ?? {}) as Record<string, TrialResult>, unprocessed: d.unprocessed ?? [], ignored: (d.ignored ?? {}) as Record<string, string> };
}

/**
 * Put trials on a BullMQ queue for `urn worker`s anywhere: one sweep is one parent job (flow
 * pattern, id = the sweep id) with a child per trial, so any machine can read its progress, and a
 * restarted coordinator attaches to the same parent instead of adding trials again. Results come
 * back as the children's return values and are written to the coordinator's trial directories.
 *
 * ```ts
 * const r = await sweep(spec, { dir: 'runs/cn', executor: queueExecutor({ queue: 'redis://10.0.0.5:6379' }) });
 * ```
 */
export function queueExecutor(o: QueueExecutorOptions): Executor {
  const connection = redisConnection(o.queue);
  const attempts = o.attempts ?? 3;
  if (!Number.isInteger(attempts) || attempts < 1) throw new ConfigError(`sweep: attempts must be an integer ≥ 1, got ${attempts}.`);
  const opts = { attempts, backoff: { type: 'exponential', delay: o.backoffMs ?? 2000 }, ignoreDependencyOnFailure: true };
  const child = (ctx: ExecutorContext, j: TrialJob) => ({
    name: 'trial',
    queueName: QUEUES.trials,
    data: { sweepId: ctx.sweepId, trial: j.trial, dir: j.dir } satisfies TrialJobData,
    opts: { ...opts, jobId: `${j.trial.id}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}` },
  });
  return {
    name: 'queue',
    async run(list, ctx) {
      const sweeps = new Queue(QUEUES.sweeps, { connection });
      const flow = new FlowProducer({ connection });
      const wanted = new Map(list.map((j) => [j.trial.id, j]));
      const out = new Map<string, TrialOutcome>();
      const take = (d: Deps) => {
        for (const r of Object.values(d.processed)) {
          const j = wanted.get(r?.id);
          if (!j || out.has(r.id)) continue;
          if (!existsSync(j.dir) || !readTrialResult(j.dir)) writeTrialResult(j.dir, r);
          out.set(r.id, { id: r.id, result: r, error: null });
          ctx.onEvent({ type: 'done', id: r.id, result: r });
        }
      };
      try {
        let parent = (await sweeps.getJob(ctx.sweepId)) ?? null;
        if (parent) {
          const d = await dependencies(parent);
          take(d);
          const live = new Set(d.unprocessed.map(trialOfKey));
          const rest = list.filter((j) => !out.has(j.trial.id) && !live.has(j.trial.id));
          if (rest.length && (await parent.getState()) === 'waiting-children') {
            const trials = new Queue(QUEUES.trials, { connection });
            for (const j of rest) {
              const c = child(ctx, j);
              await trials.add(c.name, c.data, { ...c.opts, parent: { id: ctx.sweepId, queue: parent.queueQualifiedName } });
            }
            await trials.close();
          } else if (rest.length) {
            await parent.remove();
            parent = null;
          }
        }
        if (!parent) {
          const rest = list.filter((j) => !out.has(j.trial.id));
          await flow.add({ name: 'sweep', queueName: QUEUES.sweeps, data: { sweepId: ctx.sweepId, dir: ctx.sweepDir }, opts: { jobId: ctx.sweepId }, children: rest.map((j) => child(ctx, j)) });
          parent = (await sweeps.getJob(ctx.sweepId))!;
        }
        while (out.size < list.length && !ctx.signal?.aborted) {
          const d = await dependencies(parent);
          take(d);
          const live = new Set(d.unprocessed.map(trialOfKey));
          for (const [key, reason] of Object.entries(d.ignored)) {
            const id = trialOfKey(key);
            if (!wanted.has(id) || out.has(id) || live.has(id)) continue;
            out.set(id, { id, result: null, error: String(reason) });
            ctx.onEvent({ type: 'failed', id, error: String(reason) });
          }
          if (out.size < list.length) await sleep(o.pollMs ?? 500);
        }
      } finally {
        await Promise.all([sweeps.close(), flow.close()]);
      }
      return list.flatMap((j) => (out.has(j.trial.id) ? [out.get(j.trial.id)!] : []));
    },
  };
}
