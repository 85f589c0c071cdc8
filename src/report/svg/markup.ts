/** Font stack of every figure; DejaVu Sans is what the PNG renderer finds on Debian. */
export const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

/**
 * Escape text for XML content and attribute values.
 *
 * ```ts
 * esc('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 * ```
 */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A coordinate as short text: at most two decimals, no trailing zeros, never `NaN`.
 *
 * ```ts
 * num(1.23456); // '1.23'
 * ```
 */
export function num(v: number): string {
  if (!Number.isFinite(v)) return '0';
  return String(Math.round(v * 100) / 100);
}

/**
 * Attributes as `k="v"` pairs (numbers through `num`, strings escaped); undefined values are left out.
 *
 * ```ts
 * attrs({ x: 1.234, fill: 'red', stroke: undefined }); // 'x="1.23" fill="red"'
 * ```
 */
export function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}="${typeof v === 'number' ? num(v) : esc(v as string)}"`)
    .join(' ');
}

/** Options of `text`. */
export interface TextOptions {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  weight?: 'normal' | 'bold';
  fill?: string;
  /** Rotation in degrees about (x, y). */
  rotate?: number;
  /** Vertical alignment; resvg honours `dominant-baseline` only partly, so this shifts y. */
  baseline?: 'alphabetic' | 'middle' | 'hanging';
  italic?: boolean;
}

/**
 * A `<text>` element; `baseline` is applied as a y shift so it renders the same everywhere.
 *
 * ```ts
 * text(10, 20, 'epoch', { size: 12, anchor: 'middle' });
 * ```
 */
export function text(x: number, y: number, s: string, o: TextOptions = {}): string {
  const size = o.size ?? 12;
  const dy = o.baseline === 'middle' ? size * 0.35 : o.baseline === 'hanging' ? size * 0.8 : 0;
  const rot = o.rotate ? `rotate(${num(o.rotate)} ${num(x)} ${num(y)})` : undefined;
  return `<text ${attrs({
    x,
    y: y + (o.rotate ? 0 : dy),
    dy: o.rotate ? dy : undefined,
    'font-size': size,
    'text-anchor': o.anchor ?? 'start',
    'font-weight': o.weight === 'bold' ? 'bold' : undefined,
    'font-style': o.italic ? 'italic' : undefined,
    fill: o.fill ?? '#222',
    transform: rot,
  })}>${esc(s)}</text>`;
}

/**
 * Approximate width of a string in the figure font (DejaVu Sans averages about 0.6 em a glyph).
 *
 * ```ts
 * textWidth('epoch', 12); // ≈ 36
 * ```
 */
export function textWidth(s: string, size: number): number {
  return s.length * size * 0.6;
}

/**
 * A whole SVG document: white background, the figure font, and the body.
 *
 * ```ts
 * const svg = svgDocument(400, 300, text(10, 20, 'hello'));
 * ```
 */
export function svgDocument(width: number, height: number, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${esc(FONT)}">`,
    `<rect x="0" y="0" width="${num(width)}" height="${num(height)}" fill="#ffffff"/>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}
