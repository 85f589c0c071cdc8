import type { Rgb } from './colors.js';
import { encodePng } from './png/encode.js';
import { attrs } from './svg/markup.js';

/** A row-major matrix of values. */
export interface Grid {
  rows: number;
  cols: number;
  values: Float32Array;
}

/** How `blockReduce` folds a block: the mean, or the value of largest magnitude (keeps sign and exact zeros). */
export type Reduce = 'mean' | 'maxAbs';

/**
 * Aggregate a grid in blocks of kr × kc cells (the last block of a row or column may be smaller).
 *
 * ```ts
 * blockReduce({ rows: 4, cols: 4, values }, 2, 2, 'maxAbs'); // a 2×2 grid
 * ```
 */
export function blockReduce(g: Grid, kr: number, kc: number, mode: Reduce): Grid {
  const rows = Math.ceil(g.rows / kr);
  const cols = Math.ceil(g.cols / kc);
  const out = new Float32Array(rows * cols);
  const cnt = mode === 'mean' ? new Float32Array(rows * cols) : undefined;
  for (let r = 0; r < g.rows; r++) {
    const R = Math.floor(r / kr) * cols;
    for (let c = 0; c < g.cols; c++) {
      const v = g.values[r * g.cols + c];
      const k = R + Math.floor(c / kc);
      if (cnt) {
        out[k] += v;
        cnt[k]++;
      } else if (Math.abs(v) > Math.abs(out[k])) out[k] = v;
    }
  }
  if (cnt) for (let k = 0; k < out.length; k++) out[k] /= cnt[k];
  return { rows, cols, values: out };
}

/**
 * Colour every cell of a grid (one pixel a cell) and encode the result as a PNG.
 *
 * ```ts
 * const png = heatmapPng(grid, (v) => (v === 0 ? ZERO_COLOR : DIVERGING.at(0.5 + v / 2)));
 * ```
 */
export function heatmapPng(g: Grid, color: (v: number) => Rgb): Uint8Array {
  const rgba = new Uint8Array(g.rows * g.cols * 4);
  for (let k = 0; k < g.values.length; k++) {
    const [r, gg, b] = color(g.values[k]);
    rgba[4 * k] = r;
    rgba[4 * k + 1] = gg;
    rgba[4 * k + 2] = b;
    rgba[4 * k + 3] = 255;
  }
  return encodePng(rgba, g.cols, g.rows);
}

/**
 * An SVG `<image>` showing PNG bytes stretched over a rectangle, without smoothing, so each
 * cell stays a crisp block.
 *
 * ```ts
 * imageElement(png, 60, 40, 500, 500);
 * ```
 */
export function imageElement(png: Uint8Array, x: number, y: number, width: number, height: number): string {
  const href = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  return `<image ${attrs({ x, y, width, height, preserveAspectRatio: 'none', 'image-rendering': 'optimizeSpeed' })} href="${href}"/>`;
}

/**
 * Pick a cell size and block factor so that `n` cells fit in about `target` pixels: integer
 * pixels a cell when n ≤ target (cell = ⌊target / n⌋), otherwise 1-pixel cells of k = ⌈n / target⌉
 * items each.
 *
 * ```ts
 * fitCells(123, 600); // { cell: 4, block: 1, cells: 123, pixels: 492 }
 * fitCells(5000, 600); // { cell: 1, block: 9, cells: 556, pixels: 556 }
 * ```
 */
export function fitCells(n: number, target: number): { cell: number; block: number; cells: number; pixels: number } {
  if (n <= target) {
    const cell = Math.max(1, Math.floor(target / Math.max(1, n)));
    return { cell, block: 1, cells: n, pixels: cell * n };
  }
  const block = Math.ceil(n / target);
  const cells = Math.ceil(n / block);
  return { cell: 1, block, cells, pixels: cells };
}
