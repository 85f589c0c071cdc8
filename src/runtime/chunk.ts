/**
 * Floats of state that one chunk of samples may use (256 KiB: in the L2 cache, with room for the
 * batch staged beside it).
 *
 * ```ts
 * const samples = Math.floor(CHUNK_FLOATS / rows);
 * ```
 */
export const CHUNK_FLOATS = 1 << 16;

/**
 * Samples per chunk for a state of `rows` rows: a multiple of 32 that fits `CHUNK_FLOATS` (at
 * least 32), or the batch rounded up to whole SIMD lanes (4) when that is less; n itself below 4.
 *
 * ```ts
 * const m = samplesPerChunk(500, 10_000); // 128
 * ```
 */
export function samplesPerChunk(rows: number, n: number): number {
  const fit = Math.max(32, Math.floor(CHUNK_FLOATS / Math.max(1, rows)) & ~31);
  return n < 4 ? n : Math.min(fit, (n + 3) & ~3);
}
