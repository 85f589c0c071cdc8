import ndarray, { type NdArray } from 'ndarray';
import { ShapeError, prefix } from '../errors.js';
import type { UrnConfig } from './config.js';
import type { ActivityStats } from './snapshot.js';

const where = prefix('activity');

/** The three per-pair statistics of `ActivityStats`, each (I+1)×S. */
export type ActivityField = 'meanAbs' | 'maxAbs' | 'activeFraction';

type Dims = Pick<UrnConfig, 'S' | 'I'>;

function field(a: Partial<ActivityStats>, name: ActivityField, { S, I }: Dims): Float32Array {
  const v = a[name];
  if (!v || v.length !== (I + 1) * S) {
    throw new ShapeError(where(`${name} must hold (I+1)·S = ${(I + 1) * S} values, got ${v?.length ?? 'none'}. Measure activity on the current model.`));
  }
  return v;
}

/**
 * One statistic as a zero-copy (I+1)×S ndarray: `view.get(l, i)` is neuron i at iteration l
 * (l = 0 is the embedded input). For inspection and plots, not for hot loops.
 *
 * ```ts
 * const max = activityView(snap.activity!, 'maxAbs', snap.config); max.get(2, 17);
 * ```
 */
export function activityView(a: ActivityStats, name: ActivityField, dims: Dims): NdArray<Float32Array> {
  return ndarray(field(a, name, dims), [dims.I + 1, dims.S]);
}

/**
 * For each neuron, the first iteration l ≥ `from` at which it was nonzero on some sample
 * (`maxAbs > 0`), or −1.
 *
 * ```ts
 * firstActive(snap.activity!, snap.config)[i]; // 0 for an input that saw data
 * ```
 */
export function firstActive(a: Pick<ActivityStats, 'maxAbs'>, dims: Dims, from = 0): Int32Array {
  const { S, I } = dims;
  const maxAbs = field(a, 'maxAbs', dims);
  const out = new Int32Array(S).fill(-1);
  for (let l = I; l >= from; l--) {
    const o = l * S;
    for (let i = 0; i < S; i++) if (maxAbs[o + i] > 0) out[i] = l;
  }
  return out;
}

/**
 * 1 for each neuron that was nonzero on some sample at some iteration l ≥ 1 (computed by the
 * network, not only fed the input), else 0.
 *
 * ```ts
 * const active = everActive(snap.activity!, snap.config);
 * ```
 */
export function everActive(a: Pick<ActivityStats, 'maxAbs'>, dims: Dims): Uint8Array {
  const first = firstActive(a, dims, 1);
  return Uint8Array.from(first, (l) => (l >= 0 ? 1 : 0));
}

/**
 * How many neurons are `everActive`.
 *
 * ```ts
 * countActive(snap.activity!, snap.config); // e.g. 38
 * ```
 */
export function countActive(a: Pick<ActivityStats, 'maxAbs'>, dims: Dims): number {
  return everActive(a, dims).reduce((s, v) => s + v, 0);
}

/**
 * Pairs that were exactly 0 on every sample (maxAbs = 0), for t ≥ 1, at index t·S + i: the `cut`
 * of `unroll` for a CSR built from the dense W.
 *
 * ```ts
 * const u = unroll(csr, cfg, { bias: snap.b, cut: deadPairs(snap.activity!, cfg) });
 * ```
 */
export function deadPairs(a: Pick<ActivityStats, 'maxAbs'>, dims: Dims): Uint8Array {
  const maxAbs = field(a, 'maxAbs', dims);
  const dead = new Uint8Array(maxAbs.length);
  for (let p = dims.S; p < dead.length; p++) if (maxAbs[p] === 0) dead[p] = 1;
  return dead;
}

/**
 * The outputs (0 .. dOut−1, as logits are numbered) that read exactly 0 on every sample at the
 * last iteration: with relu they take no gradient and stay dead, and their classes win only when
 * every logit ties (argmax's first index). A network with one is degenerate, whatever its accuracy.
 *
 * ```ts
 * const dead = deadOutputs(snap.activity!, snap.config); // [] when every output fires
 * ```
 */
export function deadOutputs(a: Pick<ActivityStats, 'maxAbs'>, cfg: Pick<UrnConfig, 'S' | 'I' | 'dOut'>): number[] {
  const maxAbs = field(a, 'maxAbs', cfg);
  const out: number[] = [];
  for (let k = 0; k < cfg.dOut; k++) if (maxAbs[cfg.I * cfg.S + cfg.S - cfg.dOut + k] === 0) out.push(k);
  return out;
}

/** Running `ActivityStats` over chunks of samples: `add` each chunk's states, then `finish`. */
export interface ActivityAccumulator {
  /** One chunk of m samples: `states[l]` holds N^(l) row-major, m×S, for l = 0..I. */
  add(states: readonly Float32Array[], m: number): void;
  /** The statistics over every sample added so far. */
  finish(): ActivityStats;
}

/**
 * The one place activity statistics are computed (mean |N|, max |N| and the share of samples
 * with N ≠ 0, per iteration and neuron), in plain loops over states read off any backend:
 * one pass per value, sums in float64.
 *
 * ```ts
 * const acc = activityAccumulator({ S: 3, I: 1 });
 * acc.add([Float32Array.of(1, 0, 2), Float32Array.of(0, 0, 5)], 1); // N^(0), N^(1) of one sample
 * const stats = acc.finish(); // stats.maxAbs: 1, 0, 2, 0, 0, 5
 * ```
 */
export function activityAccumulator(dims: Dims): ActivityAccumulator {
  const { S, I } = dims;
  const L = I + 1;
  const sum = new Float64Array(L * S);
  const count = new Float64Array(L * S);
  const maxAbs = new Float32Array(L * S);
  let samples = 0;
  return {
    add(states, m) {
      if (states.length !== L || states.some((v) => v.length !== m * S)) {
        throw new ShapeError(where(`a chunk must hold I+1 = ${L} states of m·S = ${m * S} values each. Pass every iteration's states of the same ${m} samples.`));
      }
      for (let l = 0; l < L; l++) addState(states[l], m, l * S, S, sum, count, maxAbs);
      samples += m;
    },
    finish() {
      const meanAbs = new Float32Array(L * S);
      const activeFraction = new Float32Array(L * S);
      for (let k = 0; k < L * S; k++) {
        meanAbs[k] = samples ? sum[k] / samples : 0;
        activeFraction[k] = samples ? count[k] / samples : 0;
      }
      return { samples, meanAbs, maxAbs: maxAbs.slice(), activeFraction };
    },
  };
}

function addState(v: Float32Array, m: number, o: number, S: number, sum: Float64Array, count: Float64Array, maxAbs: Float32Array): void {
  for (let r = 0; r < m; r++) {
    const row = r * S;
    for (let i = 0; i < S; i++) {
      const a = Math.abs(v[row + i]);
      if (a !== 0) {
        sum[o + i] += a; // a NaN stays visible in meanAbs
        if (a > 0) count[o + i]++;
        if (a > maxAbs[o + i]) maxAbs[o + i] = a;
      }
    }
  }
}
