import { tf } from './tf.js';
import type { UrnConfig } from '../core/config.js';
import { ShapeError, prefix } from '../errors.js';
import { blockForward, type BlockTape } from './block-forward.js';
import { blockBackward } from './block-backward.js';
import { lastColumns } from './ops.js';
import type { ActivityOf, ActivityOutputs } from './loss.js';

/** The URN block's outputs: the logits and the summed activity Σ_{l=1..I} Σ_b Σ_i |N_i^(l)|. */
export interface BlockOutput {
  logits: tf.Tensor2D;
  /** A scalar; exactly 0 when `activity` was false. */
  activity: tf.Scalar;
}

const where = prefix('urn block');

/**
 * All I iterations of the URN as one `tf.customGrad` op with a hand-written backward
 * (`blockBackward`): gradients flow to W and b only (x is data). tfjs ops only, so it runs on
 * every backend. With `activity` false the |N| sum is skipped (its output is 0); `terms` picks
 * its reading (see `Regularizers`): `outputs: 'exclude'` sums over the S − dOut neurons that are
 * not outputs, `of: 'activation'` sums |φ(·)| in place of |N^(l)|.
 *
 * ```ts
 * const { grads } = tf.variableGrads(() => {
 *   const { logits, activity } = urnBlock(cfg, x, model.W, model.b, true);
 *   return tf.add(tf.losses.softmaxCrossEntropy(y, logits), tf.mul(cN / B, activity)) as tf.Scalar;
 * });
 * ```
 */
export function urnBlock(
  cfg: UrnConfig,
  x: tf.Tensor2D,
  W: tf.Tensor2D,
  b: tf.Tensor1D,
  activity: boolean,
  terms: { outputs?: ActivityOutputs; of?: ActivityOf } = {},
): BlockOutput {
  if (x.shape[1] !== cfg.dIn) throw new ShapeError(where(`input has ${x.shape[1]} features but the model's dIn is ${cfg.dIn}.`));
  const { S, I, dOut } = cfg;
  const B = x.shape[0];
  const nLogits = B * dOut;
  const op = tf.customGrad((...args: unknown[]) => {
    const [w, bias, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const tape = blockForward(cfg, x, w, bias);
    const logits = lastColumns(tape.states[I], dOut);
    const exclude = activity && terms.outputs === 'exclude';
    const absSum = (n: tf.Tensor2D) => (exclude ? tf.sub(tf.sum(tf.abs(n)), tf.sum(tf.abs(lastColumns(n, dOut)))) : tf.sum(tf.abs(n)));
    const act = activity ? tf.addN((terms.of === 'activation' ? tape.acts : tape.states.slice(1)).map(absSum)) : tf.scalar(0);
    const plainRule = cfg.rule === 'plain';
    // W stays alive and unchanged until the gradients are taken, so it is not saved (saving
    // clones it, which on wasm copies all S² floats).
    save([...tape.states, ...(plainRule ? [] : tape.acts)]);
    const value = tf.concat([tf.reshape(logits, [nLogits]), tf.reshape(act, [1])]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const states = saved.slice(0, I + 1) as tf.Tensor2D[];
      const kept: BlockTape = { states, acts: plainRule ? states.slice(1) : (saved.slice(I + 1) as tf.Tensor2D[]) };
      const dLogits = tf.reshape(tf.slice(dy, [0], [nLogits]), [B, dOut]) as tf.Tensor2D;
      const dActivity = activity ? (tf.reshape(tf.slice(dy, [nLogits], [1]), []) as tf.Scalar) : null;
      return blockBackward(cfg, w, kept, { dLogits, dActivity, activityOutputs: terms.outputs, activityOf: terms.of });
    };
    return { value, gradFunc };
  });
  const out = op(W, b) as tf.Tensor1D;
  const logits = tf.reshape(tf.slice(out, [0], [nLogits]), [B, dOut]) as tf.Tensor2D;
  const act = tf.reshape(tf.slice(out, [nLogits], [1]), []) as tf.Scalar;
  return { logits, activity: act };
}
