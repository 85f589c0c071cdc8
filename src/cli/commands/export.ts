import type { Command } from 'commander';
import { ConfigError, prefix } from '../../errors.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../export/write.js';
import { exportModel, EXPORT_DEFAULTS, type ExportResult } from '../../export/export-model.js';
import type { Certificate, SparseModel } from '../../core/sparse-model.js';
import { loadRun } from '../../train/load-run.js';
import { num } from '../parse.js';
import { createSearchProgress } from '../progress.js';

const where = prefix('export');

export { exportModel, EXPORT_DEFAULTS, type ExportResult };

/**
 * "file vs dense" sizes in words; a file larger than the dense W and b says so plainly, and
 * after an L1-subgradient run (few exact zeros) suggests `--l1 proximal`.
 */
export function sizeLine(r: ExportResult, l1?: string): string {
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
  const compacted = r.compactedDenseBytes !== r.denseBytes ? `, ${kb(r.compactedDenseBytes)} after compaction` : '';
  const base = `${kb(r.bytes)} file vs ${kb(r.denseBytes)} dense W and b`;
  if (r.bytes <= r.denseBytes) return `${base} (${(r.denseBytes / r.bytes).toFixed(1)}× smaller${compacted})`;
  const hint = l1 === 'subgradient' ? ' L1 subgradient training leaves few exact zeros: train with --l1 proximal for a sparse file.' : ' Raise --threshold or train with stronger --cW.';
  return `${base}: the file is ${(r.bytes / r.denseBytes).toFixed(1)}× LARGER than the dense network${compacted}.${hint}`;
}

/** Human lines of a certificate. */
export function certificateLines(c: Certificate): string[] {
  const acc = (v?: number) => (v === undefined ? '-' : `${(100 * v).toFixed(2)}%`);
  return [
    `certificate  ${c.samples} samples (${c.heldOut} held out + ${c.synthetic} around the data, seed ${c.seed}), form ${c.form}`,
    `             max |Δlogit| ${c.maxAbsError.toExponential(2)}, max relative ${c.maxRelError.toExponential(2)}, argmax agreement ${acc(c.argmaxAgreement)}`,
    `             accuracy dense ${acc(c.accuracyDense)}, sparse ${acc(c.accuracySparse)}; synapses kept ${c.keptSynapses} of ${c.denseSynapses}, threshold ${c.threshold.toPrecision(3)}`,
  ];
}

/** Register `urn export`. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Export the trained network as a compact sparse model, verified against the dense URN.')
    .argument('<run>', 'run directory or checkpoint file')
    .requiredOption('--out <file>', 'model file to write (e.g. model.urn)')
    .option('--threshold <t>', "drop synapses with |W| ≤ t, or 'auto': the largest t within tolerance", 'auto')
    .option('--tolerance <x>', 'max relative logit error allowed', num, EXPORT_DEFAULTS.tolerance)
    .option('--min-agreement <x>', 'min argmax agreement allowed', num, EXPORT_DEFAULTS.minAgreement)
    .option('--form <form>', 'layered (one pass per layer) | replay (the URN dynamics on kept synapses)', 'layered')
    .option('--format <format>', `file format: ${EXPORT_FORMATS.join(' | ')} (onnx and tfjs hold the layered form; tfjs writes a folder)`, 'urn')
    .option('--force', 'write even when the certificate misses the tolerance')
    .option('--json', 'print the result as JSON')
    .action(async (path: string, o: { out: string; threshold: string; tolerance: number; minAgreement: number; form: SparseModel['form']; format: ExportFormat; force?: boolean; json?: boolean }) => {
      const threshold = o.threshold === 'auto' ? 'auto' : Number(o.threshold);
      if (threshold !== 'auto' && !(threshold >= 0)) throw new ConfigError(where(`--threshold must be a number ≥ 0 or 'auto', got '${o.threshold}'.`));
      if (o.form !== 'layered' && o.form !== 'replay') throw new ConfigError(where(`--form must be layered or replay, got '${o.form}'.`));
      if (!EXPORT_FORMATS.includes(o.format)) throw new ConfigError(where(`--format must be ${EXPORT_FORMATS.join(', ')}, got '${o.format}'.`));
      if (o.format !== 'urn' && o.form !== 'layered') throw new ConfigError(where(`--format ${o.format} holds the layered form only. Drop --form ${o.form}.`));
      const { snapshot, data, checkpoint } = await loadRun(path, { activity: true });
      if (!data) throw new ConfigError(where(`${path} does not say which data it was trained on, so nothing can certify the export.`));
      const originalS = typeof checkpoint.train.originalS === 'number' ? checkpoint.train.originalS : undefined;
      const progress = createSearchProgress({ quiet: Boolean(o.json) });
      const r = await exportModel(snapshot, data.test, { ...o, threshold, originalS, onTrial: progress.onTrial }).finally(() => progress.stop());
      if (o.json) {
        process.stdout.write(`${JSON.stringify(r)}\n`);
        return;
      }
      process.stdout.write(
        [
          `wrote        ${r.path} (${o.format === 'urn' ? '' : `${o.format}, `}${r.form} form)`,
          `size         ${sizeLine(r, (checkpoint.train.options as { l1?: string } | undefined)?.l1)}`,
          ...certificateLines(r.certificate),
          r.withinTolerance ? '' : 'WARNING      the certificate misses the tolerance (written because of --force)',
        ]
          .filter(Boolean)
          .join('\n') + '\n',
      );
    });
}
