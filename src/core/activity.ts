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
