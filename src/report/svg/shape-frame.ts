import type { TimelineEntry } from '../../topology/timeline.js';
import { layerColor } from './layer-strip.js';
import { attrs, text } from './markup.js';

/**
 * One frame of the network's shape at an epoch: a framed box with the epoch, accuracy and active
 * neurons, and one bar per layer of height ∝ log(1 + width), relative to `maxWidth`. The entry
 * must have `layerWidths`.
 *
 * ```ts
 * shapeFrame(entry, 20, 400, 180, 130, 400);
 * ```
 */
export function shapeFrame(e: TimelineEntry, x: number, y: number, w: number, h: number, maxWidth: number, size = 11): string {
  const out = [`<rect ${attrs({ x, y, width: w, height: h, fill: '#fafafa', stroke: '#ccc', rx: 3 })}/>`];
  out.push(text(x + w / 2, y + size + 5, `epoch ${e.epoch}`, { size, anchor: 'middle', weight: 'bold' }));
  const info = e.accuracy === null ? `${e.activeNeurons} active` : `acc ${e.accuracy.toFixed(3)} · ${e.activeNeurons} active`;
  out.push(text(x + w / 2, y + 2 * size + 8, info, { size: size - 2, anchor: 'middle', fill: '#555' }));
  const ws = e.layerWidths ?? [];
  const slot = (w - 16) / Math.max(1, ws.length);
  const base = y + h - size - 11;
  const hmax = h - 5 * size - 5;
  ws.forEach((n, l) => {
    const bh = Math.max(1, (hmax * Math.log1p(n)) / Math.log1p(Math.max(1, maxWidth)));
    const bw = Math.min(2 * size, slot * 0.6);
    const cx = x + 8 + (l + 0.5) * slot;
    out.push(`<rect ${attrs({ x: cx - bw / 2, y: base - bh, width: bw, height: bh, fill: layerColor(l) })}/>`);
    if (slot >= 18) out.push(text(cx, base + size + 1, String(n), { size: size - 2, anchor: 'middle', fill: '#333' }));
  });
  return out.join('\n');
}
