import { join } from 'node:path';
import type { UrnConfig } from '../../core/config.js';
import type { CompactState } from '../compact.js';
import { writeCheckpoint } from '../../run/checkpoint.js';
import { appendMetrics, truncateMetrics, type EpochMetrics } from '../../run/metrics.js';
import { openRunDir } from '../../run/open.js';
import { RUN_FILES } from '../../run/files.js';
import { atomicWriteFileSync } from '../../util/atomic-write.js';
import { timelineEntry } from '../../topology/timeline.js';
import { appendTimeline, truncateTimeline } from '../../run/timeline-file.js';
import type { StructureOptions } from './options.js';

/**
 * One evaluation of a structured run: the `EpochMetrics` fields (here `epoch` counts steps,
 * `neurons` is the current S and `testAccuracy` is null for regression) plus the size.
 */
export interface StructureMetrics extends EpochMetrics {
  /** Mean task loss (cross-entropy or MSE) on the test split. */
  testLoss: number;
  /** Hidden neurons of the plain network (gated: those whose gate is > 0). */
  hidden: number;
  /** grow-gated: the trainable size; otherwise the hidden count. */
  size: number;
  /** The task trained on at this step (changes with phases). */
  task: string;
}

/**
 * Where a structured run's records go: its start, each evaluation (with the plain network at
 * that point) and its end.
 *
 * ```ts
 * await trainStructure({ data, recorder: runDirRecorder('runs/grow', { dataset: 'spirals', seed: 1, normalize: 'none' }) });
 * ```
 */
export interface StructureRecorder {
  start(run: { config: UrnConfig; options: StructureOptions; data: string }): void | Promise<void>;
  evaluation(m: StructureMetrics, network: CompactState): void | Promise<void>;
  end(network: CompactState, final: StructureMetrics | null): void | Promise<void>;
  /** Release what the recorder holds (a run directory's lock); called after `end`, and after an error. */
  close?(): void;
}

/**
 * A recorder that writes a run directory the other commands read: run.json, metrics.jsonl (one
 * line per evaluation, so the report's size figure is the size over training), a structure
 * timeline entry per evaluation, and at the end checkpoint.msgpack holding the plain network
 * (a gated one folded). With `classification` (the default) the checkpoint's and run.json's
 * `data` is `dataSpec`, so `urn analyze`, `export` and `report` rebuild the data for activity and
 * the certificate; sequence and regression tasks are stored as `task` instead, so those commands
 * read the network without data. Structured runs do not resume. Like `runRecorder`, it takes the
 * directory's lock when made and refuses a directory that already holds a run unless `force`
 * (whose run files are then deleted).
 *
 * ```ts
 * const recorder = runDirRecorder('runs/spirals-gated', { dataset: 'spirals', seed: 1, normalize: 'none' });
 * ```
 */
export function runDirRecorder(dir: string, dataSpec: Record<string, unknown>, classification = true, open: { force?: boolean } = {}): StructureRecorder {
  const release = openRunDir(dir, { force: open.force });
  let options: StructureOptions | null = null;
  const described = classification ? { data: dataSpec } : { task: dataSpec };
  return {
    start(run) {
      options = run.options;
      truncateMetrics(dir, -1);
      truncateTimeline(dir, -1);
      atomicWriteFileSync(join(dir, RUN_FILES.run), JSON.stringify({ config: run.config, structure: run.options, ...described }, null, 2));
    },
    evaluation(m, net) {
      appendMetrics(dir, m);
      const entry = timelineEntry({ config: net.config, W: net.W, b: net.b }, { epoch: m.epoch, accuracy: m.testAccuracy, threshold: { relative: 0.01 } });
      appendTimeline(dir, { ...entry, neurons: net.config.S, compacted: null });
    },
    end(net, final) {
      writeCheckpoint(join(dir, RUN_FILES.checkpoint), {
        config: net.config,
        epoch: final?.epoch ?? 0,
        W: net.W,
        b: net.b,
        adam: { t: net.adam.t, m: net.adam.m.slice(0, 2), v: net.adam.v.slice(0, 2) },
        train: { structure: options, ...described, neuronIds: Array.from(net.neuronIds), originalS: null },
      });
      release();
    },
    close: release,
  };
}
