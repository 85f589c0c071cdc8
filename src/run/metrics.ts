import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import { RUN_FILES } from './files.js';

/** Per-epoch metrics, one line of `metrics.jsonl`. */
export interface EpochMetrics {
  epoch: number;
  /** Mean over the epoch's batches of the total loss and of each term (see `Regularizers`). */
  loss: number;
  crossEntropy: number;
  weightTerm: number;
  activityTerm: number;
  lengthTerm: number;
  /** Accuracies and active neurons; null on epochs that were not evaluated (`evalEvery`). */
  trainAccuracy: number | null;
  testAccuracy: number | null;
  activeNeurons: number | null;
  /** Current S (changes only when compaction drops neurons): the S after this epoch's compaction. */
  neurons: number;
  /** Present when dead neurons were dropped at the end of this epoch: S before and after. */
  compacted?: { from: number; to: number };
  /**
   * Present on an evaluated epoch where some outputs read exactly 0 on every training sample
   * (`deadOutputs`): a dead relu output passes no gradient, so its class is predicted only by ties.
   */
  deadOutputs?: number[];
  /**
   * Present with `skipSilent`: the epoch's steps taken on the batch's support and the mean number
   * of neurons they trained (the epoch's other steps were dense: the support was too large).
   */
  support?: { steps: number; meanNeurons: number };
  /** Wall seconds of this epoch, and since the start of the run. */
  seconds: number;
  elapsed: number;
}

/** Create the folder if needed. */
export function ensureRunDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
}

/** Append one epoch's metrics to `metrics.jsonl`. */
export function appendMetrics(dir: string, m: EpochMetrics): void {
  appendFileSync(join(dir, RUN_FILES.metrics), `${JSON.stringify(m)}\n`);
}

/**
 * Read `metrics.jsonl`; lines that do not parse (a torn last line after a crash) are skipped.
 *
 * ```ts
 * const history = readMetrics('runs/spheres');
 * ```
 */
export function readMetrics(dir: string): EpochMetrics[] {
  const path = join(dir, RUN_FILES.metrics);
  if (!existsSync(path)) return [];
  const out: EpochMetrics[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as EpochMetrics);
    } catch {
      /* a torn line from a crash */
    }
  }
  return out;
}

/** Keep only the metrics of epochs ≤ `epoch` (used on resume), rewritten atomically. */
export function truncateMetrics(dir: string, epoch: number): EpochMetrics[] {
  const kept = readMetrics(dir).filter((m) => m.epoch <= epoch);
  atomicWriteFileSync(join(dir, RUN_FILES.metrics), kept.map((m) => `${JSON.stringify(m)}\n`).join(''));
  return kept;
}
