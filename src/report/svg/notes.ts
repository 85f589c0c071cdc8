import { text } from './markup.js';

/**
 * Greedy word wrap to a maximum number of characters a line.
 *
 * ```ts
 * wrap('a long note about downsampling', 10); // ['a long', 'note about', 'downsampling']
 * ```
 */
export function wrap(s: string, maxChars: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of s.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/**
 * Line height of notes at font size `size`.
 *
 * ```ts
 * noteLineHeight(11); // 15
 * ```
 */
export const noteLineHeight = (size: number): number => size + 4;

/**
 * Figure notes (downsampling, truncation, missing data) as wrapped grey lines from (x, y) down;
 * returns the markup and the height used.
 *
 * ```ts
 * const { svg, height } = notesBlock(['rows aggregated 4:1'], 20, 500, 560);
 * ```
 */
export function notesBlock(notes: string[], x: number, y: number, width: number, size = 11): { svg: string; height: number } {
  const lines = notes.flatMap((n) => wrap(`Note: ${n}`, Math.max(20, Math.floor(width / (size * 0.6)))));
  const lh = noteLineHeight(size);
  return {
    svg: lines.map((l, k) => text(x, y + size + k * lh, l, { size, fill: '#555', italic: true })).join('\n'),
    height: lines.length ? lines.length * lh + 4 : 0,
  };
}

/**
 * Height `notesBlock` will take, for laying a figure out before drawing it.
 *
 * ```ts
 * const h = notesHeight(['rows aggregated 4:1'], 560);
 * ```
 */
export function notesHeight(notes: string[], width: number, size = 11): number {
  return notesBlock(notes, 0, 0, width, size).height;
}
