import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import { DataFormatError } from '../errors.js';
import { aggregateSweep, type PointAggregate } from './aggregate.js';
import type { Executor, TrialEvent, TrialJob } from './executor.js';
import { localExecutor } from './local.js';
import type { SweepSpec } from './spec.js';
import { refuseUnknownKeys } from '../util/keys.js';
import { DATA_SPEC_KEYS } from '../data/spec.js';
import { CONFIG_KEYS } from '../core/config.js';
import { TRAIN_DEFAULTS } from '../train/options.js';
import { readTrialResult, trialDir, trialState, writeTrialFile, type TrialResult } from './trial-dir.js';
import { expandSweep, type SweepPoint, type Trial } from './trials.js';

/** The file that describes a sweep in its directory. */
export const SWEEP_FILE = 'sweep.json';

/** What `sweep.json` holds. */
export interface SweepFile {
  id: string;
  name: string;
  spec: SweepSpec;
  points: SweepPoint[];
  trials: Trial[];
}

/** Progress of a sweep: a trial's event, or a finished trial skipped at the start. */
export type SweepEvent = TrialEvent | { type: 'skipped'; id: string; result: TrialResult };

/** Options of `sweep`. */
export interface SweepOptions {
  /** The sweep directory: `sweep.json` and `trials/<id>/` (one run directory per trial). */
  dir: string;
  /** Where trials run (default: `localExecutor()`, child processes on this machine). */
  executor?: Executor;
  onEvent?: (e: SweepEvent, trial: Trial) => void;
  signal?: AbortSignal;
}

/** What `sweep` returns: every finished result (in trial order), the failures and the aggregate. */
export interface SweepResult {
  id: string;
  name: string;
  dir: string;
  points: SweepPoint[];
  trials: Trial[];
  results: TrialResult[];
  /** Trials skipped because they had finished before this call. */
  skipped: number;
  failed: { id: string; error: string }[];
  aggregate: PointAggregate[];
}

/**
 * Run a sweep: expand the spec into trials, give each its run directory under `dir`, skip the
 * finished ones, run the others on the executor (interrupted ones resume from their checkpoint)
 * and aggregate per point. Run it again after a crash to finish it.
 *
 * ```ts
 * const r = await sweep(readSweepSpec('cn.yaml'), { dir: 'runs/cn', executor: localExecutor({ jobs: 2 }) });
 * r.aggregate[0].testAccuracy; // { mean, std, n }
 * ```
 */
export async function sweep(spec: SweepSpec, o: SweepOptions): Promise<SweepResult> {
  const ex = expandSweep(spec);
  // A misspelt key would otherwise fail every trial, or none and silently train with a default.
  for (const t of ex.trials) {
    const at = (section: string) => `sweep spec: ${section}${ex.points.length > 1 ? ` (point ${ex.points[t.point].label})` : ''}`;
    refuseUnknownKeys(t.data, DATA_SPEC_KEYS, at('data'));
    refuseUnknownKeys(t.config, CONFIG_KEYS, at('config'));
    refuseUnknownKeys(t.options, Object.keys(TRAIN_DEFAULTS), at('options'));
  }
  const dir = resolve(o.dir);
  mkdirSync(dir, { recursive: true });
  const file: SweepFile = { id: ex.id, name: ex.name, spec, points: ex.points, trials: ex.trials };
  atomicWriteFileSync(join(dir, SWEEP_FILE), JSON.stringify(file, null, 2));
  const byId = new Map(ex.trials.map((t) => [t.id, t]));
  const emit = (e: SweepEvent) => o.onEvent?.(e, byId.get(e.id)!);
  const results = new Map<string, TrialResult>();
  const pending: TrialJob[] = [];
  let skipped = 0;
  for (const trial of ex.trials) {
    const td = trialDir(dir, trial.id);
    if (!existsSync(join(td, 'trial.json'))) writeTrialFile(td, trial);
    const done = trialState(td) === 'done' ? readTrialResult(td) : null;
    if (done) {
      results.set(trial.id, done);
      skipped++;
      emit({ type: 'skipped', id: trial.id, result: done });
    } else pending.push({ trial, dir: td });
  }
  const executor = o.executor ?? localExecutor();
  const outcomes = pending.length ? await executor.run(pending, { sweepId: ex.id, sweepDir: dir, onEvent: emit, signal: o.signal }) : [];
  const failed: SweepResult['failed'] = [];
  for (const out of outcomes) {
    if (out.result) results.set(out.id, out.result);
    else failed.push({ id: out.id, error: out.error ?? 'unknown error' });
  }
  const ordered = ex.trials.flatMap((t) => (results.has(t.id) ? [results.get(t.id)!] : []));
  return { id: ex.id, name: ex.name, dir, points: ex.points, trials: ex.trials, results: ordered, skipped, failed, aggregate: aggregateSweep(ex.points, ordered) };
}

/**
 * Read a sweep directory: its description and the results of its finished trials.
 *
 * ```ts
 * const { file, results } = readSweep('runs/cn');
 * ```
 */
export function readSweep(dir: string): { file: SweepFile; results: TrialResult[] } {
  const path = join(dir, SWEEP_FILE);
  if (!existsSync(path)) throw new DataFormatError(`sweep: no ${SWEEP_FILE} in ${dir}. Give the directory of a sweep (urn sweep SPEC --out DIR).`);
  const file = JSON.parse(readFileSync(path, 'utf8')) as SweepFile;
  const results = file.trials.flatMap((t) => {
    const r = readTrialResult(trialDir(dir, t.id));
    return r ? [r] : [];
  });
  return { file, results };
}
