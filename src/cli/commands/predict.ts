import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DataFormatError, prefix } from '../../errors.js';
import { readModel } from '../../format/file.js';
import { predict } from '../../runtime/predict.js';

const where = prefix('predict');

/**
 * Read inputs for `urn predict`: a JSON array of rows (or `{ "x": rows }`), or CSV with one row
 * per line (a non-numeric first line is taken as a header). Every row must have `dIn` values.
 *
 * ```ts
 * const { x, n } = readInputs('inputs.csv', 10);
 * ```
 */
export function readInputs(file: string, dIn: number): { x: Float32Array; n: number } {
  const text = readFileSync(file, 'utf8');
  let rows: unknown[];
  if (file.endsWith('.json') || /^\s*[[{]/.test(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new DataFormatError(where(`${file} is not valid JSON (${(e as Error).message}).`));
    }
    const r = Array.isArray(parsed) ? parsed : (parsed as { x?: unknown })?.x;
    if (!Array.isArray(r)) throw new DataFormatError(where(`${file}: expected an array of rows or { "x": rows }.`));
    rows = r;
    if (rows.length && !Array.isArray(rows[0])) rows = [rows];
  } else {
    const lines = text.split(/\r?\n/).filter((l) => l.trim());
    if (lines.length && lines[0].split(',').some((c) => c.trim() !== '' && !Number.isFinite(Number(c)))) lines.shift();
    rows = lines.map((l) => l.split(',').map((c) => Number(c)));
  }
  const x = new Float32Array(rows.length * dIn);
  rows.forEach((row, k) => {
    if (!Array.isArray(row) || row.length !== dIn) {
      throw new DataFormatError(where(`${file}: row ${k + 1} has ${Array.isArray(row) ? row.length : 'no'} values; the model takes ${dIn}.`));
    }
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new DataFormatError(where(`${file}: row ${k + 1}, column ${j + 1} is not a finite number.`));
      x[k * dIn + j] = v;
    });
  });
  return { x, n: rows.length };
}

/** Register `urn predict`. */
export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('Run an exported model on inputs (no TensorFlow.js involved).')
    .argument('<model>', 'model file written by urn export')
    .requiredOption('--input <file>', 'inputs: JSON rows or CSV')
    .option('--json', 'print { logits, classes } as JSON')
    .action((path: string, o: { input: string; json?: boolean }) => {
      const model = readModel(path);
      const { dIn, dOut } = model.config;
      const { x, n } = readInputs(o.input, dIn);
      const logits = predict(model, x, n);
      const out = Array.from({ length: n }, (_, s) => Array.from(logits.subarray(s * dOut, (s + 1) * dOut)));
      const classes = out.map((l) => (dOut === 1 ? (l[0] > 0 ? 1 : 0) : l.indexOf(Math.max(...l))));
      if (o.json) process.stdout.write(`${JSON.stringify({ logits: out, classes })}\n`);
      else process.stdout.write(`${out.map((l, s) => `${s}\tclass ${classes[s]}\tlogits ${l.map((v) => v.toPrecision(5)).join(' ')}`).join('\n')}\n`);
    });
}
