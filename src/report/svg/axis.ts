import { attrs, text } from './markup.js';

/** One tick: where (in data units) and what it says. */
export interface Tick {
  value: number;
  label: string;
}

/** What both axis kinds take: a position function, ticks and a title. */
export interface AxisSpec {
  /** Data value → pixel along the axis. */
  pos: (v: number) => number;
  ticks: Tick[];
  /** Axis title. */
  label: string;
  /** Font size of tick labels (title is 1 px larger). */
  size?: number;
}

const STROKE = '#444';

/**
 * A horizontal axis along y from x0 to x1, ticks below, title under them.
 *
 * ```ts
 * axisBottom({ pos: x, ticks: linearTicks(x, 5), label: 'epoch' }, 300, 50, 450);
 * ```
 */
export function axisBottom(a: AxisSpec, y: number, x0: number, x1: number): string {
  const size = a.size ?? 11;
  const out = [`<line ${attrs({ x1: x0, y1: y, x2: x1, y2: y, stroke: STROKE, 'stroke-width': 1 })}/>`];
  for (const t of a.ticks) {
    const x = a.pos(t.value);
    out.push(`<line ${attrs({ x1: x, y1: y, x2: x, y2: y + 4, stroke: STROKE, 'stroke-width': 1 })}/>`);
    if (t.label) out.push(text(x, y + 6, t.label, { size, anchor: 'middle', baseline: 'hanging' }));
  }
  out.push(text((x0 + x1) / 2, y + 8 + size + 6, a.label, { size: size + 1, anchor: 'middle', baseline: 'hanging' }));
  return out.join('\n');
}

/**
 * A vertical axis along x from y0 (top) to y1 (bottom), ticks left, rotated title at `x - offset`.
 *
 * ```ts
 * axisLeft({ pos: y, ticks: linearTicks(y, 5), label: 'loss' }, 50, 20, 300, 40);
 * ```
 */
export function axisLeft(a: AxisSpec, x: number, y0: number, y1: number, offset = 40): string {
  const size = a.size ?? 11;
  const out = [`<line ${attrs({ x1: x, y1: y0, x2: x, y2: y1, stroke: STROKE, 'stroke-width': 1 })}/>`];
  for (const t of a.ticks) {
    const y = a.pos(t.value);
    out.push(`<line ${attrs({ x1: x - 4, y1: y, x2: x, y2: y, stroke: STROKE, 'stroke-width': 1 })}/>`);
    out.push(text(x - 6, y, t.label, { size, anchor: 'end', baseline: 'middle' }));
  }
  out.push(text(x - offset, (y0 + y1) / 2, a.label, { size: size + 1, anchor: 'middle', rotate: -90 }));
  return out.join('\n');
}

/**
 * Light horizontal grid lines at the ticks, from x0 to x1.
 *
 * ```ts
 * gridLines(y, ticks, 50, 450);
 * ```
 */
export function gridLines(pos: (v: number) => number, ticks: Tick[], x0: number, x1: number): string {
  return ticks
    .map((t) => `<line ${attrs({ x1: x0, y1: pos(t.value), x2: x1, y2: pos(t.value), stroke: '#e5e5e5', 'stroke-width': 1 })}/>`)
    .join('\n');
}
