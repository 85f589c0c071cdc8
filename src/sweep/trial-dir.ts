import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import { RUN_FILES } from '../run/files.js';
import type { Trial } from './trials.js';

/** Files a sweep adds to a trial's run directory (beside metrics.jsonl, checkpoint.msgpack, …). */
export const TRIAL_FILES = { trial: 'trial.json', result: 'result.json', attempts: 'attempts.jsonl' } as const;

/**
 * What a finished trial reports: final metrics, its structure at the verified threshold (as
 * `urn analyze` shows it) and where its checkpoint is. Plain JSON; it is also the job's return value on the queue.
 *
 * ```ts
 * const r = readTrialResult('runs/sweep/trials/0a1b2c3d4e5f6071');
 * r?.testAccuracy; r?.hiddenWidths; r?.strictMlp;
 * ```
 */
export interface TrialResult {
  id: string;
  point: number;
  seed: number;
  testAccuracy: number | null;
  trainAccuracy: number | null;
  activeNeurons: number | null;
  /** S at the end (after compaction). */
  neurons: number;
  epochs: number;
  /** Widths of the unrolled layers Λ = 0..depth at the verified threshold (as `urn analyze` shows them). */
  layerWidths: number[] | null;
  /** The hidden layers among them (Λ = 1..depth−1). */
  hiddenWidths: number[] | null;
  strictMlp: boolean | null;
  /** The threshold of that structure and its certificate against the dense network (absent in results written before). */
  structure?: { threshold: number; verified: boolean | null; argmaxAgreement: number | null; maxAbsError: number | null };
  /** Training wall seconds summed over epochs (across resumes). */
  wallSeconds: number;
  /** The trial's checkpoint (the trained model), as the machine that ran it sees it. */
  checkpoint: string;
  backend: string;
}

/** One line of `attempts.jsonl`: a start (with the epoch it resumes after) or an end. */
export interface TrialAttempt {
  event: 'start' | 'done' | 'failed';
  worker: string;
  pid: number;
  at: string;
  /** On start: the checkpointed epoch it resumes from, or 0. */
  fromEpoch?: number;
  error?: string;
}

/**
 * Where a trial's run directory is in a sweep directory.
 *
 * ```ts
 * trialDir('runs/cn', '0a1b2c3d4e5f6071'); // 'runs/cn/trials/0a1b2c3d4e5f6071'
 * ```
 */
export function trialDir(sweepDir: string, id: string): string {
  return join(sweepDir, 'trials', id);
}

/**
 * Create the trial's directory and write its definition (`trial.json`).
 *
 * ```ts
 * writeTrialFile(trialDir('runs/cn', trial.id), trial);
 * ```
 */
export function writeTrialFile(dir: string, trial: Trial): void {
  mkdirSync(dir, { recursive: true });
  atomicWriteFileSync(join(dir, TRIAL_FILES.trial), JSON.stringify(trial, null, 2));
}

/**
 * Read a trial's definition (`trial.json`).
 *
 * ```ts
 * const trial = readTrialFile('runs/cn/trials/0a1b2c3d4e5f6071');
 * ```
 */
export function readTrialFile(dir: string): Trial {
  return JSON.parse(readFileSync(join(dir, TRIAL_FILES.trial), 'utf8')) as Trial;
}

/**
 * Write a finished trial's result (atomically: its presence marks the trial finished).
 *
 * ```ts
 * writeTrialResult(dir, result);
 * ```
 */
export function writeTrialResult(dir: string, r: TrialResult): void {
  mkdirSync(dir, { recursive: true });
  atomicWriteFileSync(join(dir, TRIAL_FILES.result), JSON.stringify(r, null, 2));
}

/**
 * A finished trial's result, or null when it has not finished.
 *
 * ```ts
 * const r = readTrialResult('runs/cn/trials/0a1b2c3d4e5f6071');
 * ```
 */
export function readTrialResult(dir: string): TrialResult | null {
  const path = join(dir, TRIAL_FILES.result);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as TrialResult) : null;
}

/**
 * Where a trial stands: `done` (result written), `interrupted` (a checkpoint to resume from) or `new`.
 *
 * ```ts
 * trialState(trialDir('runs/sweep', id)); // 'interrupted'
 * ```
 */
export function trialState(dir: string): 'done' | 'interrupted' | 'new' {
  if (existsSync(join(dir, TRIAL_FILES.result))) return 'done';
  return existsSync(join(dir, RUN_FILES.checkpoint)) ? 'interrupted' : 'new';
}

/**
 * Append a start or end record to the trial's `attempts.jsonl`.
 *
 * ```ts
 * appendAttempt(dir, { event: 'done', worker: 'w1', pid: process.pid, at: new Date().toISOString() });
 * ```
 */
export function appendAttempt(dir: string, a: TrialAttempt): void {
  appendFileSync(join(dir, TRIAL_FILES.attempts), `${JSON.stringify(a)}\n`);
}

/**
 * The trial's attempt records (a torn last line is skipped).
 *
 * ```ts
 * readAttempts(dir).filter((a) => a.event === 'start').length; // tries so far
 * ```
 */
export function readAttempts(dir: string): TrialAttempt[] {
  const path = join(dir, TRIAL_FILES.attempts);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as TrialAttempt];
      } catch {
        return [];
      }
    });
}
