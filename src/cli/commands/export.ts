import type { Command } from 'commander';
import { ConfigError, prefix } from '../../errors.js';
import { compile } from '../../topology/compile.js';
import { analyze } from '../../topology/analyze.js';
import { chooseThreshold } from '../../export/threshold.js';
import { toReplay } from '../../export/replay.js';
import { toLayered } from '../../export/layered.js';
import { verify } from '../../export/verify.js';
import { writeExport, EXPORT_FORMATS, type ExportFormat } from '../../export/write.js';
import type { Certificate, SparseModel } from '../../core/sparse-model.js';
import type { Snapshot } from '../../core/snapshot.js';
import type { Split } from '../../data/dataset.js';
import { loadRun } from '../load-run.js';
import { num } from '../parse.js';

/** Defaults of `urn export`: argmax agreement 100% and max relative logit error 1e-2. */
export const EXPORT_DEFAULTS = { tolerance: 1e-2, minAgreement: 1, synthetic: 1000 };

/** What an export produced. */
export interface ExportResult {
  path: string;
  form: SparseModel['form'];
  threshold: number;
  certificate: Certificate;
  bytes: number;
  /** Bytes of the dense float32 W and b of the network as it was created (before compaction). */
  denseBytes: number;
  /** The same for the dense network exported from (after any compaction). */
  compactedDenseBytes: number;
  /** Whether the certificate meets the tolerance and agreement asked for. */
  withinTolerance: boolean;
}

const where = prefix('export');

/**
 * Export a snapshot as a certified sparse model file: pick the threshold (given, or the largest
 * whose certificate stays within tolerance on the held-out data plus samples around it), build
 * the form, attach the topology report and certificate, and write the file atomically. A model
 * that misses the tolerance is not written unless `force` is set.
 *
 * ```ts
 * const r = exportModel(snapshot, data.test, { out: 'model.urn', threshold: 'auto' });
 * ```
 */
export function exportModel(
  snapshot: Snapshot,
  test: Split,
  o: {
    out: string;
    threshold: number | 'auto';
    tolerance?: number;
    minAgreement?: number;
    form?: SparseModel['form'];
    /** File format: the model file (default), ONNX, or a tfjs graph model folder. */
    format?: ExportFormat;
    force?: boolean;
    /** S of the network before compaction, for the size comparison. */
    originalS?: number;
  },
): ExportResult {
  const tolerance = o.tolerance ?? EXPORT_DEFAULTS.tolerance;
  const minAgreement = o.minAgreement ?? EXPORT_DEFAULTS.minAgreement;
  const form = o.format === 'onnx' || o.format === 'tfjs' ? 'layered' : (o.form ?? 'layered');
  const data = { x: test.x, n: test.n, y: test.y };
  let model: SparseModel;
  let certificate: Certificate;
  if (o.threshold === 'auto') {
    const r = chooseThreshold(snapshot, data, { tolerance, minAgreement, form, synthetic: EXPORT_DEFAULTS.synthetic });
    if (!r.ok) throw new ConfigError(where(`${r.reason} Nothing was written.`));
    model = r.model;
    certificate = r.certificate;
  } else {
    const replay = toReplay(snapshot, o.threshold);
    model = form === 'layered' ? toLayered(replay) : replay;
    certificate = verify(model, snapshot, data, { synthetic: EXPORT_DEFAULTS.synthetic });
    model.certificate = certificate;
  }
  const withinTolerance = certificate.maxRelError <= tolerance && certificate.argmaxAgreement >= minAgreement;
  if (!withinTolerance && !o.force) {
    throw new ConfigError(
      where(
        `threshold ${certificate.threshold} gives max relative logit error ${certificate.maxRelError.toExponential(2)} ` +
          `(tolerance ${tolerance}) and argmax agreement ${certificate.argmaxAgreement} (needed ${minAgreement}). ` +
          'Nothing was written: lower the threshold, use --threshold auto, or pass --force.',
      ),
    );
  }
  try {
    model.topology = analyze(compile(snapshot, { threshold: model.threshold }));
  } catch {
    model.topology = undefined; // too many edges for a graph: the model is still exact
  }
  const bytes = writeExport(o.out, model, o.format ?? 'urn');
  const { S } = snapshot.config;
  const S0 = o.originalS ?? S;
  return {
    path: o.out,
    form: model.form,
    threshold: model.threshold,
    certificate,
    bytes,
    denseBytes: 4 * (S0 * S0 + S0),
    compactedDenseBytes: 4 * (S * S + S),
    withinTolerance,
  };
}

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
      const r = exportModel(snapshot, data.test, { ...o, threshold, originalS });
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
