import { hostname } from 'node:os';
import { join } from 'node:path';
import { train } from '../train/train.js';
import { readCheckpoint } from '../run/checkpoint.js';
import { disposeModel } from '../train/model.js';
import { RUN_FILES } from '../run/files.js';
import { lockRun } from '../run/lock.js';
import type { BackendName } from '../train/backend.js';
import { loadDataSpec, type DataSpec } from '../data/spec.js';
import { analyzeRun } from '../export/analyze-run.js';
import type { TrainRequest } from '../train/train.js';
import { appendAttempt, readTrialFile, readTrialResult, trialState, writeTrialResult, type TrialResult } from './trial-dir.js';

/**
 * Who runs a trial, for `attempts.jsonl`: `URN_WORKER_NAME`, else host:pid.
 *
 * ```ts
 * workerName(); // 'gpu-box:4242'
 * ```
 */
export function workerName(): string {
  return process.env.URN_WORKER_NAME ?? `${hostname()}:${process.pid}`;
}

/**
 * The structure of the trained run at its verified threshold (`analyzeRun`: the largest threshold
 * `urn export --threshold auto` certifies, on the run's held-out data), the same structure
 * `urn analyze` shows.
 */
async function structure(dir: string): Promise<Pick<TrialResult, 'layerWidths' | 'hiddenWidths' | 'strictMlp' | 'structure'>> {
  const { report, fidelity } = await analyzeRun(dir);
  const widths = report.layers.widths;
  const cert = fidelity.certificate;
  return {
    layerWidths: widths,
    hiddenWidths: widths.slice(1, -1),
    strictMlp: report.strictMlp,
    structure: { threshold: fidelity.threshold, verified: fidelity.pass, argmaxAgreement: cert?.argmaxAgreement ?? null, maxAbsError: cert?.maxAbsError ?? null },
  };
}

/**
 * Run the trial whose `trial.json` is in `dir`, in this process: train into `dir` (resuming from
 * its checkpoint when there is one), then write and return `result.json`. A finished trial is
 * returned as it is. This is what the trial child process runs (`trial-main`); `onEpoch` goes to
 * `train`.
 *
 * ```ts
 * const r = await runTrial('runs/sweep/trials/0a1b2c3d4e5f6071');
 * ```
 */
export async function runTrial(dir: string, o: { onEpoch?: TrainRequest['onEpoch'] } = {}): Promise<TrialResult> {
  const done = readTrialResult(dir);
  if (done) return done;
  // The whole attempt, from the start record to the result, holds the run directory: another
  // process that reaches this trial meanwhile is refused before it records or writes anything
  // (and `localExecutor` waits for this one instead). Training takes the lock again inside.
  const release = lockRun(dir);
  try {
    return readTrialResult(dir) ?? (await attemptTrial(dir, o));
  } finally {
    release();
  }
}

/** One attempt at the trial in `dir`, under its lock: train (or resume), analyse, write `result.json`. */
async function attemptTrial(dir: string, o: { onEpoch?: TrainRequest['onEpoch'] }): Promise<TrialResult> {
  const trial = readTrialFile(dir);
  const resume = trialState(dir) === 'interrupted';
  const worker = workerName();
  appendAttempt(dir, { event: 'start', worker, pid: process.pid, at: new Date().toISOString(), fromEpoch: resume ? readCheckpoint(dir).epoch : 0 });
  const data = loadDataSpec(trial.data as unknown as DataSpec);
  const r = await train({
    data,
    config: trial.config as unknown as TrainRequest['config'],
    options: trial.options as TrainRequest['options'],
    outDir: dir,
    resume,
    // Without a checkpoint a trial starts over: whatever run files a process killed before its
    // first checkpoint left behind are replaced (the run-dir lock is still taken first).
    force: !resume,
    backend: trial.backend as BackendName | 'auto',
    dataSpec: trial.data,
    onEpoch: o.onEpoch,
  });
  const neurons = r.model.config.S;
  disposeModel(r.model);
  const f = r.final;
  const result: TrialResult = {
    id: trial.id,
    point: trial.point,
    seed: trial.seed,
    testAccuracy: f?.testAccuracy ?? null,
    trainAccuracy: f?.trainAccuracy ?? null,
    activeNeurons: f?.activeNeurons ?? null,
    neurons,
    epochs: r.epochs,
    ...(await structure(dir)),
    wallSeconds: f?.elapsed ?? 0,
    checkpoint: join(dir, RUN_FILES.checkpoint),
    backend: r.backend.name,
  };
  writeTrialResult(dir, result);
  appendAttempt(dir, { event: 'done', worker, pid: process.pid, at: new Date().toISOString() });
  return result;
}
