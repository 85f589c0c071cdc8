import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DataFormatError, prefix } from '../errors.js';

const where = prefix('inputs');

/** Options of `parseInputs` and `readInputs`. */
export interface InputOptions {
  /** The CSV's first line is a header and is skipped. Default false: every line is data. */
  header?: boolean;
  /** 'csv', 'json', or 'auto' (JSON when the name ends in .json or the text starts with [ or {). */
  format?: 'csv' | 'json' | 'auto';
}

/** The defaults of `InputOptions`. */
export const INPUT_DEFAULTS: Required<InputOptions> = { header: false, format: 'auto' };

/** A decimal number as people write it: no hex, no empty cell, no NaN or Infinity words. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const F32_MAX = 3.4028234663852886e38;

/** One cell as a float32-finite number, or a `DataFormatError` naming its place. */
function cell(v: unknown, source: string, row: number, col: number): number {
  const at = `${source}: ${row > 0 ? 'line' : 'row'} ${Math.abs(row)}, column ${col}`;
  const x = typeof v === 'number' ? v : typeof v === 'string' && row > 0 && DECIMAL.test(v.trim()) ? Number(v) : NaN;
  if (typeof v === 'string' && v.trim() === '') throw new DataFormatError(where(`${at} is empty. Fill in every value.`));
  if (!Number.isFinite(x)) throw new DataFormatError(where(`${at} is ${JSON.stringify(v)}, not a finite decimal number. Fix the value${row === 1 ? ', or pass --header if the first line names the columns' : ''}.`));
  if (Math.abs(x) > F32_MAX) throw new DataFormatError(where(`${at} is ${x}, beyond float32's range (±3.4e38). Scale the inputs as in training.`));
  return x;
}

/** Rows with their position: a CSV line number (positive) or a JSON row number (negative). */
type Rows = { row: unknown; at: number }[];

function jsonRows(text: string, source: string): Rows {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new DataFormatError(where(`${source} is not valid JSON (${(e as Error).message}). Fix the file or pass CSV.`));
  }
  const r = Array.isArray(parsed) ? parsed : (parsed as { x?: unknown } | null)?.x;
  if (!Array.isArray(r)) throw new DataFormatError(where(`${source}: expected an array of rows or { "x": rows }.`));
  return (r.length && !Array.isArray(r[0]) ? [r] : r).map((row, k) => ({ row, at: -(k + 1) }));
}

function csvRows(text: string, source: string, header: boolean): Rows {
  try {
    const options = { trim: true, skip_empty_lines: true, from_line: header ? 2 : 1, relax_column_count: true, info: true };
    const records = parse(text, options) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map((r) => ({ row: r.record, at: r.info.lines }));
  } catch (e) {
    throw new DataFormatError(where(`${source} is not valid CSV (${(e as Error).message.slice(0, 120)}).`));
  }
}

/**
 * Parse model inputs, CSV (one row per line, via csv-parse) or JSON (`[[...], ...]` or
 * `{ "x": rows }`), into `n×dIn` row-major floats. Every row must hold `dIn` finite decimal
 * numbers within float32's range; empty cells, hex, NaN, a stray header and empty input all raise
 * `DataFormatError` naming the row and column.
 *
 * ```ts
 * const { x, n } = parseInputs('0.1,0.2\n0.3,0.4\n', 2, 'inline');
 * ```
 */
export function parseInputs(text: string, dIn: number, source: string, options: InputOptions = {}): { x: Float32Array; n: number } {
  const o = { ...INPUT_DEFAULTS, ...options };
  const json = o.format === 'json' || (o.format === 'auto' && (source.endsWith('.json') || /^\s*[[{]/.test(text)));
  const rows = json ? jsonRows(text, source) : csvRows(text, source, o.header);
  if (rows.length === 0) throw new DataFormatError(where(`${source} holds no input rows. Pass at least one row of ${dIn} values.`));
  const x = new Float32Array(rows.length * dIn);
  rows.forEach(({ row, at }, k) => {
    if (!Array.isArray(row) || row.length !== dIn) {
      const what = `${at > 0 ? 'line' : 'row'} ${Math.abs(at)}`;
      throw new DataFormatError(where(`${source}: ${what} has ${Array.isArray(row) ? row.length : 'no'} values; the model takes ${dIn}.`));
    }
    row.forEach((v, j) => (x[k * dIn + j] = cell(v, source, at, j + 1)));
  });
  return { x, n: rows.length };
}

/**
 * Read inputs from a file, or from standard input when `file` is `-`; see `parseInputs`.
 *
 * ```ts
 * const { x, n } = readInputs('inputs.csv', model.config.dIn, { header: true });
 * ```
 */
export function readInputs(file: string, dIn: number, options: InputOptions = {}): { x: Float32Array; n: number } {
  const text = readFileSync(file === '-' ? 0 : file, 'utf8');
  return parseInputs(text, dIn, file === '-' ? '<stdin>' : file, options);
}
