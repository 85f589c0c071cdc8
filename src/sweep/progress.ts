import { Queue } from 'bullmq';
import { QUEUES, redisConnection } from './redis.js';

/** A sweep's progress on the queue: its parent job's state and its trials by state. */
export interface QueueProgress {
  /** The parent job's state: `waiting-children` while trials run, `waiting` once all ended. */
  state: string;
  /** Trials finished (their results are on the parent). */
  done: number;
  /** Trials waiting, running or being retried. */
  pending: number;
  /** Trials that failed after their last attempt. */
  failed: number;
}

/**
 * Read a sweep's progress from its parent job, from any machine that reaches the queue; null when
 * the queue has no such sweep.
 *
 * ```ts
 * const p = await queueProgress('redis://10.0.0.5:6379', readSweep('runs/cn').file.id);
 * console.log(`${p?.done} done, ${p?.pending} pending, ${p?.failed} failed`);
 * ```
 */
export async function queueProgress(queue: string, sweepId: string): Promise<QueueProgress | null> {
  const sweeps = new Queue(QUEUES.sweeps, { connection: redisConnection(queue) });
  try {
    const parent = await sweeps.getJob(sweepId);
    if (!parent) return null;
    const c = await parent.getDependenciesCount();
    return { state: await parent.getState(), done: c.processed ?? 0, pending: c.unprocessed ?? 0, failed: (c.ignored ?? 0) + (c.failed ?? 0) };
  } finally {
    await sweeps.close();
  }
}
