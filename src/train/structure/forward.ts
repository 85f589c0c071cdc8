import { tf } from '../tf.js';
import type { UrnConfig } from '../../core/config.js';
import { activate } from '../block-forward.js';

/** The trainable tensors of a structured URN: W, b and, for a gated one, the gate on each neuron. */
export interface StructuredParams {
  W: tf.Tensor2D;
  b: tf.Tensor1D;
  /** Length-S multiplier on each neuron's φ output (N3's mask); absent: all 1. */
  gate?: tf.Tensor1D;
}

/** One URN iteration N ← gate ⊙ φ(N·Wᵀ + b) with the rule's residual term (`n0`: the clamped input state). */
function iterate(cfg: UrnConfig, p: StructuredParams, n: tf.Tensor2D, n0: tf.Tensor2D, outMask: tf.Tensor2D | null): tf.Tensor2D {
  const z = tf.add(tf.matMul(n, p.W, false, true), p.b) as tf.Tensor2D;
  let next = activate(cfg, z);
  if (p.gate) next = tf.mul(next, p.gate) as tf.Tensor2D;
  if (cfg.rule === 'residual-output') next = tf.add(next, tf.mul(n, outMask!)) as tf.Tensor2D;
  else if (cfg.rule === 'residual-input') next = tf.add(next, n0) as tf.Tensor2D;
  return next;
}

const outputMask = (cfg: UrnConfig): tf.Tensor2D | null =>
  cfg.rule === 'residual-output' ? (tf.concat([tf.zeros([1, cfg.S - cfg.dOut]), tf.ones([1, cfg.dOut])], 1) as tf.Tensor2D) : null;

/**
 * The URN on static inputs with an optional gate: inputs placed in the first dIn neurons of a
 * zero state (Eq. 2), I iterations, the last dOut neurons read out (B×dOut). Without a gate it
 * is `forwardTensors`.
 *
 * ```ts
 * const out = tf.tidy(() => staticOutputs(cfg, { W, b, gate }, x));
 * ```
 */
export function staticOutputs(cfg: UrnConfig, p: StructuredParams, x: tf.Tensor2D): tf.Tensor2D {
  const n0 = x.shape[1] === cfg.S ? x : (tf.pad(x, [[0, 0], [0, cfg.S - x.shape[1]]]) as tf.Tensor2D);
  const outMask = outputMask(cfg);
  let n = n0;
  for (let l = 0; l < cfg.I; l++) n = iterate(cfg, p, n, n0, outMask);
  return tf.slice(n, [0, cfg.S - cfg.dOut], [-1, cfg.dOut]) as tf.Tensor2D;
}

/**
 * The URN on a sequence: `xs` holds T embedded inputs (each B×S, non-zero only in the first dIn
 * columns). At step t the input neurons are clamped to x_t (N ← N ⊙ [i ≥ dIn] + x_t), then the
 * URN runs I iterations and its last dOut neurons are the output for step t. The state carries
 * over from step to step and starts at 0. Returns the T outputs stacked, (T·B)×dOut, step-major.
 *
 * ```ts
 * const out = tf.tidy(() => sequenceOutputs(cfg, { W, b }, tf.unstack(x3d) as tf.Tensor2D[]));
 * ```
 */
export function sequenceOutputs(cfg: UrnConfig, p: StructuredParams, xs: tf.Tensor2D[]): tf.Tensor2D {
  const B = xs[0].shape[0];
  const keepState = tf.concat([tf.zeros([1, cfg.dIn]), tf.ones([1, cfg.S - cfg.dIn])], 1);
  const outMask = outputMask(cfg);
  let n = tf.zeros([B, cfg.S]) as tf.Tensor2D;
  const outs: tf.Tensor2D[] = [];
  for (const x of xs) {
    n = tf.add(tf.mul(n, keepState), x) as tf.Tensor2D;
    for (let l = 0; l < cfg.I; l++) n = iterate(cfg, p, n, x, outMask);
    outs.push(tf.slice(n, [0, cfg.S - cfg.dOut], [-1, cfg.dOut]) as tf.Tensor2D);
  }
  return tf.concat(outs, 0) as tf.Tensor2D;
}

/**
 * The task loss: mean softmax cross-entropy of the outputs against one-hot targets, or for
 * regression the mean squared error (mean over samples and outputs).
 *
 * ```ts
 * const loss = taskLoss('regression', out, y);
 * ```
 */
export function taskLoss(kind: 'classification' | 'regression' | 'sequence', out: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar {
  if (kind === 'regression') return tf.mean(tf.square(tf.sub(out, target))) as tf.Scalar;
  return tf.losses.softmaxCrossEntropy(target, out) as tf.Scalar;
}
