import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { RunDirError, prefix } from '../errors.js';
import { fileSystemError, isSystemError } from '../util/fs-error.js';
import { RUN_FILES } from './files.js';

const where = prefix('run lock');

/** The lock files this process holds now (so that a lock file with a reused pid is not mistaken for one). */
const holding = new Set<string>();

/** What the lock file holds. */
export interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

/** True when a process with this pid runs on this machine (a zombie, killed but not yet reaped, does not). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc: trust kill(pid, 0)
  }
}

function readLock(path: string): LockInfo | null {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return Number.isInteger(v?.pid) ? v : null;
  } catch {
    return null;
  }
}

/**
 * Whether an error message (a trial child's, passed up as text) is `lockRun`'s refusal of a run
 * directory that another live process holds.
 *
 * ```ts
 * isLockRefusal('RunDirError: run lock: runs/a is in use by process 42 (since …).'); // true
 * ```
 */
export function isLockRefusal(message: string): boolean {
  return /run lock: .* is in use by process \d+/.test(message);
}

/**
 * The process that holds the run directory's lock and still runs on this host, or null: no lock,
 * a stale one (its process is gone), this process's own, or one from another host (whose
 * liveness cannot be told from here: `lockRun` reports it).
 *
 * ```ts
 * const held = lockHolder('runs/a'); // { pid, host, since } while another process trains there
 * ```
 */
export function lockHolder(dir: string): LockInfo | null {
  const held = readLock(join(dir, RUN_FILES.lock));
  return held && held.host === hostname() && held.pid !== process.pid && alive(held.pid) ? held : null;
}

/**
 * Take the run directory's lock file (`.lock`, holding pid, host and start time), created
 * exclusively. A lock left by a process that no longer runs on this host is stale and is taken
 * over; a live one raises `RunDirError` naming its pid. Returns the function that releases it.
 * Re-entrant: while this process holds the lock, taking it again returns a release that does
 * nothing, and the first holder's release frees it (a sweep's trial holds its run directory
 * from before training until its result is written; training takes it again inside).
 *
 * ```ts
 * const release = lockRun('runs/a');
 * try { writeFileSync(join('runs/a', 'note.txt'), 'mine'); } finally { release(); }
 * ```
 */
export function lockRun(dir: string): () => void {
  const path = join(dir, RUN_FILES.lock);
  const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (e) {
      if (!isSystemError(e)) throw e;
      if (e.code !== 'EEXIST') throw fileSystemError(e);
      const live = lockHolder(dir);
      if (live) {
        throw new RunDirError(where(`${dir} is in use by process ${live.pid} (since ${live.since}). Wait for it to finish, or choose another --out.`));
      }
      const held = readLock(path);
      if (held && held.host === info.host && held.pid === process.pid && holding.has(path)) return () => undefined;
      if (held && held.host !== info.host) {
        throw new RunDirError(where(`${dir} is locked by process ${held.pid} on ${held.host}. If that run is gone, delete ${path}.`));
      }
      try {
        unlinkSync(path); // stale: its process is gone (or the file is torn)
      } catch {
        /* another process took it over first; try again */
      }
      continue;
    }
    writeSync(fd, JSON.stringify(info));
    closeSync(fd);
    holding.add(path);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      holding.delete(path);
      process.off('exit', release);
      if (readLock(path)?.pid === process.pid) unlinkSync(path);
    };
    process.on('exit', release);
    return release;
  }
  throw new RunDirError(where(`${dir}: could not take the lock ${path}. Delete it if no run is using the directory.`));
}
