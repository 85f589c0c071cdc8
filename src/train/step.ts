import { tf } from './tf.js';
import type { Adam } from './adam.js';
import { lossTerms, type Regularizers } from './loss.js';
import type { UrnModel } from './model.js';
import { trainStepCustom } from './step-custom.js';
import { ConfigError, prefix } from '../errors.js';

const where = prefix('train step');

/** How gradients are taken: the hand-written URN block (default) or tfjs autodiff. */
export type GradMode = 'custom' | 'autodiff';
/**
 * Every `GradMode`, for validation and CLI help.
 *
 * ```ts
 * GRAD_MODES.includes('custom'); // true
 * ```
 */
export const GRAD_MODES: readonly GradMode[] = ['custom', 'autodiff'];

/**
 * One optimisation step on a batch: loss and gradients of Eq. 5 (+ Eq. 9), then Adam. With
 * `reg.grad` 'custom' (the default) it runs `trainStepCustom`, else tfjs autodiff
 * (`trainStepOnSupport` is the `skipSilent` step). Returns
 * the loss terms [total, crossEntropy, weight, activity, length] as a kept 1-D tensor that the
 * caller disposes; everything else is released.
 *
 * ```ts
 * const terms = trainStep(model, adam, x, yOneHot, options);
 * terms.dispose();
 * ```
 */
export function trainStep(
  model: UrnModel,
  adam: Adam,
  x: tf.Tensor2D,
  yOneHot: tf.Tensor2D,
  reg: Regularizers & { grad?: GradMode },
  lengths?: tf.Tensor2D,
): tf.Tensor1D {
  if ((reg.grad ?? 'custom') === 'custom') return trainStepCustom(model, adam, x, yOneHot, reg, lengths);
  if (reg.l1 === 'proximal') throw new ConfigError(where("l1 'proximal' needs grad 'custom' (autodiff only takes subgradients)."));
  return tf.tidy(() => {
    let terms: tf.Tensor1D | null = null;
    const { grads } = tf.variableGrads(() => {
      const t = lossTerms(model.config, model.W, model.b, x, yOneHot, reg, lengths);
      terms = tf.keep(tf.stack([t.total, t.crossEntropy, t.weight, t.activity, t.length]) as tf.Tensor1D);
      return t.total;
    }, [model.W, model.b]);
    adam.step([grads[model.W.name], grads[model.b.name]]);
    return terms!;
  });
}
