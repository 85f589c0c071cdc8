import { tf } from './tf.js';
import { linearFrom, type UrnConfig } from '../core/config.js';
import { addOnOutputs, type BlockTape } from './block-forward.js';
import { sign } from './ops.js';
import type { ActivityOf, ActivityOutputs } from './loss.js';

/** Upstream gradients of the block's two outputs. */
export interface BlockUpstream {
  /** ∂L/∂logits, B×dOut. */
  dLogits: tf.Tensor2D;
  /** ∂L/∂(Σ_l Σ_i |N_i^(l)|) as a scalar, or null when the activity term is off. */
  dActivity: tf.Scalar | null;
  /** 'exclude': the activity term skips the last dOut neurons (default 'include'). */
  activityOutputs?: ActivityOutputs;
  /** 'activation': the activity term is on φ's outputs (acts), not on the states (default 'state'). */
  activityOf?: ActivityOf;
}

/** δ ⊙ φ'(z), written with φ's output a: relu' = [a > 0], tanh' = 1 − a². */
function throughPhi(cfg: UrnConfig, delta: tf.Tensor2D, act: tf.Tensor2D): tf.Tensor2D {
  if (cfg.activation === 'relu') return tf.mul(delta, tf.step(act)) as tf.Tensor2D;
  return tf.sub(delta, tf.mul(delta, tf.square(act))) as tf.Tensor2D;
}

/** δ ⊙ φ'(z) below `linearFrom(cfg)`, δ itself on the outputs of a linear read-out (φ' = 1). */
function throughActivation(cfg: UrnConfig, delta: tf.Tensor2D, act: tf.Tensor2D): tf.Tensor2D {
  const h = linearFrom(cfg);
  if (h === cfg.S) return throughPhi(cfg, delta, act);
  const B = delta.shape[0];
  const hidden = throughPhi(cfg, tf.slice(delta, [0, 0], [B, h]), tf.slice(act, [0, 0], [B, h]));
  return tf.concat([hidden, tf.slice(delta, [0, h], [B, cfg.S - h])], 1) as tf.Tensor2D;
}

/**
 * The hand-written backward of the URN block: δ^(I) from the logits (and sign(N^(I))·dAct),
 * then for l = I-1..0: δz = δ ⊙ φ', δ^(l) = δz·W (+ the residual-output pass-through,
 * + sign(N^(l))·dAct). dW is one GEMM over all iterations stacked, [δz]ᵀ·[N], and db the column
 * sum of [δz] (a GEMV with a row of ones). Returns [dW, db].
 *
 * ```ts
 * const [dW, db] = blockBackward(cfg, W, tape, { dLogits, dActivity: tf.scalar(cN / B) });
 * ```
 */
export function blockBackward(cfg: UrnConfig, W: tf.Tensor2D, tape: BlockTape, up: BlockUpstream): [tf.Tensor2D, tf.Tensor1D] {
  const { S, I, dOut } = cfg;
  const { states, acts } = tape;
  // Under relu and the plain rule every state N^(l≥1) is ≥ 0 (but a linear read-out's outputs),
  // so sign(N) = step(N), one cheap op; so is every relu activation.
  const reluOnly = cfg.activation === 'relu' && linearFrom(cfg) === S;
  const nonNegative = reluOnly && cfg.rule === 'plain';
  const signOf = (l: number): tf.Tensor2D => (nonNegative && l > 0 ? tf.step(states[l]) : sign(states[l]));
  // dAct on every neuron, or a row [dAct … dAct 0 … 0] that leaves the dOut outputs out.
  const scale: tf.Tensor | null = !up.dActivity
    ? null
    : up.activityOutputs === 'exclude'
      ? tf.mul(tf.concat([tf.ones([S - dOut]), tf.zeros([dOut])]), up.dActivity)
      : up.dActivity;
  const onActs = up.activityOf === 'activation';
  // ∂/∂N^(l) of the term on states, or ∂/∂φ^(l) of the term on activations (acts[l] ≥ 0 under relu).
  const withActivity = (delta: tf.Tensor2D, l: number): tf.Tensor2D =>
    scale && !onActs ? (tf.add(delta, tf.mul(signOf(l), scale)) as tf.Tensor2D) : delta;
  const intoAct = (delta: tf.Tensor2D, l: number): tf.Tensor2D => {
    if (!scale || !onActs) return delta;
    const s = reluOnly ? tf.step(acts[l]) : sign(acts[l]);
    return tf.add(delta, tf.mul(s, scale)) as tf.Tensor2D;
  };
  let delta = withActivity(tf.pad(up.dLogits, [[0, 0], [S - dOut, 0]]) as tf.Tensor2D, I);
  const dZ: tf.Tensor2D[] = new Array(I);
  for (let l = I - 1; l >= 0; l--) {
    dZ[l] = throughActivation(cfg, intoAct(delta, l), acts[l]);
    if (l === 0) break;
    let prev: tf.Tensor2D = tf.matMul(dZ[l], W);
    if (cfg.rule === 'residual-output') prev = addOnOutputs(prev, delta, dOut);
    delta = withActivity(prev, l);
  }
  const dZall = I === 1 ? dZ[0] : (tf.concat(dZ, 0) as tf.Tensor2D);
  const nAll = I === 1 ? states[0] : (tf.concat(states.slice(0, I), 0) as tf.Tensor2D);
  const dW = tf.matMul(dZall, nAll, true, false);
  // The column sum as a GEMV: tf.sum over axis 0 transposes first on wasm (4 ms at 512×2000).
  const db = tf.reshape(tf.matMul(tf.ones([1, dZall.shape[0]]), dZall), [S]) as tf.Tensor1D;
  return [dW as tf.Tensor2D, db];
}
