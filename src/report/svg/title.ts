import { text } from './markup.js';

/** Height the title block takes at the top of a figure. */
export const TITLE_HEIGHT = 50;

/**
 * A figure title (bold) and a grey subtitle under it, left-aligned at x.
 *
 * ```ts
 * titleBlock('Activity', 'mean |N| over 1000 samples', 20);
 * ```
 */
export function titleBlock(title: string, subtitle: string, x: number): string {
  return [text(x, 22, title, { size: 15, weight: 'bold' }), subtitle ? text(x, 40, subtitle, { size: 11, fill: '#555' }) : ''].join('\n');
}
