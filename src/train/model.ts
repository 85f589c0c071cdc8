import { tf } from './tf.js';
import type { UrnConfig } from '../core/config.js';
import { ShapeError, prefix } from '../errors.js';
import { readFloats } from './read.js';
import { blockForward, embed } from './block-forward.js';
import { lastColumns } from './ops.js';

export { embed };

/** A live URN: its config and the trainable W (S×S, `W[i][j]` from j to i) and b (S). */
export interface UrnModel {
  config: UrnConfig;
  W: tf.Variable<tf.Rank.R2>;
  b: tf.Variable<tf.Rank.R1>;
}

const where = prefix('urn forward');

/**
 * Create a live model from typed arrays (copied into variables).
 *
 * ```ts
 * const model = createModel(cfg, initParams(cfg));
 * ```
 */
export function createModel(config: UrnConfig, params: { W: Float32Array; b: Float32Array }): UrnModel {
  const { S } = config;
  if (params.W.length !== S * S || params.b.length !== S) {
    throw new ShapeError(where(`W must have S² = ${S * S} and b S = ${S} entries, got ${params.W.length} and ${params.b.length}.`));
  }
  // tf.variable(init) shares init's buffer on some backends: build from a fresh copy.
  return {
    config,
    W: variableFrom(Float32Array.from(params.W), [S, S]) as tf.Variable<tf.Rank.R2>,
    b: variableFrom(Float32Array.from(params.b), [S]) as tf.Variable<tf.Rank.R1>,
  };
}

/** A trainable float32 variable holding `values` (the initial tensor is released). */
export function variableFrom(values: Float32Array, shape: number[], trainable = true): tf.Variable {
  const init = tf.tensor(values, shape, 'float32');
  const v = tf.variable(init, trainable);
  init.dispose();
  return v;
}

/** Release a model's variables. */
export function disposeModel(model: UrnModel): void {
  model.W.dispose();
  model.b.dispose();
}

/** The states N^(1..I) of a forward pass and the logits read off the last dOut neurons. */
export interface ForwardResult {
  /** N^(l) for l = 1..I, each B×S. */
  states: tf.Tensor2D[];
  /** φ(W N^(l−1) + b) for l = 1..I: the same tensors as `states` under the plain rule. */
  acts: tf.Tensor2D[];
  /** Eq. 4: the last dOut neurons of N^(I), B×dOut. */
  logits: tf.Tensor2D;
}

/**
 * The URN forward pass on raw tensors. N is kept as B×S rows, so one step is
 * N ← φ(N·Wᵀ + b), with the rule's residual term (Eqs. 3, 6, 7).
 *
 * ```ts
 * const logits = tf.tidy(() => forwardTensors(cfg, model.W, model.b, tf.tensor2d(x, [n, cfg.dIn])).logits);
 * ```
 */
export function forwardTensors(cfg: UrnConfig, W: tf.Tensor2D, b: tf.Tensor1D, x: tf.Tensor2D): ForwardResult {
  if (x.shape[1] !== cfg.dIn) {
    throw new ShapeError(where(`input has ${x.shape[1]} features but the model's dIn is ${cfg.dIn}.`));
  }
  const { states, acts } = blockForward(cfg, x, W, b);
  return { states: states.slice(1), acts, logits: lastColumns(states[cfg.I], cfg.dOut) };
}

/**
 * Logits for a batch of inputs given as a row-major Float32Array, computed in chunks, returned
 * as a Float32Array (n×dOut). Reads asynchronously; leaks no tensors.
 *
 * ```ts
 * const logits = await predictLogits(model, data.test.x, data.test.n);
 * ```
 */
export async function predictLogits(model: UrnModel, x: Float32Array, n: number, batch = 1024): Promise<Float32Array> {
  const { dIn, dOut } = model.config;
  if (x.length !== n * dIn) throw new ShapeError(where(`expected ${n}×${dIn} = ${n * dIn} values, got ${x.length}.`));
  const out = new Float32Array(n * dOut);
  for (let s = 0; s < n; s += batch) {
    const m = Math.min(batch, n - s);
    const chunk = tf.tidy(() => {
      const xt = tf.tensor2d(x.subarray(s * dIn, (s + m) * dIn), [m, dIn]);
      return forwardTensors(model.config, model.W, model.b, xt).logits;
    });
    try {
      out.set(await readFloats(chunk), s * dOut);
    } finally {
      chunk.dispose();
    }
  }
  return out;
}
