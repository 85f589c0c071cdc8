import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Packr } from 'msgpackr';
import { ChecksumError, DataFormatError, prefix } from '../errors.js';
import { crc32 } from '../format/crc32.js';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import { RUN_FILES } from './files.js';
import type { TimelineEntry } from '../topology/timeline.js';

const where = prefix('timeline');

/**
 * File name of the timeline inside a run directory.
 *
 * ```ts
 * readTimeline(join(runDir, TIMELINE_FILE));
 * ```
 */
export const TIMELINE_FILE = RUN_FILES.timeline;

/** Largest timeline file read (msgpackr has no count limits, so cap before decoding). */
const MAX_BYTES = 64 * 1024 * 1024;
const FORMAT = 'urn-timeline';
const VERSION = 2;
const packr = new Packr({ useRecords: false });

/** Version 2 stores the entries as one packed bin with its CRC-32; version 1 stored them inline. */
interface TimelineFile {
  format: typeof FORMAT;
  version: number;
  entries: TimelineEntry[] | Uint8Array;
  crc?: number;
}

/** The bytes of a timeline file holding `entries`. */
function encodeTimeline(entries: TimelineEntry[]): Uint8Array {
  const body: Uint8Array = packr.pack(entries);
  const file: TimelineFile = { format: FORMAT, version: VERSION, entries: body, crc: crc32(body) };
  return packr.pack(file);
}

/** The entries of a decoded file, after checking its CRC (version 2). */
function unsealEntries(f: TimelineFile, path: string): unknown {
  if (f.version === 1) return f.entries;
  if (!(f.entries instanceof Uint8Array) || typeof f.crc !== 'number') throw new DataFormatError(where(`${path}: the entries or checksum are missing. The file is corrupt.`));
  if (crc32(f.entries) !== f.crc) throw new ChecksumError(where(`${path}: checksum mismatch, the file is corrupt. Delete it or train again.`));
  try {
    return packr.unpack(f.entries);
  } catch (e) {
    throw new DataFormatError(where(`${path}: the entries are not valid msgpack (${(e as Error).message}).`));
  }
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
  atomicWriteFileSync(path, encodeTimeline(entries));
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
  const f = data as TimelineFile | null;
  if (!f || typeof f !== 'object' || f.format !== FORMAT) throw new DataFormatError(where(`${path} is not a URN timeline.`));
  if (f.version !== 1 && f.version !== VERSION) {
    throw new DataFormatError(where(`${path} has timeline version ${String(f.version)}; this build reads 1 and ${VERSION}.`));
  }
  const entries = unsealEntries(f, path);
  if (!Array.isArray(entries)) throw new DataFormatError(where(`${path}: entries must be a list.`));
  for (const [k, e] of (entries as TimelineEntry[]).entries()) {
    if (!e || typeof e !== 'object' || typeof e.epoch !== 'number' || typeof e.bounded !== 'boolean') {
      throw new DataFormatError(where(`${path}: entry ${k} is malformed.`));
    }
  }
  return entries as TimelineEntry[];
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
  atomicWriteFileSync(path, encodeTimeline(entries));
}
