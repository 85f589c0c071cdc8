/**
 * The model file layout (all integers little-endian):
 *
 * | bytes | content |
 * |---|---|
 * | 0..8 | magic `URNMODEL` |
 * | 8..12 | format version (u32) |
 * | 12..16 | manifest length M (u32) |
 * | 16..20 | CRC-32 of bytes 24..end (u32) |
 * | 20..24 | reserved, 0 |
 * | 24..24+M | manifest: one msgpack map (form, config, certificate, topology, array table, model) |
 * | align8(24+M).. | data: the arrays, each at an 8-aligned offset, zero padded between |
 *
 * Array offsets in the manifest are relative to the start of the data section.
 */
/**
 * The first 8 bytes of every model file.
 *
 * ```ts
 * new TextDecoder().decode(bytes.subarray(0, 8)) === MAGIC;
 * ```
 */
export const MAGIC = 'URNMODEL';
/**
 * The format version this code writes; it reads exactly the versions in SUPPORTED_VERSIONS.
 *
 * ```ts
 * new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true) === FORMAT_VERSION;
 * ```
 */
export const FORMAT_VERSION = 1;
/** Versions `decodeModel` reads. */
export const SUPPORTED_VERSIONS: readonly number[] = [1];
/** Fixed header: magic, version, manifest length, CRC, reserved. */
export const HEADER_BYTES = 24;
/**
 * Files larger than this are refused before anything is decoded (override with `maxBytes`).
 *
 * ```ts
 * decodeModel(bytes, { maxBytes: 4 * DEFAULT_MAX_BYTES });
 * ```
 */
export const DEFAULT_MAX_BYTES = 1 << 30;
/**
 * The msgpack manifest may not exceed this many bytes (msgpackr has no count limits).
 *
 * ```ts
 * if (manifestBytes > MAX_MANIFEST_BYTES) fail('manifest too large');
 * ```
 */
export const MAX_MANIFEST_BYTES = 16 << 20;
/** Largest S a file may declare. */
export const MAX_NEURONS = 1 << 24;
/** Largest I a file may declare (bounds the work of a replay). */
export const MAX_ITERATIONS = 4096;
/** Deepest nesting allowed in the opaque topology report. */
export const MAX_JSON_DEPTH = 64;

/**
 * Round up to a multiple of 8.
 *
 * ```ts
 * align8(13); // 16
 * ```
 */
export const align8 = (n: number): number => Math.ceil(n / 8) * 8;
