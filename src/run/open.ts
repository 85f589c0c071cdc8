import { mkdirSync, rmSync, statSync } from 'node:fs';
import { ConfigError, RunDirError, prefix } from '../errors.js';
import { fileSystemError, isSystemError } from '../util/fs-error.js';
import { holdsRun, runFile } from './files.js';
import { lockRun } from './lock.js';

const where = prefix('run directory');

/** How to open a run directory for writing. */
export interface OpenRunOptions {
  /** Continue the run it holds (it must hold one). */
  resume?: boolean;
  /** Overwrite the run it holds. */
  force?: boolean;
}

/**
 * Open a run directory for writing: create it, take its lock (see `lockRun`), and refuse one that
 * already holds a run unless `resume` (continue it) or `force` (its run files are deleted) is
 * given. Returns the function that releases the lock.
 *
 * ```ts
 * const release = openRunDir('runs/a', { resume: false });
 * ```
 */
export function openRunDir(dir: string, o: OpenRunOptions = {}): () => void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw new RunDirError(where(`${dir} is a file. Choose a directory for --out.`));
  } catch (e) {
    throw isSystemError(e) ? fileSystemError(e) : e;
  }
  const release = lockRun(dir);
  try {
    if (o.resume && !statOk(runFile(dir, 'checkpoint'))) {
      throw new ConfigError(where(`no checkpoint in ${dir} to resume from. Run without --resume first.`));
    }
    if (!o.resume && holdsRun(dir)) {
      if (!o.force) {
        throw new RunDirError(where(`${dir} already holds a run. Pass --resume to continue it, --force to overwrite it, or choose another --out.`));
      }
      for (const role of ['run', 'metrics', 'checkpoint', 'timeline'] as const) rmSync(runFile(dir, role), { force: true });
    }
  } catch (e) {
    release();
    throw e;
  }
  return release;
}

function statOk(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

