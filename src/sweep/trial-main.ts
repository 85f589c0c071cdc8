/**
 * The trial child process: `node trial-main.js <trialDir>` runs one trial (`runTrial`) and exits
 * 0 once `result.json` is written. It exits at once when its parent goes away (the IPC channel
 * closes), so a killed worker or coordinator leaves no orphan training into the run directory.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { appendAttempt } from './trial-dir.js';
import { runTrial, workerName } from './run-trial.js';
import { lockHolder } from '../run/lock.js';

const dir = process.argv[2];
if (process.connected) process.once('disconnect', () => process.exit(1));
try {
  // Training is synchronous within an epoch: yield to the event loop after each one, so that a
  // closed IPC channel (the parent died) is noticed and the process exits.
  await runTrial(dir, { onEpoch: () => yieldToLoop().then(() => undefined) });
  process.exit(0);
} catch (e) {
  const err = e as Error;
  const line = `${err.name ?? 'Error'}: ${(err.message ?? String(e)).split('\n')[0]}`;
  try {
    // Refused because another process holds the trial: this process ran nothing, so it records nothing.
    if (!lockHolder(dir)) appendAttempt(dir, { event: 'failed', worker: workerName(), pid: process.pid, at: new Date().toISOString(), error: line });
  } catch {
    /* the directory is gone */
  }
  process.stderr.write(`${line}\n`);
  process.exit(1);
}
