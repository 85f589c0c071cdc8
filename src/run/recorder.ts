import { existsSync, readFileSync } from 'node:fs';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import { runFile } from './files.js';
import { appendMetrics, truncateMetrics, type EpochMetrics } from './metrics.js';
import { writeCheckpoint, type Checkpoint } from './checkpoint.js';
import { appendTimeline, truncateTimeline } from './timeline-file.js';
import type { TimelineEntry } from '../topology/timeline.js';
import { openRunDir, type OpenRunOptions } from './open.js';

/** One resume of a run: the epoch it continued from and the options changed on purpose. */
export interface ResumeRecord {
  fromEpoch: number;
  at: string;
  changed: Record<string, { from: unknown; to: unknown }>;
}

/** What run.json holds. */
export interface RunInfo {
  /**
   * The network as the run created it (S before any compaction). A resume keeps it: the
   * checkpoint holds the current, compacted config.
   */
  config: unknown;
  options: object;
  data: Record<string, unknown>;
  backend: unknown;
  resumes: ResumeRecord[];
}

/** What a training run tells its recorders when it starts. */
export interface RunStart {
  config: unknown;
  options: object;
  data: Record<string, unknown>;
  backend: unknown;
  /** The checkpoint epoch it continues from, or -1 for a new run. */
  resumedFrom: number;
  /** Options changed on resume: name → previous and new value. */
  changed: Record<string, { from: unknown; to: unknown }>;
}

/**
 * Receives a training run as it goes, like tfjs's fit() callbacks: `start` once (it returns the
 * history already recorded, for a resume), `epoch` after every epoch (with a timeline entry when
 * one was taken), `checkpoint` when the state is saved, `end` at the end (also after an error).
 */
export interface TrainRecorder {
  start(info: RunStart): EpochMetrics[];
  epoch(m: EpochMetrics, timeline: TimelineEntry | null): void;
  checkpoint(c: Checkpoint): void;
  end(): void;
}

/**
 * The recorder that writes a run directory: run.json, metrics.jsonl, timeline.msgpack and
 * checkpoint.msgpack, every write atomic (metrics are appended line by line), under the
 * directory's lock, which `end` releases. It refuses a directory that holds a run unless
 * `resume` or `force` (see `openRunDir`).
 *
 * ```ts
 * await train({ data, config: { S: 64, I: 4 }, recorders: [runRecorder('runs/a')] });
 * ```
 */
export function runRecorder(dir: string, open: OpenRunOptions = {}): TrainRecorder {
  const release = openRunDir(dir, open);
  return {
    start(info) {
      const previous = readRunInfo(dir);
      const resumes = [...(info.resumedFrom >= 0 ? (previous?.resumes ?? []) : [])];
      if (info.resumedFrom >= 0) resumes.push({ fromEpoch: info.resumedFrom, at: new Date().toISOString(), changed: info.changed });
      // A resume starts from the compacted checkpoint; run.json keeps the network as created.
      const config = info.resumedFrom >= 0 && previous ? previous.config : info.config;
      const run: RunInfo = { config, options: info.options, data: info.data, backend: info.backend, resumes };
      const history = truncateMetrics(dir, info.resumedFrom);
      truncateTimeline(dir, info.resumedFrom);
      atomicWriteFileSync(runFile(dir, 'run'), JSON.stringify(run, null, 2));
      return history;
    },
    epoch(m, timeline) {
      appendMetrics(dir, m);
      if (timeline) appendTimeline(dir, timeline);
    },
    checkpoint(c) {
      writeCheckpoint(runFile(dir, 'checkpoint'), c);
    },
    end: release,
  };
}

/**
 * Read run.json, or null when there is none (or it does not parse).
 *
 * ```ts
 * const info = readRunInfo('runs/a');
 * ```
 */
export function readRunInfo(dir: string): RunInfo | null {
  const path = runFile(dir, 'run');
  if (!existsSync(path)) return null;
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as RunInfo;
    return { ...v, resumes: Array.isArray(v.resumes) ? v.resumes : [] };
  } catch {
    return null;
  }
}
