import { loadDataSpec, specForModel, type DataSpec } from '../data/spec.js';
import { basename } from 'node:path';
import type { Dataset, Split } from '../data/dataset.js';
import { readModel } from '../runtime/read-model.js';
import type { Certificate } from '../core/sparse-model.js';
import { analyzePruned } from '../topology/analyze-pruned.js';
import { pruneSnapshot } from '../topology/prune.js';
import type { TopologyReport } from '../topology/report.js';
import type { ThresholdRule } from '../core/threshold.js';
import type { TimelineEntry } from '../topology/timeline.js';
import { readRun, type Run } from '../run/read-run.js';
import { holdsRun } from '../run/files.js';
import { gridCoords } from '../core/geometry.js';
import type { EpochMetrics } from '../run/metrics.js';
import type { Snapshot } from '../core/snapshot.js';
import { headOf, measureActivity } from './measure-activity.js';
import { structureFidelity, type FidelityOptions, type StructureFidelity, type StructureThreshold } from '../export/fidelity.js';
import { ConfigError, prefix } from '../errors.js';

const where = prefix('report');

/** What the report says about one `*.urn` model file of the run. */
export interface ModelFileInfo {
  file: string;
  form?: string;
  threshold?: number;
  certificate?: Certificate;
  /** Why the file could not be read. */
  error?: string;
}

/** Everything a report shows, read from a run directory. */
export interface ReportData {
  runDir: string;
  snapshot: Snapshot;
  /** Epochs completed (from the checkpoint), or null for a snapshot given directly. */
  epoch: number | null;
  /** `run.json`, when present. */
  run: Record<string, unknown> | null;
  metrics: EpochMetrics[];
  timeline: TimelineEntry[] | null;
  topology: TopologyReport | null;
  models: ModelFileInfo[];
  /** Where the activity statistics came from, or null when there are none. */
  activity: { samples: number; accuracy: number | null; source: string } | null;
  /** The threshold the topology and figures are shown at: the verified one (a number) or the rule asked for. */
  threshold: ThresholdRule;
  /** How faithful the structure at that threshold is to the dense network (export's certificate). */
  fidelity: StructureFidelity;
  /** Neurons before compaction, when the run compacted its network. */
  compactedFrom: number | null;
  /** Things the reader should know (missing data and why). */
  notes: string[];
}

/** Options of `collectReport`. */
export interface CollectOptions {
  /**
   * Data to measure the activity and certify the structure on: a split (used for both), `null`
   * for none, or undefined to rebuild the run's dataset (from `run.json`) with `loadData`: the
   * activity is then measured on its training split, as `urn analyze` does (so both show the same
   * structure), and the structure certified on its test split.
   */
  data: Split | null | undefined;
  /** Rebuilds a dataset from the run's data description; default: the CLI's `loadDataSpec`. */
  loadData: ((spec: unknown) => Dataset | Promise<Dataset>) | undefined;
  /** Most samples (the first ones) to measure the activity on; default all, as `urn analyze`. */
  sample: number;
  /** Synapse threshold of the emergent network (topology report, connectome): `'verified'` (the largest that `urn export` certifies) or a rule. */
  threshold: StructureThreshold;
  /** Use this snapshot instead of the run's checkpoint (its activity, if any, is kept). */
  snapshot: Snapshot | undefined;
  /** Progress of the search for `'verified'` (see `chooseThreshold`). */
  onTrial: FidelityOptions['onTrial'];
}

/** Defaults of `collectReport`. */
export const COLLECT_DEFAULTS: CollectOptions = { data: undefined, loadData: undefined, sample: Infinity, threshold: 'verified', snapshot: undefined, onTrial: undefined };

async function defaultLoadData(spec: unknown): Promise<Dataset> {
  return loadDataSpec(spec as DataSpec);
}

const EMPTY = (dir: string): Run => ({ dir, info: null, metrics: [], checkpoint: null, timeline: null, models: [], problems: [] });

/**
 * Read a run directory for a report: the checkpoint as a snapshot (with activity measured on the
 * given data or on the run's training split, as `urn analyze`), metrics, timeline, the topology report of
 * the emergent network, and every `*.urn` model file with its certificate.
 *
 * ```ts
 * const data = await collectReport('runs/a', { sample: 500 }); // activity on the first 500 training samples
 * data.topology?.layers.widths;
 * ```
 */
