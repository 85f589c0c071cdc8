import type { Split } from '../data/dataset.js';
import type { Snapshot } from '../core/snapshot.js';
import { measure } from './measure.js';
import type { LifelongResult, LifelongTask } from './types.js';

/**
 * The whole accumulated URN (every head an output) as a Snapshot, with activity statistics
 * over all tasks' test splits together, for the topology and the figures.
 *
 * ```ts
 * const snap = await accumulatedSnapshot(r, spec.tasks);
 * ```
 */
export async function accumulatedSnapshot(r: Pick<LifelongResult, 'config' | 'W' | 'b'>, tasks: LifelongTask[]): Promise<Snapshot> {
  const { dIn } = r.config;
  const n = tasks.reduce((s, t) => s + t.data.test.n, 0);
  const all: Split = { n, x: new Float32Array(n * dIn), y: new Int32Array(n) };
  let at = 0;
  for (const t of tasks) {
    all.x.set(t.data.test.x, at * dIn);
    at += t.data.test.n; // labels stay 0: only the activity is used
  }
  const activity = (await measure(r.config, r.W, r.b, all)).stats;
  return { config: r.config, W: r.W, b: r.b, activity };
}
