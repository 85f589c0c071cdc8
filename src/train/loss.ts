import { tf } from './tf.js';
import type { UrnConfig } from '../core/config.js';
import { forwardTensors } from './model.js';

/**
 * Regulator strengths of the loss (paper Eqs. 5 and 9).
 *
 * Normalisation, the same in code, docs and CLI help:
 * - cross-entropy: mean over the samples of the batch;
 * - weight term: c_W · Σ_ij |W_ij| (a sum over all S² entries, once per batch);
 * - activity term, `activityReduction: 'mean'` (the default): c_N · (1/B) Σ_b Σ_{l=1..I} Σ_i |N_i^(l)|
 *   (per-sample sum, batch mean: independent of the batch size);
 * - activity term, `activityReduction: 'sum'`: c_N · Σ_b Σ_{l=1..I} Σ_i |N_i^(l)| (a sum over the
 *   batch too: the paper's Eq. 5 read literally, where only the cross-entropy carries 1/N; B times
 *   stronger than 'mean' at batch size B);
 * - `activityOf: 'activation'` sums |φ(W N^(l−1) + b)| in place of |N^(l)| (differs only under the
 *   residual rules);
 * - `activityOutputs: 'exclude'` drops the dOut output neurons from Σ_i in either reduction (the
 *   default 'include' covers every neuron, Eq. 5 as written);
 * - length term: c_syn · Σ_{i≠j} |W_ij| · d_ij^γ (a sum, once per batch; geometry only).
 */
export interface Regularizers {
  cW: number;
  cN: number;
  cSyn: number;
  /** How the activity term reduces over the batch: 'mean' (default) or 'sum', see above. */
  activityReduction?: ActivityReduction;
  /** Whether the activity term covers the output neurons: 'include' (default) or 'exclude'. */
  activityOutputs?: ActivityOutputs;
  /**
   * What the activity term measures at each iteration: 'state' (default), |N^(l)| as Eq. 5
   * writes it, or 'activation', |φ(W N^(l−1) + b)|, the activation the iteration computes. They
   * are the same under the plain rule; under residual-output the state of an output carries its
   * earlier value, so 'state' charges an output again at every later iteration and 'activation'
   * charges only what each iteration adds.
   */
  activityOf?: ActivityOf;
  /**
   * How the optimiser applies the weight and length terms (their value in the loss is the same):
   * 'subgradient' (default) adds sign(W)·λ to W's gradient; 'proximal' soft-thresholds W after
   * each Adam step, which gives exact zeros (see `L1Terms.proximal`). 'proximal' needs the
   * hand-written gradient (`grad: 'custom'`).
   */
  l1?: L1Mode;
}

export const L1_MODES = ['subgradient', 'proximal'] as const;
export type L1Mode = (typeof L1_MODES)[number];

export const ACTIVITY_REDUCTIONS = ['mean', 'sum'] as const;
export type ActivityReduction = (typeof ACTIVITY_REDUCTIONS)[number];

export const ACTIVITY_OUTPUTS = ['include', 'exclude'] as const;
export type ActivityOutputs = (typeof ACTIVITY_OUTPUTS)[number];

export const ACTIVITY_OF = ['state', 'activation'] as const;
export type ActivityOf = (typeof ACTIVITY_OF)[number];

export const REGULARIZER_DEFAULTS: Regularizers = { cW: 0, cN: 0, cSyn: 0, activityReduction: 'mean', activityOutputs: 'include', activityOf: 'state', l1: 'subgradient' };

/** The factor on Σ_b Σ_l Σ_i |N_i^(l)| of one batch of B samples: c_N/B ('mean') or c_N ('sum'). */
export function activityScale(reg: Regularizers, batch: number): number {
  return (reg.activityReduction ?? 'mean') === 'sum' ? reg.cN : reg.cN / batch;
}

/** Every term of the loss as a scalar tensor; `total` is their sum. */
export interface LossTerms {
  total: tf.Scalar;
  crossEntropy: tf.Scalar;
  weight: tf.Scalar;
  activity: tf.Scalar;
  length: tf.Scalar;
}

/**
 * The URN loss of Eq. 5 (plus Eq. 9's length term when `lengths` is given) on one batch.
 * `lengths` is the S×S tensor of d_ij^γ (zero diagonal), see `synapseLengthMatrix`.
 * Call inside `tf.tidy` or a gradient function.
 *
 * ```ts
 * const total = tf.tidy(() => lossTerms(cfg, model.W, model.b, x, yOneHot, { cW: 1e-4, cN: 1e-4, cSyn: 0 }).total);
 * ```
 */
export function lossTerms(
  cfg: UrnConfig,
  W: tf.Tensor2D,
  b: tf.Tensor1D,
  x: tf.Tensor2D,
  yOneHot: tf.Tensor2D,
  reg: Regularizers,
  lengths?: tf.Tensor2D,
): LossTerms {
  const { states, acts, logits } = forwardTensors(cfg, W, b, x);
  const batch = x.shape[0];
  const crossEntropy = tf.losses.softmaxCrossEntropy(yOneHot, logits) as tf.Scalar;
  const weight = reg.cW === 0 ? tf.scalar(0) : tf.mul(reg.cW, tf.sum(tf.abs(W))) as tf.Scalar;
  let activity: tf.Scalar = tf.scalar(0);
  if (reg.cN !== 0) {
    const dropOutputs = reg.activityOutputs === 'exclude';
    const perState = (reg.activityOf === 'activation' ? acts : states).map((n) => tf.sum(tf.abs(dropOutputs ? tf.slice(n, [0, 0], [batch, cfg.S - cfg.dOut]) : n)));
    activity = tf.mul(activityScale(reg, batch), tf.addN(perState)) as tf.Scalar;
  }
  const length =
    reg.cSyn === 0 || !lengths ? tf.scalar(0) : (tf.mul(reg.cSyn, tf.sum(tf.mul(tf.abs(W), lengths))) as tf.Scalar);
  const total = tf.addN([crossEntropy, weight, activity, length]) as tf.Scalar;
  return { total, crossEntropy, weight, activity, length };
}