export async function collectReport(runDir: string, options: Partial<CollectOptions> = {}): Promise<ReportData> {
  const o = { ...COLLECT_DEFAULTS, ...options };
  const r = o.snapshot && !holdsRun(runDir) ? EMPTY(runDir) : readRun(runDir, { checkpoint: !o.snapshot });
  const notes = [...r.problems];
  const run = r.info as Record<string, unknown> | null;
  const { metrics, timeline } = r;
  let snapshot: Snapshot;
  let epoch: number | null = null;
  if (o.snapshot) snapshot = o.snapshot;
  else {
    const ck = r.checkpoint;
    if (!ck) throw new ConfigError(where(`${runDir} has no checkpoint.msgpack. Train into it first (urn train --out ${runDir}).`));
    snapshot = { config: ck.config, W: ck.W, b: ck.b };
    const coords = gridCoords(ck.config);
    if (coords) snapshot.coords = coords;
    epoch = ck.epoch;
  }
  const firstCompaction = metrics.find((m) => m.compacted);
  const compactedFrom = firstCompaction?.compacted && firstCompaction.compacted.from > snapshot.config.S ? firstCompaction.compacted.from : null;
  let activity: ReportData['activity'] = snapshot.activity ? { samples: snapshot.activity.samples, accuracy: null, source: 'given snapshot' } : null;
  let data: ReportSplits | null = null;
  if (o.data !== null) {
    try {
      data = await reportData(o, run, snapshot);
      if (!snapshot.activity) {
        const sample = headOf(data.activity.split, o.sample);
        const m = await measureActivity(snapshot.config, snapshot.W, snapshot.b, sample);
        snapshot = { ...snapshot, activity: m.stats };
        activity = { samples: sample.n, accuracy: m.accuracy, source: data.activity.source };
      }
    } catch (e) {
      if (!snapshot.activity) notes.push(`activity not measured (${(e as Error).message}); figures order neurons by structure and the activity figure is left out.`);
      else notes.push(`no data to certify the structure on (${(e as Error).message}).`);
    }
  }
  let fidelity: StructureFidelity;
  try {
    fidelity = await structureFidelity(snapshot, data && { x: data.certify.x, n: data.certify.n, y: data.certify.y }, { threshold: o.threshold, onTrial: o.onTrial });
  } catch (e) {
    notes.push(`the structure could not be certified (${(e as Error).message}).`);
    fidelity = await structureFidelity(snapshot, null, { threshold: o.threshold });
  }
  const threshold = o.threshold === 'verified' ? fidelity.threshold : o.threshold;
  let topology: TopologyReport | null = null;
  try {
    topology = analyzePruned(pruneSnapshot(snapshot, { threshold }));
  } catch (e) {
    notes.push(`topology analysis failed: ${(e as Error).message}`);
  }
  const models: ModelFileInfo[] = [];
  for (const path of r.models) {
    const file = basename(path);
    try {
      const m = readModel(path);
      models.push({ file, form: m.form, threshold: m.threshold, certificate: m.certificate });
    } catch (e) {
      models.push({ file, error: (e as Error).message });
    }
  }
  return { runDir, snapshot, epoch, run, metrics, timeline, topology, models, activity, threshold, fidelity, compactedFrom, notes };
}

/** The splits a report measures the activity on and certifies the structure on. */
interface ReportSplits {
  activity: { split: Split; source: string };
  certify: Split;
}

/**
 * The data of a report: a given split for both, or the run's dataset rebuilt: activity on its
 * training split (what `loadRun` and so `urn analyze` measure), certification on its test split.
 */
async function reportData(o: CollectOptions, run: Record<string, unknown> | null, snapshot: Snapshot): Promise<ReportSplits> {
  if (o.data) return { activity: { split: o.data, source: 'given data' }, certify: o.data };
  const spec = run?.data;
  if (!spec) throw new Error('run.json has no data description');
  const ds = await (o.loadData ?? defaultLoadData)(specForModel(spec as DataSpec, snapshot.config.dOut));
  return { activity: { split: ds.train, source: `training split of ${JSON.stringify(spec)}` }, certify: ds.test };
}
