import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { fileSystemError, isSystemError } from './fs-error.js';

/**
 * Write a file atomically: the bytes go to a temporary file in the same folder, are flushed to
 * disk, and the temporary file is renamed over the target. A crash at any point leaves either
 * the old file or the new one, never a torn one. A system error (missing folder, full or
 * read-only disk) becomes a `FileSystemError` naming `path`.
 *
 * ```ts
 * atomicWriteFileSync('run/checkpoint.msgpack', bytes);
 * ```
 */
export function atomicWriteFileSync(path: string, data: Uint8Array | string): void {
  try {
    writeThenRename(path, data);
  } catch (e) {
    // Name the target, not the temporary file, in the one-line error.
    if (isSystemError(e)) throw fileSystemError(Object.assign(e, { path, dest: undefined, syscall: 'write' }));
    throw e;
  }
}

function writeThenRename(path: string, data: Uint8Array | string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    let off = 0;
    while (off < buf.byteLength) off += writeSync(fd, buf, off, buf.byteLength - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}
