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
 * const snap = snapshotOf(model, data.train);
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
