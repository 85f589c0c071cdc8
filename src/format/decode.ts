import { Unpackr } from 'msgpackr';
import type { SparseModel } from '../core/sparse-model.js';
import { FileKindError, ModelFormatError } from '../errors.js';
import { DEFAULT_MAX_BYTES, HEADER_BYTES, MAGIC, MAX_MANIFEST_BYTES, SUPPORTED_VERSIONS, align8 } from './layout.js';
import { readArray } from './endian.js';
import { crc32 } from './crc32.js';
import { TOP_KEYS, fromManifest, readTable } from './manifest.js';
import { validateModel } from './validate-model.js';
import { failer, field, record } from './schema.js';

const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, moreTypes: false });

/** Options of `decodeModel`. */
export interface DecodeOptions {
  /** Refuse inputs larger than this many bytes before decoding anything. Default 1 GiB. */
  maxBytes?: number;
  /** Copy every array out of `bytes` instead of viewing it where aligned. Default false. */
  copy?: boolean;
}

/**
 * Parse and validate a model file; anything malformed, truncated, corrupt, hostile or of an
 * unsupported version raises `ModelFormatError`. Arrays are zero-copy views into `bytes` where
 * they are 4-aligned (pass `copy: true` if you will reuse the buffer).
 *
 * ```ts
 * const model = decodeModel(readFileSync('model.urn'));
 * ```
 */
export function decodeModel(bytes: Uint8Array, options: DecodeOptions = {}): SparseModel {
  const fail = failer('model file');
  if (!(bytes instanceof Uint8Array)) fail('expected the file contents as a Uint8Array.');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) fail(`${bytes.length} bytes exceeds the ${maxBytes}-byte limit. Pass a larger maxBytes if you trust it.`);
  if (bytes.length < HEADER_BYTES) fail(`only ${bytes.length} bytes, shorter than the ${HEADER_BYTES}-byte header. Is it truncated?`);
  for (let k = 0; k < MAGIC.length; k++) {
    if (bytes[k] === MAGIC.charCodeAt(k)) continue;
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 64));
    if (head.includes('urn-checkpoint')) throw new FileKindError('model file: this is a training checkpoint, not an exported model. Run urn export on its run directory first.');
    fail(`does not start with '${MAGIC}': not a URN model file.`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = dv.getUint32(8, true);
  if (!SUPPORTED_VERSIONS.includes(version)) {
    fail(`format version ${version} is not supported (this build reads ${SUPPORTED_VERSIONS.join(', ')}). Upgrade urn-engine.`);
  }
  const manifestBytes = dv.getUint32(12, true);
  if (manifestBytes > MAX_MANIFEST_BYTES) fail(`manifest of ${manifestBytes} bytes exceeds the ${MAX_MANIFEST_BYTES}-byte limit.`);
  const dataStart = align8(HEADER_BYTES + manifestBytes);
  if (dataStart > bytes.length) fail(`truncated: the manifest needs ${dataStart} bytes, the file has ${bytes.length}.`);
  if (dv.getUint32(20, true) !== 0) fail('reserved header bytes are not zero.');
  if (crc32(bytes, HEADER_BYTES) !== dv.getUint32(16, true)) fail('checksum mismatch: the file is corrupt or truncated.');
  let manifest: unknown;
  try {
    manifest = unpackr.unpack(bytes.subarray(HEADER_BYTES, HEADER_BYTES + manifestBytes));
  } catch (e) {
    if (e instanceof ModelFormatError) throw e;
    fail(`the manifest is not valid msgpack (${String((e as Error)?.message ?? e).slice(0, 80)}).`);
  }
  const top = record(manifest, 'manifest', TOP_KEYS, fail);
  if (field(top, 'formatVersion') !== version) fail('the manifest version does not match the header.');
  const dataBytes = bytes.length - dataStart;
  const table = readTable(field(top, 'arrays'), dataBytes, fail);
  const copy = options.copy ?? false;
  const model = fromManifest(
    top,
    table.length,
    (k, dtype) => {
      const e = table[k];
      if (e.dtype !== dtype) fail(`array ${k} must be ${dtype}, got ${e.dtype}.`);
      return readArray(bytes, dtype, dataStart + e.offset, e.shape[0], copy);
    },
    fail,
  );
  validateModel(model, fail);
  return model;
}
