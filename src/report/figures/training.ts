import type { EpochMetrics } from '../../run/metrics.js';
import { CATEGORICAL } from '../colors.js';
import { finishFigure, type Figure, type Rect } from '../figure.js';
import { linePanel, type LinePanel } from '../svg/line-panel.js';

import { notesHeight } from '../svg/notes.js';
import { TITLE_HEIGHT, titleBlock } from '../svg/title.js';

/** Colour of compaction markers. */
export const COMPACTION_COLOR = '#b8860b';

/**
 * Epochs at the end of which compaction dropped neurons: those with a `compacted` field, or
 * whose `neurons` differs from the previous epoch's.
 *
 * ```ts
 * compactionEpochs(readMetrics('runs/a')); // e.g. [10, 20]
 * ```
 */
export function compactionEpochs(history: EpochMetrics[]): number[] {
  const out: number[] = [];
  history.forEach((m, k) => {
    const prev = history[k - 1];
    if (m.compacted || (prev && prev.neurons !== m.neurons && !prev.compacted)) out.push(m.compacted ? m.epoch : prev.epoch);
  });
  return [...new Set(out)].sort((a, b) => a - b);
}

/**
 * Training curves from `metrics.jsonl`: each loss term (log scale), train and test accuracy,
 * and active neurons with the current S, compactions marked as dashed lines.
 *
 * ```ts
 * const fig = trainingFigure(readMetrics('runs/a'));
 * ```
 */
export function trainingFigure(history: EpochMetrics[]): Figure {
  const ep = history.map((m) => m.epoch);
  const series = (key: keyof EpochMetrics) => history.map((m, k): [number, number | null] => [ep[k], (m[key] as number | null) ?? null]);
  const compactions = compactionEpochs(history);
  const markers = { x: compactions, label: 'compaction', color: COMPACTION_COLOR };
  const terms: [keyof EpochMetrics, string][] = [
    ['loss', 'total loss'],
    ['crossEntropy', 'cross-entropy'],
    ['weightTerm', 'weight term (c_W)'],
    ['activityTerm', 'activity term (c_N)'],
    ['lengthTerm', 'length term (c_syn)'],
  ];
  const shown = terms.filter(([k]) => history.some((m) => typeof m[k] === 'number' && (m[k] as number) > 0));
  const panels: LinePanel[] = [
    {
      title: 'Loss terms',
      xLabel: 'epoch',
      yLabel: 'loss (log scale)',
      yScale: 'log',
      series: shown.map(([k, label], i) => ({ label, color: CATEGORICAL[i], points: series(k), dashed: k === 'loss' })),
      markers,
    },
    {
      title: 'Accuracy',
      xLabel: 'epoch',
      yLabel: 'accuracy',
      yScale: 'linear',
      yDomain: [accuracyFloor(history), 1],
      series: [
        { label: 'train', color: CATEGORICAL[0], points: series('trainAccuracy') },
        { label: 'test', color: CATEGORICAL[1], points: series('testAccuracy') },
      ],
      markers,
    },
    {
      title: 'Neurons',
      xLabel: 'epoch',
      yLabel: 'neurons',
      yScale: 'linear',
      series: [
        { label: 'active neurons', color: CATEGORICAL[2], points: series('activeNeurons') },
        { label: 'S (after compaction)', color: '#555', points: series('neurons'), dashed: true, step: true },
      ],
      markers,
    },
  ];
  const notes: string[] = [];
  if (!history.length) notes.push('metrics.jsonl is empty or missing: nothing to plot.');
  if (compactions.length) notes.push(compactionNote(history, compactions));
  const pw = 300;
  const ph = 220;
  const gap = 100;
  const left = 80;
  const top = TITLE_HEIGHT + 30;
  const width = Math.ceil(left + panels.length * pw + (panels.length - 1) * gap + 40);
  const blocks = panels.map((p, k) => linePanel(p, left + k * (pw + gap), top, pw, ph));
  const used = Math.max(...blocks.map((b) => b.height));
  const nh = notesHeight(notes, width - 40);
  const height = Math.ceil(top + used + 16 + nh);
  const last = history[history.length - 1];
  const sub = last
    ? `${history.length} epochs · final test accuracy ${last.testAccuracy ?? '–'} · ${last.activeNeurons ?? '–'} of ${last.neurons} neurons active`
    : 'no epochs recorded';
  const plots: Record<string, Rect> = {};
  panels.forEach((p, k) => (plots[['loss', 'accuracy', 'neurons'][k]] = { x: left + k * (pw + gap), y: top, width: pw, height: ph }));
  const body = [titleBlock('Training curves', sub, 20), ...blocks.map((b) => b.svg)];
  return finishFigure({ name: 'training', title: 'Training curves', width, height, body, notes, notesY: top + used + 10, plots });
}

/** Lower end of the accuracy axis: the lowest accuracy rounded down to a tenth (0 without data). */
function accuracyFloor(history: EpochMetrics[]): number {
  const v = history.flatMap((m) => [m.trainAccuracy, m.testAccuracy]).filter((a): a is number => typeof a === 'number');
  return v.length ? Math.max(0, Math.floor(Math.min(...v) * 10 - 1e-9) / 10) : 0;
}

/**
 * One line about the compactions of a run: each one when there are few, else a summary.
 *
 * ```ts
 * compactionNote(history, compactionEpochs(history)); // 'compaction dropped dead neurons (epoch 4: S 500 → 200).'
 * ```
 */
export function compactionNote(history: EpochMetrics[], epochs: number[]): string {
  const c = history.filter((m) => m.compacted);
  if (c.length && c.length <= 4) return `compaction dropped dead neurons (${c.map((m) => `epoch ${m.epoch}: S ${m.compacted!.from} → ${m.compacted!.to}`).join('; ')}).`;
  if (c.length) {
    return `compaction dropped dead neurons ${c.length} times between epochs ${c[0].epoch} and ${c[c.length - 1].epoch}: S ${c[0].compacted!.from} → ${c[c.length - 1].compacted!.to}.`;
  }
  return `compaction dropped dead neurons after epochs ${epochs.join(', ')}.`;
}
