import type { TimelineEntry } from '../../topology/timeline.js';
import { finishFigure, type Figure, type Rect } from '../figure.js';
import type { EpochMetrics } from '../../run/metrics.js';
import { layerColor, layerLabel } from '../svg/layer-strip.js';
import { shapeFrame } from '../svg/shape-frame.js';
import { linePanel, type Series } from '../svg/line-panel.js';
import { attrs, text } from '../svg/markup.js';
import { notesHeight } from '../svg/notes.js';
import { TITLE_HEIGHT, titleBlock } from '../svg/title.js';
import { COMPACTION_COLOR, compactionEpochs } from './training.js';

/** Options of `timelineFigure`. */
export interface TimelineFigureOptions {
  /** Metrics of the run, for compaction markers and the fallback without a timeline. */
  history: EpochMetrics[];
  /** Frames in the strip of network shapes. */
  frames: number;
}

/** Defaults of `timelineFigure`. */
export const TIMELINE_FIGURE_DEFAULTS: TimelineFigureOptions = { history: [], frames: 6 };

/**
 * Pick up to `k` evenly spaced indices of 0..n-1, always the first and the last.
 *
 * ```ts
 * pickFrames(10, 4); // [0, 3, 6, 9]
 * ```
 */
export function pickFrames(n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  return [...new Set(Array.from({ length: k }, (_, i) => Math.round((i * (n - 1)) / (k - 1))))];
}

/**
 * Structure over training from the run's timeline: the width of every layer (log(1 + n) scale) and the
 * active neurons and edges by epoch, compactions marked, and a strip of frames showing the
 * network's shape (one bar per layer, height ∝ log(1 + width)) at a few epochs. Without a
 * timeline it plots the active neurons of the metrics, with a note.
 *
 * ```ts
 * const fig = timelineFigure(readTimeline('runs/a'), { history: readMetrics('runs/a') });
 * ```
 */
export function timelineFigure(entries: TimelineEntry[], options: Partial<TimelineFigureOptions> = {}): Figure {
  const o = { ...TIMELINE_FIGURE_DEFAULTS, ...options };
  const notes: string[] = [];
  const fromTimeline = entries.filter((e) => e.compacted).map((e) => e.epoch);
  const markerX = [...new Set([...compactionEpochs(o.history), ...fromTimeline])].sort((a, b) => a - b);
  const markers = { x: markerX, label: 'compaction', color: COMPACTION_COLOR };
  const depth = Math.max(0, ...entries.map((e) => (e.layerWidths ? e.layerWidths.length : 0)));
  const widthSeries: Series[] = Array.from({ length: depth }, (_, l) => ({
    label: layerLabel(l),
    color: layerColor(l),
    points: entries.map((e): [number, number | null] => [e.epoch, e.layerWidths ? (e.layerWidths[l] ?? 0) : null]),
  }));
  const bounded = entries.filter((e) => e.bounded).length;
  if (!entries.length) notes.push('the run has no timeline (timeline.msgpack): layer widths are not available; active neurons come from metrics.jsonl.');
  if (bounded) notes.push(`${bounded} of ${entries.length} epochs had too many synapses above the threshold to analyse (counts only): their layer widths are gaps.`);
  const countSeries: Series[] = entries.length
    ? [
        { label: 'active neurons', color: '#2ca02c', points: entries.map((e) => [e.epoch, e.activeNeurons]) },
        { label: 'edges', color: '#555', points: entries.map((e) => [e.epoch, e.edges]), dashed: true },
      ]
    : [{ label: 'active neurons (metrics)', color: '#2ca02c', points: o.history.map((m) => [m.epoch, m.activeNeurons]) }];

  const pw = 380;
  const ph = 220;
  const left = 80;
  const gap = 110;
  const top = TITLE_HEIGHT + 30;
  const a = depth
    ? linePanel({ title: 'Layer widths', xLabel: 'epoch', yLabel: 'neurons in layer (log 1+n)', yScale: 'symlog', series: widthSeries, markers }, left, top, pw, ph)
    : placeholder('Layer widths', 'no layer widths recorded', 'train with a timeline (timelineEvery > 0)', left, top, pw, ph);
  const b = linePanel(
    { title: entries.length ? 'Active neurons and edges' : 'Active neurons', xLabel: 'epoch', yLabel: 'count (log)', yScale: 'log', series: countSeries, markers },
    left + pw + gap,
    top,
    pw,
    ph,
  );
  const width = Math.ceil(left + 2 * pw + gap + 40);
  const stripTop = top + Math.max(a.height, b.height) + 30;
  const withWidths = entries.flatMap((e, k) => (e.layerWidths ? [k] : []));
  const frameIdx = pickFrames(withWidths.length, o.frames).map((k) => withWidths[k]);
  const fw = Math.floor((width - 40 - (frameIdx.length - 1) * 12) / Math.max(1, frameIdx.length));
  const fh = 130;
  const strip: string[] = [];
  if (frameIdx.length) {
    strip.push(text(20, stripTop, 'Network shape over training (bar height ∝ log(1 + layer width))', { size: 12, weight: 'bold' }));
    const maxW = Math.max(1, ...frameIdx.flatMap((k) => entries[k].layerWidths!));
    frameIdx.forEach((k, f) => strip.push(shapeFrame(entries[k], 20 + f * (fw + 12), stripTop + 12, fw, fh, maxW)));
  }
  const stripH = frameIdx.length ? fh + 30 : 0;
  const nh = notesHeight(notes, width - 40);
  const height = Math.ceil(stripTop + stripH + nh + 10);
  const last = entries[entries.length - 1];
  const sub = last
    ? `${entries.length} timeline entries · last epoch ${last.epoch}: widths ${last.layerWidths ? last.layerWidths.join('-') : 'n/a'}${last.strictMlp ? ' (strict MLP)' : ''}`
    : 'no timeline in this run';
  const plots: Record<string, Rect> = {
    widths: { x: left, y: top, width: pw, height: ph },
    counts: { x: left + pw + gap, y: top, width: pw, height: ph },
  };
  const body = [titleBlock('Structure over training', sub, 20), a.svg, b.svg, ...strip];
  return finishFigure({ name: 'timeline', title: 'Structure timeline', width, height, body, notes, plots });
}

/** An empty panel with a message in place of a plot. */
function placeholder(title: string, line1: string, line2: string, x: number, y: number, w: number, h: number): { svg: string; height: number } {
  return {
    svg: [
      text(x, y - 10, title, { size: 12, weight: 'bold' }),
      `<rect ${attrs({ x, y, width: w, height: h, fill: '#fafafa', stroke: '#ccc', 'stroke-dasharray': '4 3' })}/>`,
      text(x + w / 2, y + h / 2 - 8, line1, { size: 12, anchor: 'middle', fill: '#555' }),
      text(x + w / 2, y + h / 2 + 12, line2, { size: 11, anchor: 'middle', fill: '#777' }),
    ].join('\n'),
    height: h,
  };
}
