import { tf } from './tf.js';
import { linearFrom, type UrnConfig } from '../core/config.js';
import { transposedGemmCopies } from './kernels/accel.js';

/**
 * Eq. 2: place a batch of inputs (B×dIn) in the first dIn neurons of a zero state (B×S).
 */
export function embed(x: tf.Tensor2D, S: number): tf.Tensor2D {
  const dIn = x.shape[1];
  return dIn === S ? x : tf.pad(x, [[0, 0], [0, S - dIn]]);
}

/** What the URN block's forward keeps for its hand-written backward. */
export interface BlockTape {
  /** N^(0..I), each B×S (N^(0) is the embedded input). */
  states: tf.Tensor2D[];
  /** φ(W N^(l) + b) for l = 0..I-1: equal to `states[l+1]` under the plain rule. */
  acts: tf.Tensor2D[];
}

/**
 * `out` with `extra` added on its last `dOut` columns only (the residual-output term), built
 * from slices and one concat: no broadcasting op.
 *
 * ```ts
 * const next = addOnOutputs(act, prev, cfg.dOut); // N_o ← φ(·)_o + N_o, hidden columns unchanged
 * ```
 */
export function addOnOutputs(out: tf.Tensor2D, extra: tf.Tensor2D, dOut: number): tf.Tensor2D {
  const [B, S] = out.shape;
  if (dOut === S) return tf.add(out, extra) as tf.Tensor2D;
  const hidden = tf.slice(out, [0, 0], [B, S - dOut]);
  const outs = tf.add(tf.slice(out, [0, S - dOut], [B, dOut]), tf.slice(extra, [0, S - dOut], [B, dOut]));
  return tf.concat([hidden, outs], 1) as tf.Tensor2D;
}

/**
 * φ(z) on the neurons below `linearFrom(cfg)`, z itself on the outputs of a linear read-out.
 *
 * ```ts
 * const act = activate(cfg, z); // B×S
 * ```
 */
export function activate(cfg: UrnConfig, z: tf.Tensor2D): tf.Tensor2D {
  const phi = (t: tf.Tensor2D) => (cfg.activation === 'relu' ? tf.relu(t) : tf.tanh(t)) as tf.Tensor2D;
  const h = linearFrom(cfg);
  if (h === cfg.S) return phi(z);
  const B = z.shape[0];
  return tf.tidy(() => tf.concat([phi(tf.slice(z, [0, 0], [B, h])), tf.slice(z, [0, h], [B, cfg.S - h])], 1) as tf.Tensor2D);
}

/**
 * z^(0) = N^(0)·Wᵀ + b with only N^(0)'s non-zero columns: the embedded input is x in the first
 * dIn columns and 0 elsewhere, so z^(0) = x·W[:, :dIn]ᵀ + b, a B×dIn·dIn×S product in place of
 * B×S·S×S (one of the I forward GEMMs). `Wm` is W, or Wᵀ when `pre`.
 */
function firstIteration(x: tf.Tensor2D, Wm: tf.Tensor2D, pre: boolean, b: tf.Tensor1D): tf.Tensor2D {
  // dIn < S always: the config keeps at least one output neuron apart from the inputs.
  return tf.tidy(() => {
    const dIn = x.shape[1];
    // Columns 0..dIn-1 of W (S×dIn), or rows 0..dIn-1 of Wᵀ (dIn×S). A slice, not a gather:
    // its gradient (a pad) exists on every backend, and wasm's Slice is a registered row copy.
    const part = (pre ? tf.slice(Wm, [0, 0], [dIn, -1]) : tf.slice(Wm, [0, 0], [-1, dIn])) as tf.Tensor2D;
    return tf.fused.matMul({ a: x, b: part, transposeB: !pre, bias: b }) as tf.Tensor2D;
  });
}

/**
 * The URN forward pass, the one unroll on tensors (training, autodiff, evaluation and
 * prediction all use it; `forwardTensors` is a view of it): each iteration is one fused matmul
 * N·Wᵀ + b (linear, so tfjs fuses it even while recording gradients; the first reads only the
 * input columns), then φ, then the rule's residual (Eqs. 3, 6, 7). Returns every state and
 * activation the backward needs.
 *
 * ```ts
 * const { states } = blockForward(cfg, x, W, b); // inside tf.tidy: the tape holds every state
 * ```
 */
export function blockForward(cfg: UrnConfig, x: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D): BlockTape {
  const n0 = embed(x, cfg.S);
  const pre = transposedGemmCopies(); // then one transpose of W per pass beats one per iteration
  const Wm = pre ? (tf.transpose(W) as tf.Tensor2D) : W;
  const states: tf.Tensor2D[] = [n0];
  const acts: tf.Tensor2D[] = [];
  let n = n0;
  for (let l = 0; l < cfg.I; l++) {
    const z = l === 0 ? firstIteration(x, Wm, pre, b) : tf.fused.matMul({ a: n, b: Wm, transposeB: !pre, bias: b });
    const act = activate(cfg, z as tf.Tensor2D);
    z.dispose();
    acts.push(act);
    if (cfg.rule === 'residual-output') n = addOnOutputs(act, n, cfg.dOut);
    else if (cfg.rule === 'residual-input') n = tf.add(act, n0) as tf.Tensor2D;
    else n = act;
    states.push(n);
  }
  if (pre) Wm.dispose();
  return { states, acts };
}
