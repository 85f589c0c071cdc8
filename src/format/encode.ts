import { Packr } from 'msgpackr';
import type { SparseModel } from '../core/sparse-model.js';
import { FORMAT_VERSION, HEADER_BYTES, MAGIC, MAX_MANIFEST_BYTES, align8 } from './layout.js';
import { leBytes } from './endian.js';
import { crc32 } from './crc32.js';
import { toManifest } from './manifest.js';
import { validateModel } from './validate-model.js';
import { failer } from './schema.js';

const packr = new Packr({ useRecords: false, moreTypes: false });

/**
 * Serialise a sparse model (either form, with its certificate and topology report) to the model
 * file format; see `layout.ts`. Validates the model first and refuses (`ModelFormatError`) to
 * write one that `decodeModel` would reject. Deterministic: the same model gives the same bytes.
 *
 * ```ts
 * const bytes = encodeModel(model);
 * ```
 */
export function encodeModel(m: SparseModel): Uint8Array {
  const fail = failer('encodeModel');
  validateModel(m, fail);
  const { manifest, arrays, dataBytes } = toManifest(m, fail);
  const packed: Uint8Array = packr.pack(manifest);
  if (packed.length > MAX_MANIFEST_BYTES) fail(`the manifest takes ${packed.length} bytes, over the ${MAX_MANIFEST_BYTES} limit.`);
  const dataStart = align8(HEADER_BYTES + packed.length);
  const out = new Uint8Array(dataStart + dataBytes);
  for (let k = 0; k < MAGIC.length; k++) out[k] = MAGIC.charCodeAt(k);
  const dv = new DataView(out.buffer);
  dv.setUint32(8, FORMAT_VERSION, true);
  dv.setUint32(12, packed.length, true);
  out.set(packed, HEADER_BYTES);
  let offset = dataStart;
  for (const a of arrays) {
    out.set(leBytes(a), offset);
    offset = dataStart + align8(offset - dataStart + a.byteLength);
  }
  dv.setUint32(16, crc32(out, HEADER_BYTES), true);
  return out;
}
