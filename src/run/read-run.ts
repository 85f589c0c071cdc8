import { existsSync, statSync } from 'node:fs';
import { ConfigError, FileSystemError, prefix } from '../errors.js';
import { readCheckpoint, type Checkpoint } from './checkpoint.js';
import { readMetrics, type EpochMetrics } from './metrics.js';
import { readTimeline } from './timeline-file.js';
import type { TimelineEntry } from '../topology/timeline.js';
import { holdsRun, runFile, runModels } from './files.js';
import { readRunInfo, type RunInfo } from './recorder.js';

const where = prefix('readRun');

/** Everything a run directory holds, as plain data. */
export interface Run {
  dir: string;
  /** run.json: config, options, data spec, backend, resumes (null when absent). */
  info: RunInfo | null;
  metrics: EpochMetrics[];
  /** The checkpoint (null when absent, or not asked for). */
  checkpoint: Checkpoint | null;
  /** The structure timeline (null when absent). */
  timeline: TimelineEntry[] | null;
  /** Paths of the exported models (`*.urn`) in the directory. */
  models: string[];
  /** Parts that could not be read (a corrupt timeline), one line each; the rest is still there. */
  problems: string[];
}

/** Options of `readRun`. */
export interface ReadRunOptions {
  /** Read the checkpoint too (it holds W, b and Adam's moments: S² floats three times). Default true. */
  checkpoint?: boolean;
}

/**
 * Read a run directory into plain data: run.json, the metrics, the checkpoint, the timeline and
 * the list of exported models. Missing parts are null (or empty). A corrupt checkpoint throws its
 * typed error (`ChecksumError`, `ModelFormatError`); a corrupt timeline is listed in `problems`.
 *
 * ```ts
 * const run = readRun('runs/spheres');
 * console.log(run.metrics.at(-1)?.testAccuracy, run.checkpoint?.config.S);
 * ```
 */
export function readRun(dir: string, options: ReadRunOptions = {}): Run {
  if (!existsSync(dir)) throw new FileSystemError(where(`${dir} does not exist. Pass the --out of a urn train run.`));
  if (!statSync(dir).isDirectory() || !holdsRun(dir)) {
    throw new ConfigError(where(`${dir} is not a run directory (no run.json, metrics or checkpoint). Pass the --out of a urn train run.`));
  }
  const withCheckpoint = options.checkpoint ?? true;
  const problems: string[] = [];
  let timeline: TimelineEntry[] | null = null;
  if (existsSync(runFile(dir, 'timeline'))) {
    try {
      timeline = readTimeline(dir);
    } catch (e) {
      problems.push(`timeline unreadable: ${(e as Error).message}`);
    }
  }
  return {
    dir,
    info: readRunInfo(dir),
    metrics: readMetrics(dir),
    checkpoint: withCheckpoint && existsSync(runFile(dir, 'checkpoint')) ? readCheckpoint(dir) : null,
    timeline,
    models: runModels(dir),
    problems,
  };
}
