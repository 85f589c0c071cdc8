const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/**
 * CRC-32 (IEEE 802.3, as zlib and PNG) of a byte range; pass the CRC of earlier bytes as `prev`
 * to continue it over several buffers.
 *
 * ```ts
 * crc32(new TextEncoder().encode('123456789')); // 0xcbf43926
 * ```
 */
export function crc32(bytes: Uint8Array, from = 0, to = bytes.length, prev = 0): number {
  let c = (prev ^ 0xffffffff) >>> 0;
  for (let k = from; k < to; k++) c = TABLE[(c ^ bytes[k]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * CRC-32 of several byte arrays taken in order, as if concatenated.
 *
 * ```ts
 * const crc = crc32Parts([new Uint8Array([1, 2]), new Uint8Array([3])]) === crc32(new Uint8Array([1, 2, 3])); // true
 * ```
 */
export function crc32Parts(parts: readonly Uint8Array[]): number {
  let c = 0;
  for (const p of parts) c = crc32(p, 0, p.length, c);
  return c;
}
