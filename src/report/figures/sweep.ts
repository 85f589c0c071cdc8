import type { PointAggregate, Stat } from '../../sweep/aggregate.js';
import { CATEGORICAL } from '../colors.js';
import type { Figure, Rect } from '../figure.js';
import { linePanel, type LinePanel, type Series } from '../svg/line-panel.js';
import { svgDocument } from '../svg/markup.js';
import { notesBlock, notesHeight } from '../svg/notes.js';
import { TITLE_HEIGHT, titleBlock } from '../svg/title.js';

function series(label: string, color: string, stats: (Stat | null)[], scale = 1): Series {
  return {
    label,
    color,
    points: stats.map((s, k) => [k, s ? s.mean * scale : null]),
    errors: stats.map((s) => (s ? s.std * scale : null)),
  };
}

/**
 * A sweep's metrics against its points, mean ± std over seeds as error bars: test accuracy, active
 * neurons with the width of each hidden layer, and training wall time. One x tick per point,
 * labelled with the values it sets.
 *
 * ```ts
 * const fig = sweepFigure(aggregateSweep(points, results), 'cN sweep');
 * writeFigure(fig, 'runs/cn/report');
 * ```
 */
export function sweepFigure(rows: PointAggregate[], title = 'Sweep'): Figure {
  const xTicks = rows.map((r, k) => ({ value: k, label: r.point.label }));
  const xDomain: [number, number] = [-0.5, Math.max(0.5, rows.length - 0.5)];
  const xLabel = [...new Set(rows.flatMap((r) => Object.keys(r.point.params)))].join(', ') || 'point';
  const depth = Math.max(0, ...rows.map((r) => r.hiddenWidths.length));
  const panels: LinePanel[] = [
    { title: 'Test accuracy', xLabel, yLabel: 'accuracy (%)', yScale: 'linear', xTicks, xDomain, series: [series('test accuracy', CATEGORICAL[1], rows.map((r) => r.testAccuracy), 100)] },
    {
      title: 'Neurons',
      xLabel,
      yLabel: 'neurons',
      yScale: 'linear',
      xTicks,
      xDomain,
      series: [
        series('active neurons', CATEGORICAL[2], rows.map((r) => r.activeNeurons)),
        ...Array.from({ length: depth }, (_, k) => series(`hidden layer ${k + 1} width`, CATEGORICAL[(k + 3) % CATEGORICAL.length], rows.map((r) => r.hiddenWidths[k] ?? null))),
      ],
    },
    { title: 'Wall time', xLabel, yLabel: 'training seconds', yScale: 'linear', xTicks, xDomain, series: [series('wall time', CATEGORICAL[0], rows.map((r) => r.wallSeconds))] },
  ];
  const seeds = rows.map((r) => r.trials);
  const notes = [`mean ± sample std over ${Math.min(...seeds)}${Math.max(...seeds) > Math.min(...seeds) ? `–${Math.max(...seeds)}` : ''} finished trial(s) per point.`];
  const missing = rows.filter((r) => r.trials === 0).map((r) => r.point.label);
  if (missing.length) notes.push(`no finished trials at: ${missing.join(', ')}.`);
  const pw = Math.max(260, 70 * rows.length);
  const [ph, gap, left, top] = [220, 100, 80, TITLE_HEIGHT + 30];
  const width = Math.ceil(left + panels.length * pw + (panels.length - 1) * gap + 40);
  const blocks = panels.map((p, k) => linePanel(p, left + k * (pw + gap), top, pw, ph));
  const used = Math.max(...blocks.map((b) => b.height));
  const height = Math.ceil(top + used + 16 + notesHeight(notes, width - 40));
  const plots: Record<string, Rect> = {};
  panels.forEach((_, k) => (plots[['accuracy', 'neurons', 'wall'][k]] = { x: left + k * (pw + gap), y: top, width: pw, height: ph }));
  const sub = `${rows.length} point(s) · strict-MLP share ${rows.map((r) => (r.strictMlpShare === null ? '–' : r.strictMlpShare.toFixed(2))).join(', ')}`;
  return {
    name: 'sweep',
    title,
    width,
    height,
    svg: svgDocument(width, height, [titleBlock(title, sub, 20), ...blocks.map((b) => b.svg), notesBlock(notes, 20, top + used + 10, width - 40).svg].join('\n')),
    notes,
    plots,
  };
}
