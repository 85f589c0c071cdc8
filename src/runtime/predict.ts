import type { SparseModel } from '../core/sparse-model.js';
import { predictReplay } from './predict-replay.js';
import { predictLayered } from './predict-layered.js';
import { checkBatch } from './check-input.js';
import { NonFiniteOutputError, prefix } from '../errors.js';

const where = prefix('predict');

/**
 * Logits of either sparse form for a batch: `n×dIn` row-major floats in, `n×dOut` out. A
 * non-finite input raises `DataFormatError`; a non-finite output raises `NonFiniteOutputError`
 * (never a NaN logit, which would read as a class). One thread; `createPool` splits large
 * batches over worker threads, with the same results bit for bit.
 *
 * ```ts
 * const logits = predict(decodeModel(bytes), data.test.x, data.test.n);
 * ```
 */
export function predict(model: SparseModel, x: Float32Array, n: number): Float32Array {
  checkBatch(x, n, model.config.dIn);
  const out = predictForm(model, x, n);
  checkOutputs(out, model.config.dOut);
  return out;
}

/**
 * The logits of either form, unchecked: `predictReplay` or `predictLayered`, which raise
 * DataFormatError for a non-finite input as their kernels load the batch.
 *
 * ```ts
 * const logits = predictForm(model, x, n);
 * ```
 */
export function predictForm(model: SparseModel, x: Float32Array, n: number): Float32Array {
  return model.form === 'replay' ? predictReplay(model, x, n) : predictLayered(model, x, n);
}

/**
 * Throw `NonFiniteOutputError` for the first non-finite logit of `n×dOut` row-major outputs.
 *
 * ```ts
 * checkOutputs(predictForm(model, x, n), model.config.dOut);
 * ```
 */
export function checkOutputs(out: Float32Array, dOut: number): void {
  for (let k = 0; k < out.length; k++) {
    if (!Number.isFinite(out[k])) {
      throw new NonFiniteOutputError(where(`input row ${Math.floor(k / dOut) + 1} gives output ${k % dOut} = ${out[k]} (float32 overflow). Scale the inputs as in training.`));
    }
  }
}
