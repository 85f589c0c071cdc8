import { tf } from './tf.js';
import type { Adam } from './adam.js';
import type { AdamL1, L1Terms } from './adam.js';
import { activityScale, type Regularizers } from './loss.js';
import type { UrnModel } from './model.js';
import { urnBlock } from './block.js';
import { sign } from './ops.js';
import { scatterSquare, type BatchSupport } from './support.js';
import type { UrnConfig } from '../core/config.js';
import { ConfigError, prefix } from '../errors.js';

const where = prefix('train step');

const hasL1 = (adam: Adam): adam is AdamL1 => typeof (adam as Partial<AdamL1>).stepL1 === 'function';

/** sign(W)·(c_W + c_syn·d^γ) added to gW, and the two L1 terms' values, in tfjs ops. */
function l1Grad(W: tf.Tensor2D, gW: tf.Tensor, l1: L1Terms): { gW: tf.Tensor; weight: tf.Scalar; length: tf.Scalar } {
  const useLengths = l1.cSyn !== 0 && l1.lengths !== undefined;
  const weight = l1.cW === 0 ? tf.scalar(0) : (tf.mul(l1.cW, tf.sum(tf.abs(W))) as tf.Scalar);
  const length = useLengths ? (tf.mul(l1.cSyn, tf.sum(tf.mul(tf.abs(W), l1.lengths!))) as tf.Scalar) : tf.scalar(0);
  const signW = l1.cW !== 0 || useLengths ? sign(W) : null;
  if (l1.cW !== 0) gW = tf.add(gW, tf.mul(signW!, l1.cW));
  if (useLengths) gW = tf.add(gW, tf.mul(signW!, tf.mul(l1.lengths!, l1.cSyn)));
  return { gW, weight, length };
}

/**
 * One optimisation step through the hand-written URN gradient (`urnBlock`): cross-entropy and
 * the activity term go through the custom op, the L1 weight and length terms are added as
 * their subgradient sign(W)·(c_W + c_syn·d^γ) inside the Adam step (fused natively when the
 * addon is active and `adam` is an `AdamL1`). Returns the kept 1-D tensor
 * [total, crossEntropy, weight, activity, length].
 *
 * With `sup`, the batch's verified support (`batchSupport`; the `skipSilent` option through
 * `trainStepOnSupport`), the loss and its gradients are taken on the sub-network W[U, U], b[U]
 * and W's gradient goes to Adam as that block (`AdamL1.stepL1` with ids; scattered into S×S
 * only off the native path): the dense step up to float summation order, at a cost that
 * follows the live neurons; the L1 terms and Adam still cover all of W.
 *
 * ```ts
 * const terms = trainStepCustom(model, adam, x, yOneHot, { cW: 5e-7, cN: 2e-5, cSyn: 0 });
 * terms.dispose();
 * ```
 */
export function trainStepCustom(
  model: UrnModel,
  adam: Adam,
  x: tf.Tensor2D,
  yOneHot: tf.Tensor2D,
  reg: Regularizers,
  lengths?: tf.Tensor2D,
  sup?: BatchSupport,
): tf.Tensor1D {
  return tf.tidy(() => {
    const S = model.config.S;
    const g = sup ? lossGrads(sup.config, x, yOneHot, reg, sup.W, sup.b) : lossGrads(model.config, x, yOneHot, reg, model.W, model.b);
    const gb = sup ? (tf.scatterND(tf.tensor2d(sup.ids, [sup.ids.length, 1], 'int32'), g.gb, [S]) as tf.Tensor1D) : g.gb;
    const proximal = reg.l1 === 'proximal';
    const l1: L1Terms = { cW: reg.cW, cSyn: reg.cSyn, lengths, proximal };
    let weight: tf.Scalar;
    let length: tf.Scalar;
    if (hasL1(adam)) {
      ({ weight, length } = adam.stepL1([g.gW, gb], l1, sup?.ids)); // a block on the support: Adam expands it
    } else {
      if (proximal) throw new ConfigError(where("l1 'proximal' needs an Adam with stepL1 (createAdamL1); this one has only step."));
      const r = l1Grad(model.W, sup ? scatterSquare(g.gW, sup.ids, S) : g.gW, l1);
      ({ weight, length } = r);
      adam.step([r.gW, gb]);
    }
    const total = tf.addN([g.ce, weight, g.act, length]);
    const terms = tf.stack([total, g.ce, weight, g.act, length]) as tf.Tensor1D;
    tf.dispose([g.ce, g.act]); // kept past the gradient's scope: release by hand
    return terms;
  });
}

/** Cross-entropy and the activity term through the custom op, and their gradients on W and b. */
function lossGrads(cfg: UrnConfig, x: tf.Tensor2D, yOneHot: tf.Tensor2D, reg: Regularizers, W: tf.Tensor2D, b: tf.Tensor1D) {
  let ce: tf.Scalar = tf.scalar(0);
  let act: tf.Scalar = tf.scalar(0);
  const [gW, gb] = tf.grads((w: tf.Tensor, bias: tf.Tensor) => {
    const out = urnBlock(cfg, x, w as tf.Tensor2D, bias as tf.Tensor1D, reg.cN !== 0, { outputs: reg.activityOutputs, of: reg.activityOf });
    ce = tf.keep(tf.losses.softmaxCrossEntropy(yOneHot, out.logits) as tf.Scalar);
    if (reg.cN === 0) return ce;
    act = tf.keep(tf.mul(activityScale(reg, x.shape[0]), out.activity) as tf.Scalar);
    return tf.add(ce, act) as tf.Scalar;
  })([W, b]);
  return { gW: gW as tf.Tensor2D, gb: gb as tf.Tensor1D, ce, act };
}
