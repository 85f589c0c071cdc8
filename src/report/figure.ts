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
