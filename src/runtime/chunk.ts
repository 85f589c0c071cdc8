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

/**
 * Copy samples `s0 .. s0+mb` of a row-major n×dIn batch into `buf` neuron-major (feature k of
 * sample s at `k*m + s`): the layout the kernels run on.
 *
 * ```ts
 * const rows = chunkSize(cfg.dIn, n), buf = new Float32Array(cfg.dIn * rows);
 * loadChunk(buf, x, 0, Math.min(rows, n), cfg.dIn, rows); // buf[k * rows + s] = x[s * dIn + k]
 * ```
 */
export function loadChunk(buf: Float32Array, x: Float32Array, s0: number, mb: number, dIn: number, m: number): void {
  for (let s = 0; s < mb; s++) {
    const xo = (s0 + s) * dIn;
    for (let k = 0; k < dIn; k++) buf[k * m + s] = x[xo + k];
  }
}
