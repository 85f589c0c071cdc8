import { ShapeError, prefix } from '../errors.js';
import type { UrnConfig } from './config.js';

/**
 * Activity statistics of every neuron at every iteration, measured over a dataset.
 * Index `l * S + i` is neuron i at iteration l, for l = 0..I (l = 0 is the embedded input).
 */
export interface ActivityStats {
  /** Number of samples the statistics were taken over. */
  samples: number;
  /** Mean of |N_i^(l)| over the samples. */
  meanAbs: Float32Array;
  /** Maximum of |N_i^(l)| over the samples. */
  maxAbs: Float32Array;
  /** Fraction of samples on which N_i^(l) ≠ 0. */
  activeFraction: Float32Array;
}

/**
 * The line between the TensorFlow.js side and everything else: plain typed arrays, no tensors.
 * `W[i * S + j]` is the synapse from neuron j to neuron i.
 *
 * ```ts
 * const snap = await snapshotOf(model, data.train);
 * const graph = compile(snap, { threshold: 1e-3 });
 * ```
 */
export interface Snapshot {
  config: UrnConfig;
  W: Float32Array;
  b: Float32Array;
  /** Neuron coordinates (x, y, z) as `coords[3 * i + k]`, present with a geometry. */
  coords?: Float32Array;
  activity?: ActivityStats;
}

const where = prefix('snapshot');

/**
 * Check a snapshot's array sizes against its config; throws `ShapeError` naming the array.
 *
 * ```ts
 * checkSnapshot(snap);
 * ```
 */
export function checkSnapshot(snap: Snapshot): void {
  const { S, I } = snap.config;
  if (snap.W.length !== S * S) throw new ShapeError(where(`W must have S² = ${S * S} entries, got ${snap.W.length}.`));
  if (snap.b.length !== S) throw new ShapeError(where(`b must have S = ${S} entries, got ${snap.b.length}.`));
  if (snap.coords && snap.coords.length !== 3 * S) {
    throw new ShapeError(where(`coords must have 3·S = ${3 * S} entries, got ${snap.coords.length}.`));
  }
  const a = snap.activity;
  if (a) {
    for (const [name, arr] of [['meanAbs', a.meanAbs], ['maxAbs', a.maxAbs], ['activeFraction', a.activeFraction]] as const) {
      if (arr.length !== (I + 1) * S) {
        throw new ShapeError(where(`activity.${name} must have (I+1)·S = ${(I + 1) * S} entries, got ${arr.length}.`));
      }
    }
  }
}
