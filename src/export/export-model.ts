import { statSync } from 'node:fs';
import { ConfigError, prefix } from '../errors.js';
import { pruneSnapshot } from '../topology/prune.js';
import { analyzePruned } from '../topology/analyze-pruned.js';
import { chooseThreshold, type ThresholdOptions } from './threshold.js';
import { toReplay } from './replay.js';
import { toLayered } from './layered.js';
import { verify } from './verify.js';
import { writeExport, type ExportFormat } from './write.js';
import type { Certificate, SparseModel } from '../core/sparse-model.js';
import type { Snapshot } from '../core/snapshot.js';
import type { Split } from '../data/dataset.js';
import { meetsRule } from './certify.js';

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
 * const r = await exportModel(snapshot, data.test, { out: 'model.urn', threshold: 'auto' });
 * ```
 */
export async function exportModel(
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
    /** Progress of the search for 'auto' (see `chooseThreshold`). */
    onTrial?: ThresholdOptions['onTrial'];
  },
): Promise<ExportResult> {
  const tolerance = o.tolerance ?? EXPORT_DEFAULTS.tolerance;
  const minAgreement = o.minAgreement ?? EXPORT_DEFAULTS.minAgreement;
  const form = o.format === 'onnx' || o.format === 'tfjs' ? 'layered' : (o.form ?? 'layered');
  const data = { x: test.x, n: test.n, y: test.y };
  let model: SparseModel;
  let certificate: Certificate;
  if (o.threshold === 'auto') {
    const r = await chooseThreshold(snapshot, data, { tolerance, minAgreement, form, synthetic: EXPORT_DEFAULTS.synthetic, onTrial: o.onTrial });
    if (!r.ok) throw new ConfigError(where(`${r.reason} Nothing was written.`));
    model = r.model;
    certificate = r.certificate;
  } else {
    const replay = toReplay(snapshot, o.threshold);
    model = form === 'layered' ? toLayered(replay) : replay;
    certificate = await verify(model, snapshot, data, { synthetic: EXPORT_DEFAULTS.synthetic });
    model.certificate = certificate;
  }
  const withinTolerance = meetsRule(certificate, { measure: 'relative', tolerance, minAgreement });
  if (!withinTolerance && !o.force) {
    throw new ConfigError(
      where(
        `threshold ${certificate.threshold} gives max relative logit error ${certificate.maxRelError.toExponential(2)} ` +
          `(tolerance ${tolerance}) and argmax agreement ${certificate.argmaxAgreement} (needed ${minAgreement}). ` +
          'Nothing was written: lower the threshold, use --threshold auto, or pass --force.',
      ),
    );
  }
  // From the typed arrays, as `analyze(compile(…))` would give it, at any size (no graph is built).
  model.topology = analyzePruned(pruneSnapshot(snapshot, { threshold: model.threshold }));
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
