import { tf } from '../train/tf.js';
import type { UrnModel } from '../train/model.js';
import { ShapeError, prefix } from '../errors.js';

const where = prefix('lifelong freeze');

/** Re-imposes frozen rows of W and entries of b after each optimisation step. */
export interface Freeze {
  /** Rows held fixed. */
  rows: number;
  /** W ← W ⊙ M + F and b ← b ⊙ m + f: frozen rows get their values back, the rest is untouched. */
  apply(model: UrnModel): void;
  dispose(): void;
}

/**
 * A masked update for any optimiser and any backend: after the step (the native fused
 * L1 + Adam pass included) the frozen rows i of W (the weights *into* neuron i) and b_i are
 * restored to their values here, so the update is W ← M ⊙ step(W) + (1 − M) ⊙ W with M = 0 on
 * frozen rows. Two S² element-wise passes in tfjs ops per step; no-op with no frozen row.
 *
 * ```ts
 * const freeze = createFreeze(view.W, view.b, S, frozen);
 * await train({ ...request, init: view, onStep: (m) => freeze.apply(m) });
 * freeze.dispose();
 * ```
 */
export function createFreeze(W: Float32Array, b: Float32Array, S: number, frozen: Uint8Array): Freeze {
  if (W.length !== S * S || b.length !== S || frozen.length !== S) {
    throw new ShapeError(where(`W, b and the frozen mask must have S² = ${S * S}, S and S entries, got ${W.length}, ${b.length}, ${frozen.length}.`));
  }
  let rows = 0;
  for (let i = 0; i < S; i++) rows += frozen[i] ? 1 : 0;
  if (rows === 0) return { rows, apply: () => {}, dispose: () => {} };
  const keepW = new Float32Array(S * S);
  const fixW = new Float32Array(S * S);
  const keepB = new Float32Array(S);
  const fixB = new Float32Array(S);
  for (let i = 0; i < S; i++) {
    if (frozen[i]) {
      fixW.set(W.subarray(i * S, i * S + S), i * S);
      fixB[i] = b[i];
    } else {
      keepW.fill(1, i * S, i * S + S);
      keepB[i] = 1;
    }
  }
  const t = [tf.tensor2d(keepW, [S, S]), tf.tensor2d(fixW, [S, S]), tf.tensor1d(keepB), tf.tensor1d(fixB)] as const;
  return {
    rows,
    apply(model) {
      if (model.config.S !== S) throw new ShapeError(where(`the model has S = ${model.config.S}, the mask ${S}. Turn compaction off (it renumbers neurons).`));
      tf.tidy(() => {
        model.W.assign(tf.add(tf.mul(model.W, t[0]), t[1]) as tf.Tensor2D);
        model.b.assign(tf.add(tf.mul(model.b, t[2]), t[3]) as tf.Tensor1D);
      });
    },
    dispose: () => tf.dispose([...t]),
  };
}
