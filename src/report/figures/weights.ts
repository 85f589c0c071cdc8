import type { Snapshot } from '../../core/snapshot.js';
import { DIVERGING, ZERO_COLOR, hex } from '../colors.js';
import { finishFigure, type Figure } from '../figure.js';
import { blockReduce, fitCells, heatmapPng, imageElement } from '../heatmap.js';
import type { NeuronOrder } from '../order.js';
import { colorBar } from '../svg/legend.js';
import { layerStrip } from '../svg/layer-strip.js';
import { attrs, text } from '../svg/markup.js';
import { notesHeight } from '../svg/notes.js';
import { TITLE_HEIGHT, titleBlock } from '../svg/title.js';
import { fmt } from '../fmt.js';
import { resolveThreshold } from '../../core/threshold.js';

/** Options of `weightFigure`. */
export interface WeightFigureOptions {
  /** Target side of the heatmap in pixels; more neurons than this are aggregated in blocks. */
  maxSide: number;
  /**
   * Quantile of the nonzero |W| shown at which the colours saturate (1: the largest |W|). A few
   * large weights (the outputs' in a trained URN) would otherwise wash every other block out.
   */
  clip: number;
}

/** Defaults of `weightFigure`. */
export const WEIGHT_FIGURE_DEFAULTS: WeightFigureOptions = { maxSide: 600, clip: 0.99 };

/** The colour scale's end: the `clip` quantile of the nonzero |values|, and the largest |value|. */
function colorRange(values: Float32Array, clip: number): { m: number; max: number; beyond: number } {
  const nonzero = values.filter((v) => v !== 0);
  if (nonzero.length === 0) return { m: 0, max: 0, beyond: 0 };
  const max = resolveThreshold(nonzero, { relative: 1 }).value;
  const m = resolveThreshold(nonzero, { quantile: clip }).value;
  let beyond = 0;
  for (const v of nonzero) if (Math.abs(v) > m) beyond++;
  return { m, max, beyond };
}

/**
 * The paper's Fig. 3 (right): W restricted to the active neurons, rows (targets i) and columns
 * (sources j) both in `order`, diverging colours symmetric around 0 that saturate at the `clip`
 * quantile of |W| (noted when any entry is beyond it), exact zeros white. An emergent MLP shows
 * as the block sub-diagonal of Eq. 1. Above `maxSide` neurons, each pixel shows the entry of
 * largest |W| in its block (so zero blocks stay white), with a note.
 *
 * ```ts
 * const fig = weightFigure(snap, orderNeurons(snap));
 * ```
 */
export function weightFigure(snap: Snapshot, order: NeuronOrder, options: Partial<WeightFigureOptions> = {}): Figure {
  const o = { ...WEIGHT_FIGURE_DEFAULTS, ...options };
  const { S } = snap.config;
  const n = order.neurons.length;
  const values = new Float32Array(n * n);
  for (let r = 0; r < n; r++) {
    const row = order.neurons[r] * S;
    for (let c = 0; c < n; c++) values[r * n + c] = snap.W[row + order.neurons[c]];
  }
  const fit = fitCells(n, o.maxSide);
  const grid = blockReduce({ rows: n, cols: n, values }, fit.block, fit.block, 'maxAbs');
  const { m, max, beyond } = colorRange(grid.values, o.clip);
  const color = (v: number) => (v === 0 ? ZERO_COLOR : DIVERGING.at(m > 0 ? 0.5 + Math.max(-1, Math.min(1, v / m)) / 2 : 0.5));

  const notes: string[] = [];
  if (fit.block > 1) {
    notes.push(`${n}×${n} entries shown as ${grid.rows}×${grid.cols} pixels: each pixel is the entry of largest |W| in a ${fit.block}×${fit.block} block.`);
  }
  if (beyond > 0) {
    notes.push(`colours saturate at |W| = ${fmt(m, 2)}, the ${fmt(100 * o.clip, 3)}% quantile of the nonzero |W| shown; ${beyond} ${beyond === 1 ? 'entry is' : 'entries are'} beyond it (largest ${fmt(max, 2)}).`);
  }
  if (n === 0) notes.push('no active neurons to show.');
  if (order.source !== 'activity') notes.push('neurons ordered by structure (first iteration reachable from the input), not by measured activity.');

  const side = Math.max(fit.pixels, 120);
  const left = 150;
  const top = TITLE_HEIGHT + 44;
  const right = 150;
  const width = Math.ceil(left + side + right);
  const nh = notesHeight(notes, width - 40);
  const height = Math.ceil(top + side + 40 + nh);
  const x0 = left;
  const y0 = top;
  const body: string[] = [
    titleBlock('Weight matrix of the active neurons', `W_ij = synapse j → i · ${n} of ${S} neurons · same order as the activity figure`, 20),
  ];
  if (n > 0) body.push(imageElement(heatmapPng(grid, color), x0, y0, fit.pixels, fit.pixels));
  body.push(`<rect ${attrs({ x: x0 - 0.5, y: y0 - 0.5, width: side + 1, height: side + 1, fill: 'none', stroke: '#888', 'stroke-width': 0.5 })}/>`);
  body.push(layerStrip(order.groups, n, 'vertical', x0, y0, y0 + fit.pixels));
  body.push(layerStrip(order.groups, n, 'horizontal', y0, x0, x0 + fit.pixels));
  body.push(text(28, y0 + side / 2, 'target neuron i (row)', { size: 12, anchor: 'middle', rotate: -90 }));
  body.push(text(x0 + side / 2, y0 + side + 22, 'source neuron j (column), grouped by first active iteration l', { size: 12, anchor: 'middle' }));
  const tick = (v: number) => (m === 0 ? '0' : `${beyond > 0 && Math.abs(v) === m ? (v > 0 ? '≥ ' : '≤ ') : ''}${fmt(v, 2)}`);
  const bar = colorBar(
    {
      id: 'w',
      map: DIVERGING,
      ticks: [0, 0.25, 0.5, 0.75, 1].map((t) => ({ t, label: tick((2 * t - 1) * m) })),
      label: 'W_ij',
      zero: { color: hex(ZERO_COLOR), label: 'exactly 0' },
    },
    x0 + side + 30,
    y0 + 14,
    14,
    Math.min(240, Math.max(100, side - 60)),
  );
  body.push(bar.svg);
  return finishFigure({ name: 'weights', title: 'Weight matrix of the active neurons (paper Fig. 3, right)', width, height, body, notes, notesY: y0 + side + 34, plots: { main: { x: x0, y: y0, width: fit.pixels, height: fit.pixels } } });
}
