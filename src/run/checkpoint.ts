import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Packr } from 'msgpackr';
import { ChecksumError, FileKindError, FileSystemError, ModelFormatError, prefix } from '../errors.js';
import { crc32Parts } from '../format/crc32.js';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import { resolveConfig, type UrnConfig } from '../core/config.js';
import { RUN_FILES } from './files.js';
import type { Snapshot } from '../core/snapshot.js';

export const CHECKPOINT_MAGIC = 'urn-checkpoint';
export const CHECKPOINT_VERSION = 2;
/** Versions read: 1 (no checksum, from older builds) and 2 (CRC-32 over the metadata and every array). */
const READ_VERSIONS = [1, 2];
/** File name of the checkpoint inside a run directory (`RUN_FILES.checkpoint`). */
export const CHECKPOINT_FILE = RUN_FILES.checkpoint;

/** Adam's state as plain arrays: the step count and the two moments of W and b. */
export interface AdamState {
  /** Steps taken. */
  t: number;
  m: Float32Array[];
  v: Float32Array[];
}
/** Largest checkpoint file read (bytes); a guard before msgpackr allocates anything. */
export const MAX_CHECKPOINT_BYTES = 4 * 1024 ** 3 - 1;

/** Everything needed to resume training exactly, or to read the network off. */
export interface Checkpoint {
  config: UrnConfig;
  /** Epochs completed. */
  epoch: number;
  W: Float32Array;
  b: Float32Array;
  adam: AdamState;
  /** Training options and dataset description, as JSON-able data. */
  train: Record<string, unknown>;
}

const where = prefix('checkpoint');
const packr = new Packr({ useRecords: false });

const bytesOf = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function floats(v: unknown, n: number, name: string, file: string): Float32Array {
  if (!(v instanceof Uint8Array) || v.byteLength !== n * 4) {
    const got = v instanceof Uint8Array ? `${v.byteLength} bytes` : typeof v;
    throw new ModelFormatError(where(`${file}: '${name}' should hold ${n} float32 (${n * 4} bytes), got ${got}.`));
  }
  // Copy: msgpackr's bin may be unaligned or share the file's buffer.
  const out = new Float32Array(n);
  new Uint8Array(out.buffer).set(v);
  return out;
}

/**
 * Encode a checkpoint to bytes: msgpack with a magic string and version, the metadata (config,
 * epoch, options, Adam step) as one packed bin, the arrays as raw bins, and a CRC-32 over the
 * metadata bin and every array, in that order.
 *
 * ```ts
 * const bytes = encodeCheckpoint(ckpt);
 * ```
 */
export function encodeCheckpoint(c: Checkpoint): Uint8Array {
  const meta: Uint8Array = packr.pack({ config: c.config, epoch: c.epoch, train: c.train, t: c.adam.t });
  const arrays = [c.W, c.b, ...c.adam.m, ...c.adam.v].map(bytesOf);
  return packr.pack({
    magic: CHECKPOINT_MAGIC,
    version: CHECKPOINT_VERSION,
    meta,
    W: arrays[0],
    b: arrays[1],
    adam: { m: arrays.slice(2, 4), v: arrays.slice(4, 6) },
    crc: crc32Parts([meta, ...arrays]),
  });
}

/** Check a version-2 file's CRC and unfold its metadata into the version-1 shape. */
function unseal(raw: Record<string, unknown>, file: string): Record<string, unknown> {
  const adam = raw.adam as { m?: unknown; v?: unknown } | undefined;
  const parts = [raw.meta, raw.W, raw.b, ...(Array.isArray(adam?.m) ? adam.m : [null]), ...(Array.isArray(adam?.v) ? adam.v : [null])];
  if (!parts.every((p) => p instanceof Uint8Array) || parts.length !== 7 || typeof raw.crc !== 'number') {
    throw new ModelFormatError(where(`${file}: the metadata, arrays or checksum are missing. The file is corrupt.`));
  }
  if (crc32Parts(parts as Uint8Array[]) !== raw.crc) {
    throw new ChecksumError(where(`${file}: checksum mismatch, the file is corrupt. Resume from a backup or train again.`));
  }
  let meta: Record<string, unknown>;
  try {
    meta = packr.unpack(raw.meta as Uint8Array) as Record<string, unknown>;
  } catch (e) {
    throw new ModelFormatError(where(`${file}: the metadata is not valid msgpack (${(e as Error).message}).`));
  }
  if (!meta || typeof meta !== 'object') throw new ModelFormatError(where(`${file}: the metadata is not a map.`));
  return { ...meta, W: raw.W, b: raw.b, adam: { t: meta.t, m: adam?.m, v: adam?.v } };
}

