import type { SparseModel } from '../core/sparse-model.js';
import { predictReplay } from './predict-replay.js';
import { predictLayered } from './predict-layered.js';

/**
 * Logits of either sparse form for a batch: `n×dIn` row-major floats in, `n×dOut` out.
 *
 * ```ts
 * const logits = predict(decodeModel(bytes), data.test.x, data.test.n);
 * ```
 */
export function predict(model: SparseModel, x: Float32Array, n: number): Float32Array {
  return model.form === 'replay' ? predictReplay(model, x, n) : predictLayered(model, x, n);
}
