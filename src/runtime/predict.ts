import type { SparseModel } from '../core/sparse-model.js';
import { predictReplay } from './predict-replay.js';
import { predictLayered } from './predict-layered.js';
import { checkBatch } from './check-input.js';
import { NonFiniteOutputError, prefix } from '../errors.js';

const where = prefix('predict');

/**
 * Logits of either sparse form for a batch: `n×dIn` row-major floats in, `n×dOut` out. A
 * non-finite input raises `DataFormatError`; a non-finite output raises `NonFiniteOutputError`
 * (never a NaN logit, which would read as a class).
 *
 * ```ts
 * const logits = predict(decodeModel(bytes), data.test.x, data.test.n);
 * ```
 */
export function predict(model: SparseModel, x: Float32Array, n: number): Float32Array {
  const { dIn, dOut } = model.config;
  checkBatch(x, n, dIn);
  // Both forms raise DataFormatError for a non-finite input as their kernels load the batch.
  const out = model.form === 'replay' ? predictReplay(model, x, n) : predictLayered(model, x, n);
  for (let k = 0; k < out.length; k++) {
    if (!Number.isFinite(out[k])) {
      throw new NonFiniteOutputError(where(`input row ${Math.floor(k / dOut) + 1} gives output ${k % dOut} = ${out[k]} (float32 overflow). Scale the inputs as in training.`));
    }
  }
  return out;
}
