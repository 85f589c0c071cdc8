import { CATEGORICAL } from '../colors.js';
import type { Figure } from '../figure.js';
import { linePanel } from '../svg/line-panel.js';
import { svgDocument } from '../svg/markup.js';
import { TITLE_HEIGHT, titleBlock } from '../svg/title.js';

/** One run's size over training: (step, hidden neurons) points. */
export interface SizeTrace {
  label: string;
  points: [number, number][];
}

/**
 * Network size over training, one line per run (grown networks: hidden neurons after each
 * evaluation), with optional vertical markers (for example task switches).
 *
 * ```ts
 * const fig = sizeFigure([{ label: 'hard', points: [[100, 3], [200, 7]] }], { title: 'Size over training' });
 * ```
 */
export function sizeFigure(traces: SizeTrace[], o: { title: string; subtitle?: string; xLabel?: string; markers?: { x: number[]; label: string } }): Figure {
  const left = 80;
  const top = TITLE_HEIGHT + 30;
  const pw = 520;
  const ph = 260;
  const panel = linePanel(
    {
      title: 'Hidden neurons',
      xLabel: o.xLabel ?? 'step',
      yLabel: 'hidden neurons',
      yScale: 'linear',
      series: traces.map((t, k) => ({ label: t.label, color: CATEGORICAL[k % CATEGORICAL.length], points: t.points, step: true })),
      ...(o.markers ? { markers: { ...o.markers, color: '#b8860b' } } : {}),
    },
    left,
    top,
    pw,
    ph,
  );
  const width = left + pw + 40;
  const height = Math.ceil(top + panel.height + 16);
  return {
    name: 'size',
    title: o.title,
    width,
    height,
    svg: svgDocument(width, height, [titleBlock(o.title, o.subtitle ?? `${traces.length} run(s)`, 20), panel.svg].join('\n')),
    notes: [],
    plots: { size: { x: left, y: top, width: pw, height: ph } },
  };
}

/**
 * The size figure of one structure run from its metrics (those with a `hidden` field), or null
 * for an ordinary run.
 *
 * ```ts
 * const fig = runSizeFigure(readMetrics('runs/grow'));
 * ```
 */
export function runSizeFigure(history: { epoch: number; hidden?: number; task?: string }[]): Figure | null {
  const pts = history.filter((m) => typeof m.hidden === 'number').map((m): [number, number] => [m.epoch, m.hidden!]);
  if (!pts.length) return null;
  const switches = history.filter((m, k) => k > 0 && m.task !== history[k - 1].task).map((m) => m.epoch);
  return sizeFigure([{ label: 'hidden neurons', points: pts }], {
    title: 'Size over training',
    subtitle: `${pts[pts.length - 1][1]} hidden neurons at step ${pts[pts.length - 1][0]}`,
    ...(switches.length ? { markers: { x: switches, label: 'task switch' } } : {}),
  });
}