/**
 * Decode and validate checkpoint bytes; throws `ChecksumError` when the stored CRC does not
 * match and `ModelFormatError` on anything else wrong.
 *
 * ```ts
 * const ckpt = decodeCheckpoint(readFileSync('run/checkpoint.msgpack'));
 * ```
 */
export function decodeCheckpoint(bytes: Uint8Array, file = '<bytes>'): Checkpoint {
  if (Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(8, bytes.length)).toString('latin1') === 'URNMODEL') {
    throw new FileKindError(where(`${file} is an exported model file, not a run or checkpoint. Pass the run directory it was exported from (urn predict and urn verify take model files).`));
  }
  let raw: Record<string, unknown>;
  try {
    raw = packr.unpack(bytes) as Record<string, unknown>;
  } catch (e) {
    throw new ModelFormatError(where(`${file} is not valid msgpack (${(e as Error).message}). The file is corrupt or truncated.`));
  }
  if (!raw || typeof raw !== 'object' || raw.magic !== CHECKPOINT_MAGIC) {
    throw new ModelFormatError(where(`${file} is not a URN checkpoint (magic string missing).`));
  }
  if (!READ_VERSIONS.includes(raw.version as number)) {
    throw new ModelFormatError(where(`${file} has version ${String(raw.version)}; this engine reads versions ${READ_VERSIONS.join(', ')}.`));
  }
  if (raw.version === 2) raw = unseal(raw, file);
  let config: UrnConfig;
  try {
    config = resolveConfig(raw.config as UrnConfig);
  } catch (e) {
    throw new ModelFormatError(where(`${file} holds an invalid config: ${(e as Error).message}`));
  }
  const { S } = config;
  const adam = raw.adam as { t: unknown; m: unknown; v: unknown } | undefined;
  if (!adam || typeof adam.t !== 'number' || !Array.isArray(adam.m) || !Array.isArray(adam.v) || adam.m.length !== 2 || adam.v.length !== 2) {
    throw new ModelFormatError(where(`${file}: optimizer state is missing or malformed.`));
  }
  if (typeof raw.epoch !== 'number' || !Number.isInteger(raw.epoch) || raw.epoch < 0) {
    throw new ModelFormatError(where(`${file}: epoch must be a non-negative integer.`));
  }
  const sizes = [S * S, S];
  const W = floats(raw.W, S * S, 'W', file);
  const b = floats(raw.b, S, 'b', file);
  for (const [name, arr] of [['W', W], ['b', b]] as const) {
    if (!arr.every(Number.isFinite)) throw new ModelFormatError(where(`${file}: ${name} holds non-finite values.`));
  }
  return {
    config,
    epoch: raw.epoch,
    W,
    b,
    adam: {
      t: adam.t,
      m: (adam.m as unknown[]).map((a, k) => floats(a, sizes[k], `adam.m[${k}]`, file)),
      v: (adam.v as unknown[]).map((a, k) => floats(a, sizes[k], `adam.v[${k}]`, file)),
    },
    train: (raw.train ?? {}) as Record<string, unknown>,
  };
}

/** Write a checkpoint atomically (temp file, fsync, rename). */
export function writeCheckpoint(path: string, c: Checkpoint): void {
  atomicWriteFileSync(path, encodeCheckpoint(c));
}

/**
 * Read a checkpoint from a file or from a run directory (its `checkpoint.msgpack`).
 *
 * ```ts
 * const ckpt = readCheckpoint('runs/spheres');
 * ```
 */
export function readCheckpoint(pathOrRunDir: string): Checkpoint {
  let path = pathOrRunDir;
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, CHECKPOINT_FILE);
  if (!existsSync(path)) {
    throw new FileSystemError(where(`${path} does not exist. Pass a run directory or a checkpoint file written by 'urn train'.`));
  }
  const size = statSync(path).size;
  if (size > MAX_CHECKPOINT_BYTES) throw new ModelFormatError(where(`${path} is ${size} bytes, over the ${MAX_CHECKPOINT_BYTES}-byte limit.`));
  return decodeCheckpoint(readFileSync(path), path);
}

/** The typed-array snapshot of a checkpoint (no activity statistics). */
export function checkpointSnapshot(c: Checkpoint): Pick<Snapshot, 'config' | 'W' | 'b'> {
  return { config: c.config, W: c.W, b: c.b };
}
