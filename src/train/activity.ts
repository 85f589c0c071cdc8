import { tf } from './tf.js';
import { predictLogits, type UrnModel } from './model.js';
import { blockForward } from './block-forward.js';
import { lastColumns } from './ops.js';
import { predictedClass } from '../runtime/compare.js';
import { readFloats } from './read.js';
import type { ActivityStats } from '../core/snapshot.js';
import { countActive } from '../core/activity.js';
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
  const { S, I, dIn } = model.config;
  const L = I + 1;
  const sum = new Float64Array(L * S);
  const count = new Float64Array(L * S);
  const maxAbs = new Float32Array(L * S);
  let correct = 0;
  for (let s = 0; s < split.n; s += batch) {
    const m = Math.min(batch, split.n - s);
    const [logits, sums, maxes, nz] = tf.tidy(() => {
      const x = tf.tensor2d(split.x.subarray(s * dIn, (s + m) * dIn), [m, dIn]);
      const { states } = blockForward(model.config, x, model.W, model.b);
      const all = tf.stack(states); // L×m×S
      const abs = tf.abs(all);
      return [
        lastColumns(states[L - 1], model.config.dOut),
        tf.sum(abs, 1),
        tf.max(abs, 1),
        tf.sum(tf.cast(tf.greater(abs, 0), 'float32'), 1),
      ];
    });
    const [lv, sv, mv, nv] = await Promise.all([logits, sums, maxes, nz].map(readFloats)).finally(() => tf.dispose([logits, sums, maxes, nz]));
    for (let k = 0; k < m; k++) if (predictedClass(lv, k, model.config.dOut) === split.y[s + k]) correct++;
    for (let k = 0; k < L * S; k++) {
      sum[k] += sv[k];
      count[k] += nv[k];
      if (mv[k] > maxAbs[k]) maxAbs[k] = mv[k];
    }
  }
  const meanAbs = new Float32Array(L * S);
  const activeFraction = new Float32Array(L * S);
  for (let k = 0; k < L * S; k++) {
    meanAbs[k] = sum[k] / split.n;
    activeFraction[k] = count[k] / split.n;
  }
  const stats: ActivityStats = { samples: split.n, meanAbs, maxAbs, activeFraction };
  return { accuracy: split.n ? correct / split.n : 0, activeNeurons: countActive(stats, { S, I: L - 1 }), stats };
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
