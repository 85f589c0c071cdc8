import type { UrnConfig } from '../core/config.js';
import type { AdamState } from './adam.js';
import type { ActivityStats } from '../core/snapshot.js';
import { everActive } from '../core/activity.js';
import type { Evaluation } from './activity.js';
import { ShapeError, prefix } from '../errors.js';

/** One compaction: S before and after. */
export interface Compaction {
  from: number;
  to: number;
}

/** Everything training state that compaction gathers, as typed arrays. */
export interface CompactState {
  config: UrnConfig;
  W: Float32Array;
  b: Float32Array;
  adam: AdamState;
  /** Current index → index in the original (uncompacted) network. */
  neuronIds: Int32Array;
}

const where = prefix('compact');

/**
 * The neurons to keep, ascending: every input and output, and each hidden neuron whose
 * `maxAbs` over the data is non-zero at some iteration l ≥ 1. A hidden neuron that is exactly 0
 * on every sample at every iteration contributes W_ij·0 = 0 everywhere (any rule: the residual
 * terms touch only inputs and outputs), so dropping it leaves the network's function on that
 * data unchanged. A neuron with a non-zero constant value is kept.
 *
 * ```ts
 * const keep = liveNeurons(model.config, (await evaluate(model, data.train)).stats);
 * ```
 */
export function liveNeurons(cfg: Pick<UrnConfig, 'S' | 'I' | 'dIn' | 'dOut'>, stats: Pick<ActivityStats, 'maxAbs'>): Int32Array {
  const { S, I, dIn, dOut } = cfg;
  const active = everActive(stats, { S, I });
  const keep: number[] = [];
  for (let i = 0; i < S; i++) if (active[i] || i < dIn || i >= S - dOut) keep.push(i);
  return Int32Array.from(keep);
}

/**
 * Rows and columns `keep` of a row-major S×S matrix, as a new keep×keep matrix.
 *
 * ```ts
 * const W2 = gatherSquare(W, S, Int32Array.of(0, 2)); // [[W00, W02], [W20, W22]]
 * ```
 */
export function gatherSquare(a: Float32Array, S: number, keep: Int32Array): Float32Array {
  const n = keep.length;
  const out = new Float32Array(n * n);
  for (let r = 0; r < n; r++) {
    const row = keep[r] * S;
    for (let c = 0; c < n; c++) out[r * n + c] = a[row + keep[c]];
  }
  return out;
}

/**
 * Entries `keep` of a vector (or of each of `blocks` consecutive length-S blocks).
 *
 * ```ts
 * gatherVector(Float32Array.of(1, 2, 3), Int32Array.of(0, 2)); // [1, 3]
 * ```
 */
export function gatherVector<T extends Float32Array | Int32Array>(a: T, keep: Int32Array, blocks = 1): T {
  const S = a.length / blocks;
  const n = keep.length;
  const out = new (a.constructor as new (n: number) => T)(n * blocks);
  for (let l = 0; l < blocks; l++) for (let k = 0; k < n; k++) out[l * n + k] = a[l * S + keep[k]];
  return out;
}

/**
 * Gather a whole training state (W, b, both Adam moments, the id map) to the neurons `keep`.
 * The config's S becomes keep.length and a grid geometry records the kept cells
 * (`GridGeometry.cells`); everything else, Adam's step count included, is kept.
 *
 * ```ts
 * const next = compactState({ config, W, b, adam: await adam.state(), neuronIds }, keep);
 * ```
 */
export function compactState(s: CompactState, keep: Int32Array): CompactState {
  const { S, dIn, dOut } = s.config;
  for (let k = 0; k < dIn; k++) if (keep[k] !== k) throw new ShapeError(where(`inputs must be kept first (keep[${k}] = ${keep[k]}).`));
  for (let k = 0; k < dOut; k++) {
    if (keep[keep.length - dOut + k] !== S - dOut + k) throw new ShapeError(where(`outputs must be kept last.`));
  }
  const sq = (a: Float32Array) => gatherSquare(a, S, keep);
  const vec = (a: Float32Array) => gatherVector(a, keep);
  const g = s.config.geometry;
  // A grid keeps each neuron's cell, so coordinates and synapse lengths follow the neuron.
  const geometry = g ? { geometry: { ...g, cells: Array.from(keep, (k) => (g.cells ? g.cells[k] : k)) } } : {};
  return {
    config: { ...s.config, S: keep.length, ...geometry },
    W: sq(s.W),
    b: vec(s.b),
    adam: { t: s.adam.t, m: [sq(s.adam.m[0]), vec(s.adam.m[1])], v: [sq(s.adam.v[0]), vec(s.adam.v[1])] },
    neuronIds: gatherVector(s.neuronIds, keep),
  };
}

/**
 * An evaluation's per-(iteration, neuron) statistics restricted to `keep`, so they index the
 * compacted network.
 *
 * ```ts
 * const ev2 = compactEvaluation(ev, keep, I);
 * ```
 */
export function compactEvaluation(e: Evaluation, keep: Int32Array, I: number): Evaluation {
  const L = I + 1;
  const st = e.stats;
  return {
    ...e,
    stats: {
      samples: st.samples,
      meanAbs: gatherVector(st.meanAbs, keep, L),
      maxAbs: gatherVector(st.maxAbs, keep, L),
      activeFraction: gatherVector(st.activeFraction, keep, L),
    },
  };
}

/**
 * The identity id map 0..S-1 (an uncompacted network).
 *
 * ```ts
 * identityIds(3); // Int32Array [0, 1, 2]
 * ```
 */
export const identityIds = (S: number): Int32Array => Int32Array.from({ length: S }, (_, i) => i);
