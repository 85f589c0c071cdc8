import { svgDocument } from './svg/markup.js';
import { notesBlock, notesHeight } from './svg/notes.js';

/** A rectangle in figure pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A finished figure: SVG markup and its size in CSS pixels, plus the notes drawn on it
 * (downsampling, truncation, missing data) and where its plot areas are.
 *
 * ```ts
 * const fig: Figure = weightFigure(snap, order);
 * fig.svg.startsWith('<svg'); fig.notes; fig.plots.main;
 * ```
 */
export interface Figure {
  /** File stem, e.g. `weights`. */
  name: string;
  title: string;
  /** Size in CSS pixels, whole numbers (the PNG is scale × this). */
  width: number;
  height: number;
  svg: string;
  /** Notes drawn on the figure, also shown in the report. */
  notes: string[];
  /** Plot areas by name (for tests and for placing overlays). */
  plots: Record<string, Rect>;
}

/**
 * The common end of every figure: the notes block under the plots (at `notesY`, default the
 * bottom of the figure), the SVG document around `body`, and the `Figure` record.
 *
 * ```ts
 * const main = { x: 20, y: 40, width: 560, height: 300 };
 * const fig = finishFigure({ name: 'weights', title: 'Weights', width: 600, height: 400, body: ['<rect/>'], notes: [], plots: { main } });
 * ```
 */
export function finishFigure(f: Omit<Figure, 'svg'> & { body: string[]; notesY?: number }): Figure {
  const { body, notesY, ...rest } = f;
  const y = notesY ?? f.height - notesHeight(f.notes, f.width - 40) - 6;
  const svg = svgDocument(f.width, f.height, [...body, notesBlock(f.notes, 20, y, f.width - 40).svg].join('\n'));
  return { ...rest, svg };
}
