import { scaleLinear, scaleLog, scaleSymlog } from 'd3-scale';
import { axisBottom, axisLeft, gridLines, type Tick } from './axis.js';
import { swatchLegend, type Block, type LegendItem } from './legend.js';
import { attrs, num, text } from './markup.js';
import { integerTicks, linearTicks, logTicks } from './ticks.js';

/** One line of a panel: points (x, y), with y = null for a gap. */
export interface Series {
  label: string;
  color: string;
  points: [number, number | null][];
  dashed?: boolean;
  /** Draw as steps (hold the value until the next point), e.g. for S. */
  step?: boolean;
  /** Error bars: ± this half-length at each point (null or 0: none), e.g. a standard deviation. */
  errors?: (number | null)[];
}

/** A panel of lines over a shared x (epochs), with vertical markers (compactions). */
export interface LinePanel {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** `symlog` is log(1 + y): like log for large values, and shows zeros. */
  yScale: 'linear' | 'log' | 'symlog';
  /** Fixed y domain; default: the data's range (linear scales include 0 when all y ≥ 0). */
  yDomain?: [number, number];
  /** x positions of vertical dashed markers, and their legend label. */
  markers?: { x: number[]; label: string; color: string };
  /** Fixed x ticks (e.g. one per sweep point, labelled with its values); default: integer ticks. */
  xTicks?: Tick[];
  /** Fixed x domain; default: the data's range. */
  xDomain?: [number, number];
}

/**
 * Draw a line panel with its axes and a legend under it; the plot area is the rectangle
 * (x, y, width, height), and the returned height includes the axes and the legend.
 *
 * ```ts
 * linePanel({ title: 'accuracy', xLabel: 'epoch', yLabel: 'accuracy', yScale: 'linear', series }, 60, 70, 300, 220);
 * ```
 */
