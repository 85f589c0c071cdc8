import { DataFormatError, ShapeError, prefix } from '../errors.js';

const where = prefix('sparse predict');
const wherePredict = prefix('predict');

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

/**
 * The error for a batch with a non-finite value (NaN or ±Infinity), naming the first one's row and
 * feature; the kernels detect it as they load the batch, and this finds where.
 *
 * ```ts
 * const kernel = new WasmKernel();
 * kernel.state(2 * n * dIn);
 * if (!kernel.load(x, 0, n, dIn, n, n * dIn)) throw nonFiniteInput(x, dIn);
 * ```
 */
export function nonFiniteInput(x: Float32Array, dIn: number): DataFormatError {
  let k = 0;
  while (k < x.length && Number.isFinite(x[k])) k++;
  return new DataFormatError(wherePredict(`input row ${Math.floor(k / dIn) + 1}, feature ${(k % dIn) + 1} is ${x[k]}. Pass finite numbers.`));
}
