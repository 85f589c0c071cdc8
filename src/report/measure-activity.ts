import type { Split } from '../data/dataset.js';
import { evaluate } from '../train/activity.js';
import { backendReport, initBackend } from '../train/backend.js';
import type { UrnConfig } from '../core/config.js';
import { createModel, disposeModel } from '../train/model.js';
import type { ActivityStats } from '../core/snapshot.js';

/**
 * The first `n` samples of a split (a view, no copy).
 *
 * ```ts
 * const sample = headOf(data.test, 1000);
 * ```
 */
export function headOf(split: Split, n: number): Split {
  const m = Math.max(0, Math.min(n, split.n));
  const d = split.n ? split.x.length / split.n : 0;
  return { n: m, x: split.x.subarray(0, m * d), y: split.y.subarray(0, m) };
}

/**
 * Activity statistics of a network (W, b) on a data sample, and the accuracy there. Initialises
 * the default backend when none is set; leaks no tensors.
 *
 * ```ts
 * const { stats } = await measureActivity(ckpt.config, ckpt.W, ckpt.b, headOf(data.test, 1000));
 * ```
 */
export async function measureActivity(config: UrnConfig, W: Float32Array, b: Float32Array, sample: Split): Promise<{ stats: ActivityStats; accuracy: number }> {
  if (!backendReport()) await initBackend();
  const model = createModel(config, { W, b });
  try {
    const { stats, accuracy } = await evaluate(model, sample);
    return { stats, accuracy };
  } finally {
    disposeModel(model);
  }
}
