import { color } from 'd3-color';
import { ConfigError, prefix } from '../errors.js';
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';

/** An RGB colour, each channel 0..255. */
export type Rgb = [number, number, number];

const where = prefix('parseColor');

/**
 * Parse a CSS colour (`#rrggbb`, `rgb(r, g, b)`, a name, …; what d3-scale-chromatic returns) into
 * an RGB triple, with d3-color. An unreadable colour is a `ConfigError`.
 *
 * ```ts
 * parseColor('rgb(247, 247, 247)'); // [247, 247, 247]
 * ```
 */
export function parseColor(c: string): Rgb {
  const parsed = color(c);
  if (!parsed) throw new ConfigError(where(`cannot read colour '${c}'. Use #rrggbb or rgb(r, g, b).`));
  const { r, g, b } = parsed.rgb();
  return [r, g, b];
}

/**
 * `#rrggbb` of an RGB triple.
 *
 * ```ts
 * hex([255, 0, 0]); // '#ff0000'
 * ```
 */
export function hex(c: Rgb): string {
  return `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/** Colour of an exactly zero cell in every heatmap: pure white, so sparsity is visible. */
export const ZERO_COLOR: Rgb = [255, 255, 255];

/** A colour map sampled on [0, 1], as a 256-entry lookup table. */
export interface ColorMap {
  name: string;
  /** Colour at t ∈ [0, 1] (clamped). */
  at(t: number): Rgb;
}

function lut(name: string, interp: (t: number) => string): ColorMap {
  const table: Rgb[] = Array.from({ length: 256 }, (_, k) => parseColor(interp(k / 255)));
  return {
    name,
    at: (t) => table[Math.max(0, Math.min(255, Math.round((Number.isFinite(t) ? t : 0) * 255)))],
  };
}

/** Diverging map for weights: blue (negative) – near white (0) – red (positive), ColorBrewer RdBu. */
export const DIVERGING: ColorMap = lut('RdBu (reversed)', (t) => interpolateRdBu(1 - t));

/** Sequential map for activity: viridis (dark purple low, yellow high). */
export const SEQUENTIAL: ColorMap = lut('viridis', interpolateViridis);

/** Categorical colours (Tableau 10), for lines and layers. */
export const CATEGORICAL = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** Edge colours of the connectome, as in the paper's Fig. 6: forward red, backward green, same layer black. */
export const EDGE_COLORS = { forward: '#d62728', backward: '#2ca02c', same: '#222222' } as const;

/** Node colours by role. */
export const ROLE_COLORS = { input: '#1f77b4', hidden: '#7f7f7f', output: '#ff7f0e' } as const;
