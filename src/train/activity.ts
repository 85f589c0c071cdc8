import { tf } from './tf.js';
import { predictLogits, type UrnModel } from './model.js';
import { blockForward } from './block-forward.js';
import { predictedClass } from '../runtime/compare.js';
import { readFloats } from './read.js';
import type { ActivityStats } from '../core/snapshot.js';
import { activityAccumulator, countActive } from '../core/activity.js';
import type { Split } from '../data/dataset.js';

/** Accuracy and activity statistics of a model over one data split. */
export interface Evaluation {
  accuracy: number;
  /** Neurons with |N_i^(l)| > 0 for some sample and some l ≥ 1. */
  activeNeurons: number;
  stats: ActivityStats;
}

/**
 * One forward pass over a split, in chunks: accuracy plus per-(iteration, neuron) activity
 * statistics (l = 0..I; l = 0 is the embedded input). Reads asynchronously; leaks no tensors.
 *
 * ```ts
 * const { accuracy, activeNeurons } = await evaluate(model, data.test);
 * ```
 */
export async function evaluate(model: UrnModel, split: Split, batch = 1024): Promise<Evaluation> {
  const { S, I, dIn, dOut } = model.config;
  const acc = activityAccumulator({ S, I });
  let correct = 0;
  for (let s = 0; s < split.n; s += batch) {
    const m = Math.min(batch, split.n - s);
    const states = tf.tidy(() => {
      const x = tf.tensor2d(split.x.subarray(s * dIn, (s + m) * dIn), [m, dIn]);
      return blockForward(model.config, x, model.W, model.b).states;
    });
    const values = await Promise.all(states.map(readFloats)).finally(() => tf.dispose(states));
    const last = values[I];
    for (let k = 0; k < m; k++) if (predictedClass(last.subarray(k * S + S - dOut, (k + 1) * S), 0, dOut) === split.y[s + k]) correct++;
    acc.add(values, m);
  }
  const stats = acc.finish();
  return { accuracy: split.n ? correct / split.n : 0, activeNeurons: countActive(stats, { S, I }), stats };
}

/**
 * The share of a split's samples whose predicted class (`predictedClass`, the export
 * certificate's: the first largest logit) is their label: `evaluate`'s accuracy without its
 * activity statistics.
 *
 * ```ts
 * const testAccuracy = await accuracyOn(model, data.test);
 * ```
 */
export async function accuracyOn(model: UrnModel, split: Split): Promise<number> {
  if (!split.n) return 0;
  const logits = await predictLogits(model, split.x, split.n);
  let correct = 0;
  for (let k = 0; k < split.n; k++) if (predictedClass(logits, k, model.config.dOut) === split.y[k]) correct++;
  return correct / split.n;
}
