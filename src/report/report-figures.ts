import type { ReportData } from './collect.js';
import type { Figure } from './figure.js';
import { activityFigure } from './figures/activity.js';
import { connectomeFigure } from './figures/connectome.js';
import { gridProjectionFigure } from './figures/grid-projection.js';
import { timelineFigure } from './figures/timeline.js';
import { timelineAnimation } from './figures/timeline-animation.js';
import { trainingFigure } from './figures/training.js';
import { runSizeFigure } from './figures/size.js';
import { weightFigure } from './figures/weights.js';
import { emergentNetwork } from './network.js';
import { orderNeurons } from './order.js';

/** Options of `reportFigures`. */
export interface ReportFigureOptions {
  /** Most synapses drawn in the network figures. */
  maxEdges: number;
}

/** Defaults of `reportFigures`. */
export const REPORT_FIGURE_DEFAULTS: ReportFigureOptions = { maxEdges: 3000 };

/**
 * Every figure a report holds, in order: activity (when measured), weights, connectome, its grid
 * projection (with a geometry), training curves, the size over training (structure runs), the structure timeline and its animation (with
 * a timeline).
 *
 * ```ts
 * const figs = reportFigures(await collectReport('runs/a'));
 * ```
 */
export function reportFigures(data: ReportData, options: Partial<ReportFigureOptions> = {}): Figure[] {
  const o = { ...REPORT_FIGURE_DEFAULTS, ...options };
  const snap = data.snapshot;
  const order = orderNeurons(snap, { threshold: data.threshold });
  const figs: Figure[] = [];
  if (snap.activity) figs.push(activityFigure(snap, order));
  figs.push(weightFigure(snap, order));
  const net = emergentNetwork(snap, { threshold: data.threshold });
  figs.push(connectomeFigure(net, { maxEdges: o.maxEdges }));
  if (net.coords && snap.config.geometry) figs.push(gridProjectionFigure(net, { maxEdges: o.maxEdges }));
  figs.push(trainingFigure(data.metrics));
  const size = runSizeFigure(data.metrics);
  if (size) figs.push(size);
  figs.push(timelineFigure(data.timeline ?? [], { history: data.metrics }));
  if (data.timeline?.some((e) => e.layerWidths)) figs.push(timelineAnimation(data.timeline));
  return figs;
}
