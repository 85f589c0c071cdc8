import type { Split } from '../data/dataset.js';
import type { UrnConfig } from '../core/config.js';
import { evaluate, type Evaluation } from '../train/activity.js';
import { createModel, disposeModel } from '../train/model.js';

/**
 * Accuracy and activity statistics of a URN given as typed arrays, on one split (a live model
 * is made for the pass and released).
 *
 * ```ts
 * const { accuracy } = await measure(viewConfig(full, lay, 0), v.W, v.b, data.test);
 * ```
 */
export async function measure(config: UrnConfig, W: Float32Array, b: Float32Array, split: Split): Promise<Evaluation> {
  const model = createModel(config, { W, b });
  try {
    return await evaluate(model, split);
  } finally {
    disposeModel(model);
  }
}
