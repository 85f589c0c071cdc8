import type { SweepPoint } from './trials.js';
import type { TrialResult } from './trial-dir.js';

/** Mean and sample standard deviation (n − 1; 0 for one value) of n values. */
export interface Stat {
  mean: number;
  std: number;
  n: number;
}

/**
 * Mean ± sample std of the finite values, or null when there are none.
 *
 * ```ts
 * meanStd([1, 2, 3]); // { mean: 2, std: 1, n: 3 }
 * ```
 */
export function meanStd(values: (number | null | undefined)[]): Stat | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (!xs.length) return null;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, std: xs.length > 1 ? Math.sqrt(ss / (xs.length - 1)) : 0, n: xs.length };
}

/**
 * One grid point over its seeds: mean ± std of test accuracy, active neurons, the width of each
 * hidden layer (a missing layer counts as 0), training wall time, and the share of trials whose
 * emergent network is a strict MLP.
 *
 * ```ts
 * const [p] = aggregateSweep(points, results);
 * `${p.testAccuracy?.mean} ± ${p.testAccuracy?.std}`;
 * ```
 */
export interface PointAggregate {
  point: SweepPoint;
  /** Finished trials at this point, and their seeds (ascending). */
  trials: number;
  seeds: number[];
  testAccuracy: Stat | null;
  activeNeurons: Stat | null;
  /** Index k: hidden layer k + 1 (Λ = k + 1). */
  hiddenWidths: Stat[];
  /** Trials with `strictMlp` true over trials with a structure summary; null without any. */
  strictMlpShare: number | null;
  wallSeconds: Stat | null;
}

/**
 * Aggregate finished trials per point. Results are taken in seed order, so the same results give
 * bit-identical aggregates whatever order they came back in.
 *
 * ```ts
 * const rows = aggregateSweep(expandSweep(spec).points, results);
 * ```
 */
export function aggregateSweep(points: SweepPoint[], results: TrialResult[]): PointAggregate[] {
  return points.map((point) => {
    const rs = results.filter((r) => r.point === point.index).sort((a, b) => a.seed - b.seed);
    const depth = Math.max(0, ...rs.map((r) => r.hiddenWidths?.length ?? 0));
    const withStructure = rs.filter((r) => r.strictMlp !== null);
    return {
      point,
      trials: rs.length,
      seeds: rs.map((r) => r.seed),
      testAccuracy: meanStd(rs.map((r) => r.testAccuracy)),
      activeNeurons: meanStd(rs.map((r) => r.activeNeurons)),
      hiddenWidths: Array.from({ length: depth }, (_, k) => meanStd(rs.filter((r) => r.hiddenWidths).map((r) => r.hiddenWidths![k] ?? 0))!),
      strictMlpShare: withStructure.length ? withStructure.filter((r) => r.strictMlp).length / withStructure.length : null,
      wallSeconds: meanStd(rs.map((r) => r.wallSeconds)),
    };
  });
}