export function linePanel(p: LinePanel, x: number, y: number, width: number, height: number): Block {
  const xs = p.series.flatMap((s) => s.points.map((q) => q[0]));
  const ys = p.series.flatMap((s) => s.points.flatMap((q, k) => (q[1] === null ? [] : [q[1] - (s.errors?.[k] ?? 0), q[1] + (s.errors?.[k] ?? 0)]))).filter((v): v is number => v !== null && Number.isFinite(v) && (p.yScale === 'linear' || v > 0));
  const xLo = p.xDomain?.[0] ?? (xs.length ? Math.min(...xs) : 0);
  const xHi = p.xDomain?.[1] ?? (xs.length ? Math.max(...xs) : 1);
  const sx = scaleLinear().domain([xLo, xHi === xLo ? xLo + 1 : xHi]).range([x, x + width]);
  let pos: (v: number) => number;
  let ticks: Tick[];
  if (p.yScale === 'symlog') {
    const hi = Math.max(1, p.yDomain?.[1] ?? (ys.length ? Math.max(...ys) : 1));
    const top = 10 ** Math.ceil(Math.log10(hi) - 1e-9);
    const s = scaleSymlog().constant(1).domain([0, top]).range([y + height, y]);
    pos = (v) => s(v);
    ticks = [{ value: 0, label: '0' }];
    for (let v = 1; v <= top; v *= 10) ticks.push({ value: v, label: v >= 1e4 ? `1e${Math.round(Math.log10(v))}` : String(v) });
  } else if (p.yScale === 'log') {
    const lo = p.yDomain?.[0] ?? (ys.length ? Math.min(...ys) : 1e-3);
    const hi = p.yDomain?.[1] ?? (ys.length ? Math.max(...ys) : 1);
    const s = scaleLog()
      .domain([lo, hi > lo ? hi : lo * 10])
      .range([y + height, y])
      .nice();
    pos = (v) => s(v);
    ticks = logTicks(s);
  } else {
    let lo = p.yDomain?.[0] ?? (ys.length ? Math.min(0, ...ys) : 0);
    let hi = p.yDomain?.[1] ?? (ys.length ? Math.max(...ys) : 1);
    if (hi <= lo) [lo, hi] = [lo, lo + 1];
    const s = scaleLinear().domain([lo, hi]).range([y + height, y]);
    if (!p.yDomain) s.nice();
    pos = (v) => s(v);
    ticks = linearTicks(s, 5);
  }
  const out: string[] = [text(x, y - 10, p.title, { size: 12, weight: 'bold' })];
  out.push(gridLines(pos, ticks, x, x + width));
  const manyMarkers = !!p.markers && p.markers.x.length > MAX_MARKER_LINES;
  if (p.markers) {
    for (const m of p.markers.x) {
      out.push(
        manyMarkers
          ? `<path ${attrs({ d: `M${num(sx(m))} ${num(y + 7)} l-3.5 -7 h7 z`, fill: p.markers.color })}/>`
          : `<line ${attrs({ x1: sx(m), y1: y, x2: sx(m), y2: y + height, stroke: p.markers.color, 'stroke-width': 1.2, 'stroke-dasharray': '5 3' })}/>`,
      );
    }
  }
  for (const s of p.series) {
    for (const run of segments(s.points, p.yScale)) {
      const pts: string[] = [];
      run.forEach(([a, b], k) => {
        if (s.step && k > 0) pts.push(`${num(sx(a))},${num(pos(run[k - 1][1]))}`);
        pts.push(`${num(sx(a))},${num(pos(b))}`);
      });
      if (run.length === 1) out.push(`<circle ${attrs({ cx: sx(run[0][0]), cy: pos(run[0][1]), r: 2.5, fill: s.color })}/>`);
      else {
        out.push(
          `<polyline ${attrs({ points: pts.join(' '), fill: 'none', stroke: s.color, 'stroke-width': 1.8, 'stroke-linejoin': 'round', 'stroke-dasharray': s.dashed ? '6 3' : undefined })}/>`,
        );
      }
    }
  }
  for (const s of p.series) out.push(errorBars(s, sx, pos));
  out.push(`<rect ${attrs({ x, y, width, height, fill: 'none', stroke: '#bbb', 'stroke-width': 0.5 })}/>`);
  out.push(axisBottom({ pos: sx, ticks: p.xTicks ?? integerTicks(xLo, xHi, 6), label: p.xLabel }, y + height, x, x + width));
  out.push(axisLeft({ pos, ticks, label: p.yLabel }, x, y, y + height, 48));
  const items: LegendItem[] = p.series.map((s) => ({ label: s.label, color: s.color, shape: s.dashed ? 'dashed' : 'line' }));
  if (p.markers && p.markers.x.length) {
    items.push({ label: manyMarkers ? `${p.markers.label} (▼ at top)` : p.markers.label, color: p.markers.color, shape: manyMarkers ? 'rect' : 'dashed', strokeWidth: 1.2 });
  }
  if (!items.length) return { svg: out.join('\n'), width, height: height + 46 };
  const leg = swatchLegend(items, x, y + height + 46, { columns: items.length > 4 ? 2 : 1 });
  out.push(leg.svg);
  return { svg: out.join('\n'), width, height: height + 46 + leg.height };
}

/** A series' error bars: a vertical line with caps at each point that has an error. */
function errorBars(s: Series, sx: (v: number) => number, pos: (v: number) => number): string {
  const out: string[] = [];
  s.points.forEach(([a, b], k) => {
    const e = s.errors?.[k];
    if (b === null || !e || !Number.isFinite(e)) return;
    const [cx, y0, y1] = [sx(a), pos(b - e), pos(b + e)];
    const d = `M${num(cx)} ${num(y0)} V${num(y1)} M${num(cx - 4)} ${num(y0)} h8 M${num(cx - 4)} ${num(y1)} h8`;
    out.push(`<path ${attrs({ d, stroke: s.color, 'stroke-width': 1.3, fill: 'none' })}/>`);
  });
  return out.join('\n');
}

/** Markers past this count are drawn as small triangles on the top edge instead of full lines. */
export const MAX_MARKER_LINES = 6;

/** Split points into runs of consecutive drawable values (no null, positive on a log scale). */
function segments(points: [number, number | null][], scale: LinePanel['yScale']): [number, number][][] {
  const runs: [number, number][][] = [];
  let cur: [number, number][] = [];
  for (const [a, b] of points) {
    if (b === null || !Number.isFinite(b) || (scale === 'log' && b <= 0)) {
      if (cur.length) runs.push(cur);
      cur = [];
    } else cur.push([a, b]);
  }
  if (cur.length) runs.push(cur);
  return runs;
}
