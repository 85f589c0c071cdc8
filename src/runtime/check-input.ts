import { ShapeError, prefix } from '../errors.js';

const where = prefix('sparse predict');

/**
 * Check a batch given as row-major `n×dIn` floats; throws `ShapeError` naming the mismatch.
 *
 * ```ts
 * checkBatch(x, n, model.config.dIn);
 * ```
 */
export function checkBatch(x: Float32Array, n: number, dIn: number): void {
  if (!Number.isInteger(n) || n < 0) throw new ShapeError(where(`n must be an integer ≥ 0, got ${n}.`));
  if (!(x instanceof Float32Array)) throw new ShapeError(where('x must be a Float32Array.'));
  if (x.length !== n * dIn) {
    throw new ShapeError(where(`expected n×dIn = ${n}×${dIn} = ${n * dIn} values, got ${x.length}.`));
  }
}
