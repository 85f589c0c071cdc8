/** Test data and the comparison the native self-checks share. */

/** Relative-plus-absolute tolerance of the self-check (float32 GEMM against a float64 loop). */
export const TOL = { rtol: 1e-4, atol: 1e-5 };

/** A small deterministic pseudo-random float array (no dependency on the engine's RNG). */
export function values(n: number, seed: number): Float32Array<ArrayBuffer> {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

/** null when `got` matches `want` within `TOL`, else a line naming the first element that does not. */
export function compare(got: ArrayLike<number>, want: ArrayLike<number>, what: string): string | null {
  if (got.length !== want.length) return `${what}: ${got.length} values, expected ${want.length}`;
  for (let k = 0; k < want.length; k++) {
    if (!(Math.abs(got[k] - want[k]) <= TOL.atol + TOL.rtol * Math.abs(want[k]))) {
      return `${what}: element ${k} is ${got[k]}, expected ${want[k]}`;
    }
  }
  return null;
}
