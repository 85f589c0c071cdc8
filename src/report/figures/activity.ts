import { ConfigError, prefix } from '../../errors.js';
import type { Snapshot } from '../../core/snapshot.js';
import { SEQUENTIAL, ZERO_COLOR, hex } from '../colors.js';
import { finishFigure, type Figure } from '../figure.js';
import { blockReduce, fitCells, heatmapPng, imageElement } from '../heatmap.js';
import type { NeuronOrder } from '../order.js';
import { axisBottom } from '../svg/axis.js';
import { colorBar } from '../svg/legend.js';
import { layerStrip } from '../svg/layer-strip.js';
import { attrs, text } from '../svg/markup.js';
import { notesHeight } from '../svg/notes.js';
import { TITLE_HEIGHT, titleBlock } from '../svg/title.js';
import { fmt } from '../fmt.js';

const where = prefix('activityFigure');

/** Options of `activityFigure`. */
export interface ActivityFigureOptions {
  /** Target height of the heatmap in pixels; more neurons than this are aggregated. */
  maxRows: number;
  /** Decades of mean |N| the log colour scale spans below its maximum. */
  decades: number;
}

/** Defaults of `activityFigure`. */
export const ACTIVITY_FIGURE_DEFAULTS: ActivityFigureOptions = { maxRows: 560, decades: 3 };

/**
 * The paper's Fig. 3 (left): mean |N_i^(l)| over the data sample of every active neuron (rows, in
 * `order`) at every iteration l = 0..I (columns), log colour scale, exact zeros white. Rows are
 * averaged in blocks, with a note, when there are more than `maxRows`.
 *
 * ```ts
 * const fig = activityFigure(snap, orderNeurons(snap));
 * ```
 */
export function activityFigure(snap: Snapshot, order: NeuronOrder, options: Partial<ActivityFigureOptions> = {}): Figure {
  const o = { ...ACTIVITY_FIGURE_DEFAULTS, ...options };
  const a = snap.activity;
  if (!a) throw new ConfigError(where('the snapshot has no activity statistics. Take it with snapshotOf(model, split).'));
  const { S, I } = snap.config;
  const n = order.neurons.length;
  const cols = I + 1;
  const values = new Float32Array(n * cols);
  for (let r = 0; r < n; r++) for (let l = 0; l < cols; l++) values[r * cols + l] = a.meanAbs[l * S + order.neurons[r]];
  const fit = fitCells(n, o.maxRows);
  const grid = blockReduce({ rows: n, cols, values }, fit.block, 1, 'mean');
  let vmax = 0;
  for (const v of grid.values) if (v > vmax) vmax = v;
  const vmin = vmax * 10 ** -o.decades;
  const span = Math.log10(vmax) - Math.log10(vmin);
  const tOf = (v: number) => (Math.log10(Math.max(v, vmin)) - Math.log10(vmin)) / span;
  const color = (v: number) => (v > 0 ? SEQUENTIAL.at(tOf(v)) : ZERO_COLOR);

  const notes: string[] = [];
  if (fit.block > 1) notes.push(`${n} neurons shown as ${grid.rows} rows: each row is the mean of ${fit.block} consecutive neurons.`);
  if (n === 0) notes.push('no neuron was active on the data sample.');
  if (order.source !== 'activity') notes.push('rows ordered by structure (first iteration reachable from the input).');

  const colW = Math.max(48, Math.min(96, Math.floor(420 / cols)));
  const plotW = colW * cols;
  const plotH = Math.max(fit.pixels, 120);
  const left = 150;
  const top = TITLE_HEIGHT + 20;
  const right = 170;
  const width = Math.ceil(left + plotW + right);
  const nh = notesHeight(notes, width - 40);
  const height = Math.ceil(top + plotH + 56 + nh);
  const x0 = left;
  const y0 = top;

  const body: string[] = [
    titleBlock('Neural activity', `mean |N| over ${a.samples} samples · ${n} of ${S} neurons active · rows sorted by first active iteration`, 20),
  ];
  if (n > 0) body.push(imageElement(heatmapPng(grid, color), x0, y0, plotW, fit.pixels));
  body.push(`<rect ${attrs({ x: x0 - 0.5, y: y0 - 0.5, width: plotW + 1, height: plotH + 1, fill: 'none', stroke: '#888', 'stroke-width': 0.5 })}/>`);
  body.push(layerStrip(order.groups, n, 'vertical', x0, y0, y0 + fit.pixels));
  body.push(text(28, y0 + plotH / 2, `active neurons (${n}), by first active iteration`, { size: 12, anchor: 'middle', rotate: -90 }));
  body.push(
    axisBottom(
      { pos: (l) => x0 + (l + 0.5) * colW, ticks: Array.from({ length: cols }, (_, l) => ({ value: l, label: String(l) })), label: 'iteration l' },
      y0 + plotH,
      x0,
      x0 + plotW,
    ),
  );
  const decadeTicks = Array.from({ length: o.decades + 1 }, (_, k) => ({ t: k / o.decades, label: vmax > 0 ? fmt(vmin * 10 ** k, 2) : '' }));
  const bar = colorBar(
    { id: 'act', map: SEQUENTIAL, ticks: decadeTicks, label: 'mean |N| (log)', zero: { color: hex(ZERO_COLOR), label: 'exactly 0' } },
    x0 + plotW + 30,
    y0 + 14,
    14,
    Math.min(240, Math.max(100, plotH - 60)),
  );
  body.push(bar.svg);
  return finishFigure({ name: 'activity', title: 'Neural activity by iteration (paper Fig. 3, left)', width, height, body, notes, notesY: y0 + plotH + 50, plots: { main: { x: x0, y: y0, width: plotW, height: fit.pixels } } });
}

