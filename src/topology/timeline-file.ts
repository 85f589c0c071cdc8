import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Packr } from 'msgpackr';
import { DataFormatError, prefix } from '../errors.js';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import type { TimelineEntry } from './timeline.js';

const where = prefix('timeline');

/**
 * File name of the timeline inside a run directory.
 *
 * ```ts
 * readTimeline(join(runDir, TIMELINE_FILE));
 * ```
 */
export const TIMELINE_FILE = 'timeline.msgpack';

/** Largest timeline file read (msgpackr has no count limits, so cap before decoding). */
const MAX_BYTES = 64 * 1024 * 1024;
const FORMAT = 'urn-timeline';
const VERSION = 1;
const packr = new Packr({ useRecords: false });

interface TimelineFile {
  format: typeof FORMAT;
  version: number;
  entries: TimelineEntry[];
}

/**
 * Append one entry to `<runDir>/timeline.msgpack` (the folder is created if needed). The file holds the whole array and is
 * rewritten atomically (temp file, fsync, rename), so a crash leaves the old file or the new
 * one, never a torn one.
 *
 * ```ts
 * appendTimeline('runs/a', timelineEntry(snap, { epoch: 3 }));
 * ```
 */
export function appendTimeline(runDir: string, entry: TimelineEntry): void {
  mkdirSync(runDir, { recursive: true });
  const path = join(runDir, TIMELINE_FILE);
  const entries = existsSync(path) ? readTimeline(path) : [];
  entries.push(entry);
  const file: TimelineFile = { format: FORMAT, version: VERSION, entries };
  atomicWriteFileSync(path, packr.pack(file));
}

/**
 * Read a timeline, given its run directory or the file itself; throws `DataFormatError` when it
 * is missing, too large, corrupt or of another version.
 *
 * ```ts
 * for (const e of readTimeline('runs/a')) console.log(e.epoch, e.layerWidths);
 * ```
 */
export function readTimeline(runDirOrFile: string): TimelineEntry[] {
  let path = runDirOrFile;
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, TIMELINE_FILE);
  if (!existsSync(path)) throw new DataFormatError(where(`no timeline at ${path}. Train with a timeline first.`));
  const size = statSync(path).size;
  if (size > MAX_BYTES) {
    throw new DataFormatError(where(`${path} is ${size} bytes, over the ${MAX_BYTES}-byte limit. Is it a timeline?`));
  }
  let data: unknown;
  try {
    data = packr.unpack(readFileSync(path));
  } catch (e) {
    throw new DataFormatError(where(`${path} is not valid msgpack (${(e as Error).message}).`));
  }
  const f = data as Partial<TimelineFile> | null;
  if (!f || typeof f !== 'object' || f.format !== FORMAT || !Array.isArray(f.entries)) {
    throw new DataFormatError(where(`${path} is not a URN timeline.`));
  }
  if (f.version !== VERSION) {
    throw new DataFormatError(where(`${path} has timeline version ${String(f.version)}; this build reads ${VERSION}.`));
  }
  for (const [k, e] of f.entries.entries()) {
    if (!e || typeof e !== 'object' || typeof e.epoch !== 'number' || typeof e.bounded !== 'boolean') {
      throw new DataFormatError(where(`${path}: entry ${k} is malformed.`));
    }
  }
  return f.entries;
}

/**
 * Keep only the entries of epochs ≤ `epoch`, rewritten atomically (used when a run resumes from
 * an earlier checkpoint). Does nothing when there is no timeline.
 *
 * ```ts
 * truncateTimeline('runs/a', 10);
 * ```
 */
export function truncateTimeline(runDir: string, epoch: number): void {
  const path = join(runDir, TIMELINE_FILE);
  if (!existsSync(path)) return;
  const entries = readTimeline(path).filter((e) => e.epoch <= epoch);
  const file: TimelineFile = { format: FORMAT, version: VERSION, entries };
  atomicWriteFileSync(path, packr.pack(file));
}
