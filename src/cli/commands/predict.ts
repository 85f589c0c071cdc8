import type { Command } from 'commander';
import { readModel } from '../../runtime/read-model.js';
import { predict } from '../../runtime/predict.js';
import { predictedClass } from '../../runtime/compare.js';
import { readInputs } from '../../data/inputs.js';

/** Register `urn predict`. */
export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('Run an exported model on inputs (no TensorFlow.js involved).')
    .argument('<model>', 'model file written by urn export')
    .requiredOption('--input <file>', "inputs: CSV (one row per line) or JSON rows; '-' reads standard input")
    .option('--header', "the CSV's first line names the columns (skip it)")
    .option('--json', 'print { logits, classes } as JSON')
    .action((path: string, o: { input: string; header?: boolean; json?: boolean }) => {
      const model = readModel(path);
      const { dIn, dOut } = model.config;
      const { x, n } = readInputs(o.input, dIn, { header: o.header ?? false });
      const logits = predict(model, x, n);
      const out = Array.from({ length: n }, (_, s) => Array.from(logits.subarray(s * dOut, (s + 1) * dOut)));
      const classes = out.map((_, s) => predictedClass(logits, s, dOut));
      if (o.json) process.stdout.write(`${JSON.stringify({ logits: out, classes })}\n`);
      else process.stdout.write(`${out.map((l, s) => `${s}\tclass ${classes[s]}\tlogits ${l.map((v) => v.toPrecision(5)).join(' ')}`).join('\n')}\n`);
    });
}
