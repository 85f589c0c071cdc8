import { tf } from '../tf.js';
import type { UrnConfig } from '../../core/config.js';
import { gatherSquare, gatherVector } from '../compact.js';

/**
 * N3's smooth step θ(n): 0 for n < 0, sin²(πn/2) on [0, 1], 1 for n > 1 (δn = 1).
 *
 * ```ts
 * smoothStep(0.5); // 0.5
 * ```
 */
export function smoothStep(n: number): number {
  const c = Math.min(1, Math.max(0, n));
  return Math.sin((Math.PI / 2) * c) ** 2;
}

/**
 * The per-neuron staircase of the paper: hidden neuron m (m = 0..H-1, in index order) is gated
 * by θ(size − m), so neurons 0..⌊size⌋−1 are fully on, the next one is partly on, the rest are
 * off. Returns the gate of every neuron (length S; inputs and outputs are always 1).
 *
 * ```ts
 * staircase({ S: 6, dIn: 1, dOut: 1 }, 2.5); // [1, 1, 1, 0.5, 0, 1]
 * ```
 */
export function staircase(cfg: Pick<UrnConfig, 'S' | 'dIn' | 'dOut'>, size: number): Float32Array {
  const g = new Float32Array(cfg.S).fill(1);
  for (let i = cfg.dIn; i < cfg.S - cfg.dOut; i++) g[i] = smoothStep(size - (i - cfg.dIn));
  return g;
}

/**
 * `staircase` as a tensor function of a trainable scalar size, differentiable in it:
 * gate_i = sin²(π/2 · clip(size − m_i, 0, 1)) on hidden neurons, 1 elsewhere (length S).
 *
 * ```ts
 * const gate = tf.tidy(() => staircaseTensor(cfg, sizeVar));
 * ```
 */
export function staircaseTensor(cfg: Pick<UrnConfig, 'S' | 'dIn' | 'dOut'>, size: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const { S, dIn, dOut } = cfg;
    const H = S - dIn - dOut;
    const m = tf.range(0, H, 1, 'float32');
    const s = tf.sin(tf.mul(tf.clipByValue(tf.sub(tf.reshape(size, [1]), m), 0, 1), Math.PI / 2));
    return tf.concat([tf.ones([dIn]), tf.square(s), tf.ones([dOut])]) as tf.Tensor1D;
  });
}

/**
 * Fold a gate into the weights and drop the neurons it shuts: W'[:, j] = gate_j · W[:, j], then
 * keep the neurons with gate > 0. With N_j = gate_j·φ(z_j) every neuron reads gate_j·φ(z_j)
 * through W' exactly as before, so the plain URN (W', b) computes the gated network's function.
 *
 * ```ts
 * const folded = foldGate(cfg, W, b, staircase(cfg, 3.2)); // { config, W, b, keep }
 * ```
 */
export function foldGate(cfg: UrnConfig, W: Float32Array, b: Float32Array, gate: Float32Array): { config: UrnConfig; W: Float32Array; b: Float32Array; keep: Int32Array } {
  const { S } = cfg;
  const scaled = Float32Array.from(W, (w, k) => w * gate[k % S]);
  const keep = Int32Array.from({ length: S }, (_, i) => i).filter((i) => gate[i] > 0);
  return { config: { ...cfg, S: keep.length }, W: gatherSquare(scaled, S, keep), b: gatherVector(b, keep), keep };
}
