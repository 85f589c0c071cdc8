import type { UrnConfig, UpdateRule, Activation, Readout } from '../../src/core/config.js';
import type { Snapshot } from '../../src/core/snapshot.js';
import { createRng } from '../../src/util/rng.js';

/** Float32 tolerance of logits, relative to the largest logit magnitude (one place for all tests). */
export const F32_REL = 2e-5;

/** |a - b| ≤ F32_REL · max(1, scale) for every entry; returns the worst violation or null. */
export function mismatch(a: Float32Array, b: Float32Array): string | null {
  if (a.length !== b.length) return `length ${a.length} ≠ ${b.length}`;
  let scale = 1;
  for (let k = 0; k < b.length; k++) scale = Math.max(scale, Math.abs(b[k]));
  const tol = F32_REL * scale;
  for (let k = 0; k < a.length; k++) {
    if (!(Math.abs(a[k] - b[k]) <= tol)) return `entry ${k}: ${a[k]} vs ${b[k]} (tol ${tol})`;
  }
  return null;
}

/**
 * A random URN snapshot: W sparse with the given density, scaled by `scale / sqrt(S·density)`,
 * random biases. Deterministic in the seed.
 */
export function randomSnapshot(
  o: { S: number; I: number; dIn: number; dOut: number; rule: UpdateRule; activation: Activation; readout?: Readout; density?: number; seed?: number; biasScale?: number },
): Snapshot {
  const density = o.density ?? 0.3;
  const seed = o.seed ?? 1;
  const config: UrnConfig = { S: o.S, I: o.I, dIn: o.dIn, dOut: o.dOut, rule: o.rule, activation: o.activation, seed, ...(o.readout ? { readout: o.readout } : {}) };
  const rng = createRng(seed);
  const W = new Float32Array(o.S * o.S);
  const std = 1.2 / Math.sqrt(o.S * density);
  for (let k = 0; k < W.length; k++) if (rng.next() < density) W[k] = rng.normal() * std;
  const b = new Float32Array(o.S);
  for (let i = 0; i < o.S; i++) b[i] = rng.normal() * (o.biasScale ?? 0.1);
  return { config, W, b };
}

/** n×d standard-normal inputs. */
export function randomInputs(n: number, d: number, seed = 7): Float32Array {
  const rng = createRng(seed);
  const x = new Float32Array(n * d);
  for (let k = 0; k < x.length; k++) x[k] = rng.normal();
  return x;
}

export const RULES: UpdateRule[] = ['plain', 'residual-output', 'residual-input'];
export const ACTS: Activation[] = ['relu', 'tanh'];

/**
 * I = 1, plain relu, inputs 0, 1, outputs 3, 4: logit0 = relu(a + 0.01·c + 0.5),
 * logit1 = relu(−a + c + 0.5). Threshold 0.05 drops exactly the 0.01 synapse, so the sparse
 * logit0 is a + 0.5: its error is 0.01·c.
 */
export function knownCase(): { snap: Snapshot; x: Float32Array; y: Int32Array } {
  const S = 5;
  const W = new Float32Array(S * S);
  W[3 * S + 0] = 1;
  W[3 * S + 1] = 0.01;
  W[4 * S + 0] = -1;
  W[4 * S + 1] = 1;
  const b = Float32Array.of(0, 0, 0, 0.5, 0.5);
  const snap: Snapshot = { config: { S, I: 1, dIn: 2, dOut: 2, rule: 'plain', activation: 'relu', seed: 0 }, W, b };
  // Row 0 flips class (dense 1.5201 vs 1.51, sparse 1.5 vs 1.51); the others do not.
  const x = Float32Array.of(1, 2.01, 0, 1, 2, 0, 0.5, 3);
  const y = Int32Array.of(0, 1, 0, 1);
  return { snap, x, y };
}

/**
 * A hand-built snapshot: `edges` as [to, from, w] (W[to·S + from] = w), biases `b` (zeros by
 * default), and the config fields given (seed 0 unless set).
 */
export function handSnapshot(config: Omit<UrnConfig, 'seed'> & { seed?: number }, edges: [number, number, number][], b?: ArrayLike<number>): Snapshot {
  const { S } = config;
  const W = new Float32Array(S * S);
  for (const [to, from, w] of edges) W[to * S + from] = w;
  return { config: { seed: 0, ...config }, W, b: b ? Float32Array.from(b) : new Float32Array(S) };
}
