import type { TimelineEntry } from '../../topology/timeline.js';
import { finishFigure, type Figure } from '../figure.js';
import { swatchLegend } from '../svg/legend.js';
import { layerColor, layerLabel } from '../svg/layer-strip.js';

import { notesHeight } from '../svg/notes.js';
import { shapeFrame } from '../svg/shape-frame.js';
import { TITLE_HEIGHT, titleBlock } from '../svg/title.js';
import { pickFrames } from './timeline.js';
import { fixed } from '../fmt.js';

/** Options of `timelineAnimation`. */
export interface TimelineAnimationOptions {
  /** Seconds each frame is shown. */
  frameSeconds: number;
  /** Most frames (evenly spaced epochs, first and last kept). */
  maxFrames: number;
}

/** Defaults of `timelineAnimation`. */
export const TIMELINE_ANIMATION_DEFAULTS: TimelineAnimationOptions = { frameSeconds: 0.6, maxFrames: 60 };


/**
 * The network's shape over training as an animated SVG (SMIL, looping): one bar per layer,
 * height ∝ log(1 + width), one frame per timeline epoch. Renderers without animation (and the
 * PNG) show the last epoch.
 *
 * ```ts
 * writeFigure(timelineAnimation(readTimeline('runs/a')), 'runs/a/report/figures');
 * ```
 */
export function timelineAnimation(entries: TimelineEntry[], options: Partial<TimelineAnimationOptions> = {}): Figure {
  const o = { ...TIMELINE_ANIMATION_DEFAULTS, ...options };
  const withWidths = entries.filter((e) => e.layerWidths);
  const frames = pickFrames(withWidths.length, o.maxFrames).map((k) => withWidths[k]);
  const n = frames.length;
  const depth = Math.max(0, ...frames.map((e) => e.layerWidths!.length));
  const maxW = Math.max(1, ...frames.flatMap((e) => e.layerWidths!));
  const notes = [
    n ? `animated SVG: ${n} epochs, ${o.frameSeconds} s each, looping; the PNG and renderers without SMIL show epoch ${frames[n - 1].epoch}.` : 'no timeline entry with layer widths: nothing to animate.',
  ];
  const fx = 20;
  const fy = TITLE_HEIGHT + 16;
  const fw = Math.max(360, 90 * depth);
  const fh = 260;
  const legend = swatchLegend(
    Array.from({ length: depth }, (_, l) => ({ label: layerLabel(l), color: layerColor(l), shape: 'rect' as const })),
    fx + fw + 16,
    fy,
    { title: 'layer' },
  );
  const width = Math.ceil(fx + fw + 16 + legend.width + 20);
  const nh = notesHeight(notes, width - 40);
  const height = Math.ceil(Math.max(fy + fh, fy + legend.height) + 12 + nh);
  const dur = `${fixed(n * o.frameSeconds)}s`;
  const body = [titleBlock('Network shape over training', 'bar height ∝ log(1 + layer width) · one frame per recorded epoch', 20)];
  frames.forEach((e, k) => {
    const last = k === n - 1;
    let anim = '';
    if (n > 1) {
      const [values, times] =
        k === 0 ? ['visible;hidden', `0;${fixed(1 / n)}`] : last ? ['hidden;visible', `0;${fixed(k / n)}`] : ['hidden;visible;hidden', `0;${fixed(k / n)};${fixed((k + 1) / n)}`];
      anim = `<animate attributeName="visibility" values="${values}" keyTimes="${times}" calcMode="discrete" dur="${dur}" repeatCount="indefinite"/>`;
    }
    body.push(`<g visibility="${last ? 'visible' : 'hidden'}">${anim}\n${shapeFrame(e, fx, fy, fw, fh, maxW, 13)}</g>`);
  });
  body.push(legend.svg);
  return finishFigure({ name: 'timeline-animated', title: 'Network shape over training (animated)', width, height, body, notes, plots: { main: { x: fx, y: fy, width: fw, height: fh } } });
}
