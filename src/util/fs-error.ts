import { FileSystemError } from '../errors.js';

/** What each errno means for the user, and what to do about it. */
const ERRNO: Record<string, [string, string]> = {
  ENOENT: ['does not exist', 'Check the path'],
  EACCES: ['is not accessible (permission denied)', 'Check its permissions or choose another path'],
  EPERM: ['is not accessible (operation not permitted)', 'Check its permissions or choose another path'],
  EISDIR: ['is a directory where a file is expected', 'Pass a file'],
  ENOTDIR: ['has a part that is a file where a directory is expected', 'Check the path'],
  ENOSPC: ['cannot be written: the disk is full', 'Free some space and run again'],
  EDQUOT: ['cannot be written: the disk quota is exceeded', 'Free some space and run again'],
  EROFS: ['cannot be written: the file system is read-only', 'Choose a writable location'],
  EEXIST: ['already exists', 'Remove it or choose another path'],
  ENOTEMPTY: ['is a directory that is not empty', 'Remove it or choose another path'],
  EMFILE: ['cannot be opened: too many open files', 'Raise the open-file limit (ulimit -n)'],
  ENAMETOOLONG: ['has a name that is too long', 'Choose a shorter path'],
  EBUSY: ['is busy', 'Close the program using it and run again'],
};

/**
 * True for a Node.js system error (ENOENT, EACCES, ENOSPC, ...).
 *
 * ```ts
 * try { readFileSync('missing.csv'); } catch (err) { if (isSystemError(err)) throw fileSystemError(err); }
 * ```
 */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!);
}

/**
 * A one-line `FileSystemError` for a Node.js system error: `open: runs/a/model.urn does not
 * exist. Check the path.`
 *
 * ```ts
 * try { readFileSync(p); } catch (e) { throw isSystemError(e) ? fileSystemError(e) : e; }
 * ```
 */
export function fileSystemError(e: NodeJS.ErrnoException): FileSystemError {
  const [what, todo] = ERRNO[e.code ?? ''] ?? [`failed (${e.code})`, 'Check the path and the disk'];
  const dest = (e as { dest?: string }).dest;
  const path = dest && e.code !== 'ENOENT' ? dest : (e.path ?? 'a file');
  return new FileSystemError(`${e.syscall ?? 'file system'}: ${path} ${what}. ${todo}.`);
}
