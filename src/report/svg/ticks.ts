import type { ScaleLinear, ScaleLogarithmic } from 'd3-scale';
import type { Tick } from './axis.js';

/**
 * Ticks of a d3 linear scale with d3's own formatting (about `count` of them).
 *
 * ```ts
 * linearTicks(scaleLinear().domain([0, 1]).range([300, 20]), 5); // 0, 0.2, … 1
 * ```
 */
export function linearTicks(scale: ScaleLinear<number, number>, count = 5): Tick[] {
  const f = scale.tickFormat(count);
  return scale.ticks(count).map((value) => ({ value, label: f(value) }));
}

/**
 * Ticks of a d3 log scale at the powers of ten, labelled `1e-3`, `0.01`, `1`, `100`, `1e4`.
 *
 * ```ts
 * logTicks(scaleLog().domain([1e-3, 10]).range([300, 20]));
 * ```
 */
export function logTicks(scale: ScaleLogarithmic<number, number>): Tick[] {
  const [a, b] = scale.domain();
  const lo = Math.ceil(Math.log10(Math.min(a, b)) - 1e-9);
  const hi = Math.floor(Math.log10(Math.max(a, b)) + 1e-9);
  const step = Math.max(1, Math.ceil((hi - lo + 1) / 7));
  const out: Tick[] = [];
  for (let e = lo; e <= hi; e += step) out.push({ value: 10 ** e, label: powerLabel(e) });
  if (!out.length) {
    const f = scale.tickFormat(4, '.2~g');
    return scale.ticks(4).map((value) => ({ value, label: f(value) }));
  }
  return out;
}

/** `10^e` as short text. */
function powerLabel(e: number): string {
  return e >= -2 && e <= 3 ? String(Number((10 ** e).toPrecision(1))) : `1e${e}`;
}

/**
 * Integer ticks from lo to hi, at most about `count` of them (steps of 1, 2, 5, 10, …).
 *
 * ```ts
 * integerTicks(0, 4); // 0 1 2 3 4
 * ```
 */
export function integerTicks(lo: number, hi: number, count = 8): Tick[] {
  const span = Math.max(1, hi - lo);
  let step = 1;
  for (let p = 1; span / step > count; p *= 10) step = [1, 2, 5, 10].map((m) => m * p).find((s) => span / s <= count) ?? 10 * p;
  const out: Tick[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) out.push({ value: v, label: String(v) });
  return out;
}

/**
 * One tick per value of a scan (sorted, each value once), with the labels thinned so that none
 * sits closer than `minGap` (a share of the span) to the last one labelled: crowded values keep
 * their tick mark, unlabelled. The largest value is always labelled, in place of a neighbour
 * too close to it.
 *
 * ```ts
 * pointTicks([1.75, 1.8, 1.85, 2, 2.5]); // labels 1.75, '', 1.85, 2, 2.5
 * ```
 */
export function pointTicks(values: readonly number[], minGap = 0.08): Tick[] {
  const xs = [...new Set(values)].sort((a, b) => a - b);
  const span = xs.length > 1 ? xs[xs.length - 1] - xs[0] : 1;
  const labelled: number[] = [];
  for (const v of xs) if (!labelled.length || (v - labelled[labelled.length - 1]) / span >= minGap) labelled.push(v);
  const last = xs[xs.length - 1];
  if (xs.length && labelled[labelled.length - 1] !== last) {
    if ((last - labelled[labelled.length - 1]) / span < minGap) labelled.pop();
    labelled.push(last);
  }
  const shown = new Set(labelled);
  return xs.map((value) => ({ value, label: shown.has(value) ? String(value) : '' }));
}
