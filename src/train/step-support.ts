import { tf } from './tf.js';
import type { Adam } from './adam.js';
import type { Regularizers } from './loss.js';
import type { UrnModel } from './model.js';
import { trainStepCustom } from './step-custom.js';
import { batchSupport, onSupport, recordStep, startGuess, type SupportTracker } from './support.js';

/**
 * The `skipSilent` step: `trainStepCustom` on the batch's verified support (`batchSupport`), or
 * dense while the support is too large to pay (`onSupport`). The same step as the dense one up
 * to float summation order. Returns the kept loss terms, as `trainStep` does.
 *
 * ```ts
 * const tracker = createSupportTracker();
 * const terms = await trainStepOnSupport(model, adam, x, yOneHot, { cW: 5e-7, cN: 2e-5, cSyn: 0 }, undefined, tracker);
 * terms.dispose();
 * ```
 */
export async function trainStepOnSupport(
  model: UrnModel,
  adam: Adam,
  x: tf.Tensor2D,
  yOneHot: tf.Tensor2D,
  reg: Regularizers,
  lengths: tf.Tensor2D | undefined,
  tracker: SupportTracker,
): Promise<tf.Tensor1D> {
  const S = model.config.S;
  if (!onSupport(tracker, S)) return trainStepCustom(model, adam, x, yOneHot, reg, lengths);
  const sup = await batchSupport(model.config, x, model.W, model.b, startGuess(tracker, S));
  recordStep(tracker, sup);
  if (sup.ids.length === S) return trainStepCustom(model, adam, x, yOneHot, reg, lengths);
  try {
    return trainStepCustom(model, adam, x, yOneHot, reg, lengths, sup);
  } finally {
    tf.dispose([sup.W, sup.b]);
  }
}
