/**
 * Floats of state that one chunk of samples may use, sized to stay in the L2 cache.
 *
 * ```ts
 * const samples = Math.floor(CHUNK_FLOATS / rows);
 * ```
 */
export const CHUNK_FLOATS = 1 << 16;

/**
 * Samples per chunk for a model holding `rows` state rows: as many as fit `CHUNK_FLOATS`, at
 * least 8, at most n.
 *
 * ```ts
 * const m = chunkSize(500, 10_000); // 131
 * ```
 */
export function chunkSize(rows: number, n: number): number {
  return Math.max(1, Math.min(n, Math.max(8, Math.floor(CHUNK_FLOATS / Math.max(1, rows)))));
}
