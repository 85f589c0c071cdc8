import type { ColorMap } from '../colors.js';
import { hex } from '../colors.js';
import { attrs, text, textWidth } from './markup.js';

/** One entry of a swatch legend. */
export interface LegendItem {
  label: string;
  color: string;
  /** How the swatch is drawn: a line (optionally dashed), a filled square or a dot. */
  shape: 'line' | 'dashed' | 'rect' | 'circle';
  /** Line width of `line`/`dashed` swatches. */
  strokeWidth?: number;
}

/** A drawn block and its size, for layout. */
export interface Block {
  svg: string;
  width: number;
  height: number;
}

/**
 * A framed legend of swatches in one column (or `columns` columns), top-left at (x, y).
 *
 * ```ts
 * swatchLegend([{ label: 'train', color: '#1f77b4', shape: 'line' }], 400, 20);
 * ```
 */
export function swatchLegend(items: LegendItem[], x: number, y: number, o: { size?: number; title?: string; columns?: number } = {}): Block {
  const size = o.size ?? 11;
  const row = size + 7;
  const cols = Math.max(1, o.columns ?? 1);
  const perCol = Math.ceil(items.length / cols);
  const colW = 28 + Math.max(...items.map((it) => textWidth(it.label, size)), 0);
  const titleH = o.title ? row : 0;
  const width = 12 + cols * colW + Math.max(0, o.title ? textWidth(o.title, size) + 12 - cols * colW - 12 : 0);
  const height = 8 + titleH + perCol * row;
  const out = [`<rect ${attrs({ x, y, width, height, fill: '#ffffff', 'fill-opacity': 0.9, stroke: '#bbb', 'stroke-width': 1, rx: 3 })}/>`];
  if (o.title) out.push(text(x + 6, y + 4 + size, o.title, { size, weight: 'bold' }));
  items.forEach((it, k) => {
    const cx = x + 6 + Math.floor(k / perCol) * colW;
    const cy = y + 4 + titleH + (k % perCol) * row + row / 2;
    if (it.shape === 'rect') out.push(`<rect ${attrs({ x: cx, y: cy - 5, width: 18, height: 10, fill: it.color })}/>`);
    else if (it.shape === 'circle') out.push(`<circle ${attrs({ cx: cx + 9, cy, r: 4.5, fill: it.color })}/>`);
    else {
      out.push(
        `<line ${attrs({ x1: cx, y1: cy, x2: cx + 18, y2: cy, stroke: it.color, 'stroke-width': it.strokeWidth ?? 2, 'stroke-dasharray': it.shape === 'dashed' ? '4 3' : undefined })}/>`,
      );
    }
    out.push(text(cx + 24, cy, it.label, { size, baseline: 'middle' }));
  });
  return { svg: out.join('\n'), width, height };
}

/** Options of `colorBar`. */
export interface ColorBarOptions {
  /** Unique within the document (gradient id). */
  id: string;
  map: ColorMap;
  /** Tick positions t ∈ [0, 1] along the bar (0 at the bottom) and their labels. */
  ticks: { t: number; label: string }[];
  label: string;
  /** An extra swatch under the bar, for the exact-zero colour. */
  zero?: { color: string; label: string };
  size?: number;
}

/**
 * A vertical colour bar (a gradient of the map) with ticks on the right and a title above.
 *
 * ```ts
 * colorBar({ id: 'w', map: DIVERGING, ticks: [{ t: 0, label: '-1' }, { t: 1, label: '1' }], label: 'W_ij' }, 600, 60, 14, 300);
 * ```
 */
export function colorBar(o: ColorBarOptions, x: number, y: number, width: number, height: number): Block {
  const size = o.size ?? 11;
  const stops = Array.from({ length: 33 }, (_, k) => k / 32)
    .map((t) => `<stop offset="${(t * 100).toFixed(2)}%" stop-color="${hex(o.map.at(1 - t))}"/>`)
    .join('');
  const out = [
    `<defs><linearGradient id="${o.id}" x1="0" y1="0" x2="0" y2="1">${stops}</linearGradient></defs>`,
    text(x, y - 14, o.label, { size: size + 1 }),
    `<rect ${attrs({ x, y, width, height, fill: `url(#${o.id})`, stroke: '#888', 'stroke-width': 0.5 })}/>`,
  ];
  for (const tk of o.ticks) {
    const ty = y + (1 - tk.t) * height;
    out.push(`<line ${attrs({ x1: x + width, y1: ty, x2: x + width + 4, y2: ty, stroke: '#444' })}/>`);
    out.push(text(x + width + 6, ty, tk.label, { size, baseline: 'middle' }));
  }
  let h = height;
  if (o.zero) {
    out.push(`<rect ${attrs({ x, y: y + height + 10, width, height: 12, fill: o.zero.color, stroke: '#888', 'stroke-width': 0.5 })}/>`);
    out.push(text(x + width + 6, y + height + 16, o.zero.label, { size, baseline: 'middle' }));
    h += 22;
  }
  const labelW = Math.max(textWidth(o.label, size + 1), width + 6 + Math.max(0, ...o.ticks.map((t) => textWidth(t.label, size))));
  return { svg: out.join('\n'), width: labelW, height: h + 20 };
}
