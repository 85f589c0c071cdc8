import { mkdirSync } from 'node:fs';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import { join } from 'node:path';
import type { Figure } from './figure.js';
import { PNG_SCALE, renderPng } from './raster.js';

/** Where `writeFigure` put a figure. */
export interface WrittenFigure {
  name: string;
  title: string;
  svg: string;
  png: string;
  notes: string[];
}

/**
 * Write a figure as `<dir>/<name>.svg` and `<dir>/<name>.png` (the PNG at `scale`× size).
 *
 * ```ts
 * const { svg, png } = writeFigure(trainingFigure(metrics), 'runs/a/report/figures');
 * ```
 */
export function writeFigure(fig: Figure, dir: string, scale = PNG_SCALE): WrittenFigure {
  mkdirSync(dir, { recursive: true });
  const svg = join(dir, `${fig.name}.svg`);
  const png = join(dir, `${fig.name}.png`);
  atomicWriteFileSync(svg, fig.svg);
  atomicWriteFileSync(png, renderPng(fig.svg, scale));
  return { name: fig.name, title: fig.title, svg, png, notes: fig.notes };
}
