import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files of a run directory, by role: the one set of names every reader and writer uses.
 *
 * ```ts
 * join(dir, RUN_FILES.checkpoint); // 'runs/a/checkpoint.msgpack'
 * ```
 */
export const RUN_FILES = {
  /** Config, options, data spec, backend and the history of resumes (JSON). */
  run: 'run.json',
  /** One JSON line of `EpochMetrics` per epoch. */
  metrics: 'metrics.jsonl',
  /** Weights, biases and Adam state to resume exactly (checksummed msgpack). */
  checkpoint: 'checkpoint.msgpack',
  /** The structure timeline (checksummed msgpack). */
  timeline: 'timeline.msgpack',
  /** The lock of the process writing the run: pid, host, start time. */
  lock: '.lock',
} as const;

/** Exported models in a run directory end with this. */
export const MODEL_EXTENSION = '.urn';

/**
 * The path of one of a run's files.
 *
 * ```ts
 * runFile('runs/a', 'metrics'); // 'runs/a/metrics.jsonl'
 * ```
 */
export const runFile = (dir: string, role: keyof typeof RUN_FILES): string => join(dir, RUN_FILES[role]);

/**
 * True when the directory holds (part of) a run: its run.json, metrics or checkpoint.
 *
 * ```ts
 * if (holdsRun('runs/a')) console.log('a run is there');
 * ```
 */
export function holdsRun(dir: string): boolean {
  return (['run', 'metrics', 'checkpoint'] as const).some((r) => existsSync(runFile(dir, r)));
}

/**
 * The exported model files (`*.urn`) of a run directory, sorted.
 *
 * ```ts
 * const models = runModels('runs/a'); // ['runs/a/model.urn']
 * ```
 */
export function runModels(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(MODEL_EXTENSION))
    .sort()
    .map((f) => join(dir, f));
}
