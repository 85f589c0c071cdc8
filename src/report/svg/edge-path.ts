import { num } from './markup.js';

/**
 * SVG path data of an edge from (x1, y1) to (x2, y2) in a left-to-right layered drawing:
 * forward edges are S-curves with horizontal tangents, backward edges arc above, edges within a
 * column bow to the right (the top of a backward arc stays below `ceiling`), and a self-loop is
 * a small loop above-right of the node.
 *
 * ```ts
 * edgePath(10, 10, 200, 50); // 'M10 10 C105 10 105 50 200 50'
 * ```
 */
export function edgePath(x1: number, y1: number, x2: number, y2: number, selfLoop = false, ceiling = -Infinity): string {
  if (selfLoop) return `M${num(x1)} ${num(y1)} c6 -16 18 -10 0 0`;
  if (Math.abs(x2 - x1) < 1e-6) {
    const cx = x1 + 24 + 0.25 * Math.abs(y2 - y1);
    return `M${num(x1)} ${num(y1)} Q${num(cx)} ${num((y1 + y2) / 2)} ${num(x2)} ${num(y2)}`;
  }
  if (x2 > x1) {
    const mx = (x1 + x2) / 2;
    return `M${num(x1)} ${num(y1)} C${num(mx)} ${num(y1)} ${num(mx)} ${num(y2)} ${num(x2)} ${num(y2)}`;
  }
  // The curve's apex is halfway between the control point and the ends' mean: keep it below `ceiling`.
  const cy = Math.max(2 * ceiling - (y1 + y2) / 2, Math.min(y1, y2) - 20 - 0.25 * Math.abs(x1 - x2));
  return `M${num(x1)} ${num(y1)} Q${num((x1 + x2) / 2)} ${num(cy)} ${num(x2)} ${num(y2)}`;
}
