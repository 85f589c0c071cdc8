import { ConfigError, prefix } from '../errors.js';

const where = prefix('threshold');

/**
 * Which synapses count as edges: W_ij is kept when |W_ij| > value, where value is
 * - a number: itself;
 * - `{ relative: r }`: r · max|W|;
 * - `{ quantile: q }`: the nearest-rank q-quantile of |W| over all S² entries (zeros included),
 *   so at most ⌊(1 − q)·S²⌋ synapses are kept.
 *
 * ```ts
 * const rule: ThresholdRule = { quantile: 0.99 }; // keep the top 1 % by magnitude
 * ```
 */
export type ThresholdRule = number | { relative: number } | { quantile: number };

/**
 * The fixed threshold rule of the training timeline, and of `urn analyze` and the report when a run
 * has no data to certify on: 1 % of max|W|. It is not verified: on the paper's runs it flips
 * predictions. With data, analyze and the report default to the verified threshold
 * (`structureFidelity` in `src/export/`).
 *
 * ```ts
 * compile(snap, { threshold: DEFAULT_THRESHOLD });
 * ```
 */
export const DEFAULT_THRESHOLD: ThresholdRule = { relative: 0.01 };

/**
 * A threshold rule and the numeric value it resolved to on one W.
 *
 * ```ts
 * resolveThreshold(W, { quantile: 0.5 }); // { value: median |W|, rule: { quantile: 0.5 } }
 * ```
 */
export interface ResolvedThreshold {
  value: number;
  rule: ThresholdRule;
}

/**
 * Resolve a threshold rule against a W (one or two scans, no copy, exact).
 *
 * ```ts
 * resolveThreshold(snap.W, { relative: 0.01 }); // { value: 0.01 * max|W|, rule: { relative: 0.01 } }
 * ```
 */
export function resolveThreshold(W: Float32Array, rule: ThresholdRule): ResolvedThreshold {
  if (typeof rule === 'number') {
    if (!(rule >= 0) || !Number.isFinite(rule)) throw new ConfigError(where(`threshold must be a finite number ≥ 0, got ${rule}.`));
    return { value: rule, rule };
  }
  if (rule && typeof rule === 'object' && 'relative' in rule) {
    const r = rule.relative;
    if (!(r >= 0) || !Number.isFinite(r)) throw new ConfigError(where(`relative must be a finite number ≥ 0, got ${r}.`));
    return { value: r * maxAbs(W), rule: { relative: r } };
  }
  if (rule && typeof rule === 'object' && 'quantile' in rule) {
    const q = rule.quantile;
    if (!(q >= 0 && q <= 1)) throw new ConfigError(where(`quantile must be in [0, 1], got ${q}.`));
    if (W.length === 0) return { value: 0, rule: { quantile: q } };
    const k = Math.min(W.length - 1, Math.max(0, Math.ceil(q * W.length) - 1));
    return { value: kthSmallestAbs(W, k), rule: { quantile: q } };
  }
  throw new ConfigError(where(`unknown threshold ${JSON.stringify(rule)}. Use a number, { relative: r } or { quantile: q }.`));
}

/**
 * A threshold rule in words, for figures and notes: '' for a plain number (the value says it).
 *
 * ```ts
 * describeThreshold({ relative: 0.01 }); // '1% of max|W|'
 * describeThreshold({ quantile: 0.99 }); // 'the 99% quantile of |W|'
 * ```
 */
export function describeThreshold(rule: ThresholdRule): string {
  if (typeof rule === 'number') return '';
  const p = (v: number) => `${Number((100 * v).toPrecision(6))}%`;
  return 'relative' in rule ? `${p(rule.relative)} of max|W|` : `the ${p(rule.quantile)} quantile of |W|`;
}

/**
 * max |W_ij| (NaN ignored); 0 for an empty W.
 *
 * ```ts
 * maxAbs(Float32Array.of(1, -3)); // 3
 * ```
 */
export function maxAbs(W: Float32Array): number {
  let m = 0;
  for (let k = 0; k < W.length; k++) {
    const a = Math.abs(W[k]);
    if (a > m) m = a;
  }
  return m;
}

/**
 * The k-th smallest |W| (0-based), exactly, by a two-pass radix select on the float32 bits
 * (for non-negative floats the bit patterns sort like the values; NaN sorts last).
 *
 * ```ts
 * kthSmallestAbs(Float32Array.of(3, -1, 2), 0); // 1
 * ```
 */
export function kthSmallestAbs(W: Float32Array, k: number): number {
  const bits = new Uint32Array(W.buffer, W.byteOffset, W.length);
  const hi = new Float64Array(1 << 15);
  for (let p = 0; p < bits.length; p++) hi[(bits[p] & 0x7fffffff) >>> 16]++;
  let bin = 0;
  let below = 0;
  while (below + hi[bin] <= k) below += hi[bin++];
  const lo = new Float64Array(1 << 16);
  for (let p = 0; p < bits.length; p++) {
    const a = bits[p] & 0x7fffffff;
    if (a >>> 16 === bin) lo[a & 0xffff]++;
  }
  let low = 0;
  while (below + lo[low] <= k) below += lo[low++];
  const out = new Uint32Array(1);
  out[0] = ((bin << 16) | low) >>> 0;
  return new Float32Array(out.buffer)[0];
}

/**
 * Synapses above a threshold and the neurons they touch, counted without allocating a CSR.
 *
 * ```ts
 * const { edges, neurons } = countAboveThreshold(W, S, 1e-3);
 * ```
 */
export interface ThresholdCount {
  edges: number;
  /** Neurons with at least one synapse above the threshold, in or out. */
  neurons: number;
}

/**
 * Count the synapses of a dense W with |W_ij| > threshold, and the neurons they touch, in one
 * scan: the cheap look before deciding whether to build anything.
 *
 * ```ts
 * countAboveThreshold(snap.W, cfg.S, 1e-3).edges;
 * ```
 */
export function countAboveThreshold(W: Float32Array, S: number, threshold: number): ThresholdCount {
  const touched = new Uint8Array(S);
  let edges = 0;
  for (let i = 0; i < S; i++) {
    const o = i * S;
    let row = 0;
    for (let j = 0; j < S; j++) {
      if (Math.abs(W[o + j]) > threshold) {
        row++;
        touched[j] = 1;
      }
    }
    if (row > 0) touched[i] = 1;
    edges += row;
  }
  let neurons = 0;
  for (let i = 0; i < S; i++) neurons += touched[i];
  return { edges, neurons };
}
