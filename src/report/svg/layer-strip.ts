import { CATEGORICAL } from '../colors.js';
import type { LayerGroup } from '../order.js';
import { attrs, text, textWidth } from './markup.js';

/**
 * Label of layer l in every figure.
 *
 * ```ts
 * layerLabel(2); // 'l=2'
 * ```
 */
export const layerLabel = (l: number): string => `l=${l}`;

/**
 * Colour of layer l in every figure (Tableau 10, cycling).
 *
 * ```ts
 * layerColor(0); // '#1f77b4'
 * ```
 */
export const layerColor = (l: number): string => CATEGORICAL[((l % CATEGORICAL.length) + CATEGORICAL.length) % CATEGORICAL.length];

/**
 * Coloured bands marking the layer groups along one side of a heatmap, labelled `l=k (count)`
 * where the band is long enough. `from` and `to` are the pixel ends of the heatmap side; `n` the
 * number of items along it. Vertical strips sit left of x, labels further left; horizontal strips
 * sit above y, labels above them.
 *
 * ```ts
 * layerStrip(order.groups, order.neurons.length, 'vertical', 80, 60, 560);
 * ```
 */
export function layerStrip(groups: LayerGroup[], n: number, orient: 'vertical' | 'horizontal', at: number, from: number, to: number, size = 11): string {
  const px = (k: number) => from + ((to - from) * k) / Math.max(1, n);
  const T = 10;
  const out: string[] = [];
  let free = -Infinity; // first pixel not yet taken by a label (vertical strips)
  for (const g of groups) {
    const a = px(g.start);
    const b = px(g.start + g.count);
    const fill = layerColor(g.layer);
    const label = `${layerLabel(g.layer)} (${g.count})`;
    if (orient === 'vertical') {
      out.push(`<rect ${attrs({ x: at - T - 2, y: a, width: T, height: Math.max(0.5, b - a), fill })}/>`);
      // Centre the label on its band, pushed down past the previous label when the band is thin.
      const y = Math.max((a + b) / 2, free + size / 2 + 1);
      if (y - size / 2 <= to + 2) {
        out.push(text(at - T - 6, y, label, { size, anchor: 'end', baseline: 'middle' }));
        free = y + size / 2 + 1;
      }
    } else {
      out.push(`<rect ${attrs({ x: a, y: at - T - 2, width: Math.max(0.5, b - a), height: T, fill })}/>`);
      if (b - a >= textWidth(label, size) + 4) out.push(text((a + b) / 2, at - T - 6, label, { size, anchor: 'middle' }));
      else if (b - a >= textWidth(layerLabel(g.layer), size) + 2) out.push(text((a + b) / 2, at - T - 6, layerLabel(g.layer), { size, anchor: 'middle' }));
    }
  }
  return out.join('\n');
}
