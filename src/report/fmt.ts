import { formatLocale } from 'd3-format';

// d3-format's default minus is U+2212; SVG text and HTML tables here keep the ASCII hyphen.
const locale = formatLocale({ decimal: '.', thousands: ',', grouping: [3], currency: ['', ''], minus: '-' });
const cache = new Map<string, (v: number) => string>();
const formatter = (spec: string): ((v: number) => string) => {
  let f = cache.get(spec);
  if (!f) cache.set(spec, (f = locale.format(spec)));
  return f;
};

/**
 * A number as figures and tables print it: '–' when absent, integers as they are, others to
 * `digits` significant digits without trailing zeros, in exponent form outside [0.01, 1000).
 *
 * ```ts
 * fmt(0.123456); // '0.1235'
 * fmt(3.2e-5, 2); // '3.2e-5'
 * fmt(null); // '–'
 * ```
 */
export function fmt(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined) return '–';
  if (Number.isInteger(v) || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a >= 0.01 && a < 1000 ? formatter(`.${digits}~r`)(v) : formatter(`.${Math.max(0, digits - 1)}~e`)(v);
}

/**
 * A fraction of a unit with at most `decimals` decimals, trailing zeros dropped (SMIL key times).
 *
 * ```ts
 * fixed(1 / 3); // '0.3333'
 * ```
 */
export function fixed(v: number, decimals = 4): string {
  return formatter(`.${decimals}~f`)(v);
}
