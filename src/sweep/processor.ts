/**
 * The BullMQ sandboxed processor of `urn worker`: BullMQ forks it per concurrent job slot, and it
 * runs each trial in a further child (`spawnTrial`), in the job's run directory or, when the
 * worker was given a root (`URN_SWEEP_ROOT`), in `<root>/<sweep id>/trials/<trial id>`. It exits
 * when the worker goes away, so a killed worker leaves nothing training.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { trialEnv } from './executor.js';
import { spawnTrial } from './spawn-trial.js';
import { trialDir, writeTrialFile, type TrialResult } from './trial-dir.js';
import type { Trial } from './trials.js';

/** What a trial job carries. */
export interface TrialJobData {
  sweepId: string;
  trial: Trial;
  /** The run directory as the coordinator sees it (right on shared storage or the same machine). */
  dir: string;
}

/** Errors of the trial itself (bad config, data, divergence): retrying cannot help. */
const PERMANENT = /^(ConfigError|DataFormatError|ModelFormatError|ShapeError|NonFiniteLossError)\b/;

if (process.connected) process.once('disconnect', () => process.exit(1));

/** Run one trial job; its return value (the result) goes back to the sweep's parent job. */
export default async function processTrial(job: SandboxedJob<TrialJobData>): Promise<TrialResult> {
  const { sweepId, trial } = job.data;
  const root = process.env.URN_SWEEP_ROOT;
  const dir = root ? trialDir(join(root, sweepId), trial.id) : job.data.dir;
  if (!existsSync(join(dir, 'trial.json'))) writeTrialFile(dir, trial);
  try {
    return await spawnTrial(dir, { env: trialEnv(Number(process.env.URN_WORKER_CONCURRENCY ?? 1)) });
  } catch (e) {
    const msg = (e as Error).message;
    if (PERMANENT.test(msg.split(' failed: ')[1] ?? '')) throw new UnrecoverableError(msg);
    throw e;
  }
}
