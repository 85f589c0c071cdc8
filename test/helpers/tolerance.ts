/**
 * Tolerances, set in one place and scaled to float32 and to the size of the expected value.
 * `close(a, e)` holds when |a − e| ≤ ATOL + RTOL·|e|.
 */
export const F32 = { rtol: 1e-5, atol: 1e-6 };
/** Looser bound for values that went through several float32 reductions (sums over S² terms). */
export const F32_REDUCED = { rtol: 1e-4, atol: 1e-5 };

export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: { rtol: number; atol: number } = F32,
  what = 'value',
): void {
  if (actual.length !== expected.length) {
    throw new Error(`${what}: length ${actual.length} ≠ expected ${expected.length}`);
  }
  for (let k = 0; k < expected.length; k++) {
    const a = actual[k];
    const e = expected[k];
    if (!(Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e))) {
      throw new Error(`${what}[${k}]: ${a} ≠ ${e} (|Δ| = ${Math.abs(a - e)}, rtol ${tol.rtol}, atol ${tol.atol})`);
    }
  }
}
