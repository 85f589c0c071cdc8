import { ShapeError, prefix } from '../errors.js';

/**
 * Relative errors divide by max(‖dense logits‖∞, REL_ERROR_FLOOR), so all-zero logits stay finite.
 *
 * ```ts
 * const rel = err / Math.max(scale, REL_ERROR_FLOOR);
 * ```
 */
export const REL_ERROR_FLOOR = 1e-6;

const where = prefix('verify');

/** What comparing two sets of logits found. */
export interface LogitComparison {
  maxAbsError: number;
  maxRelError: number;
  argmaxAgreement: number;
  accuracyDense?: number;
  accuracySparse?: number;
}

/**
 * Predicted class of one sample: argmax (first maximum), or logit > 0 when there is one logit.
 *
 * ```ts
 * predictedClass(logits, s, model.config.dOut);
 * ```
 */
export function predictedClass(logits: Float32Array, s: number, dOut: number): number {
  const o = s * dOut;
  if (dOut === 1) return logits[o] > 0 ? 1 : 0;
  let best = 0;
  for (let k = 1; k < dOut; k++) if (logits[o + k] > logits[o + best]) best = k;
  return best;
}

/**
 * Compare sparse and dense logits (`n×dOut`, row-major): the largest absolute and relative
 * error, the class agreement over all n samples, and both accuracies over the first `y.length`
 * samples when labels are given.
 *
 * ```ts
 * const c = compareLogits(predict(model, x, n), await denseLogits(snapshot, x, n), n, dOut, y);
 * ```
 */
export function compareLogits(sparse: Float32Array, dense: Float32Array, n: number, dOut: number, y?: Int32Array): LogitComparison {
  if (sparse.length !== n * dOut || dense.length !== n * dOut) {
    throw new ShapeError(where(`expected ${n}×${dOut} logits, got ${sparse.length} sparse and ${dense.length} dense.`));
  }
  if (y && y.length > n) throw new ShapeError(where(`${y.length} labels for ${n} samples.`));
  let maxAbs = 0;
  let maxRel = 0;
  let agree = 0;
  for (let s = 0; s < n; s++) {
    let err = 0;
    let scale = 0;
    for (let k = s * dOut; k < (s + 1) * dOut; k++) {
      const e = Math.abs(sparse[k] - dense[k]);
      err = e > err || e !== e ? e : err;
      scale = Math.max(scale, Math.abs(dense[k]));
    }
    // A NaN error is as bad as it gets: report it as infinite (and so never within tolerance).
    if (err !== err) err = Infinity;
    maxAbs = Math.max(maxAbs, err);
    maxRel = Math.max(maxRel, err / Math.max(scale, REL_ERROR_FLOOR));
    if (predictedClass(sparse, s, dOut) === predictedClass(dense, s, dOut)) agree++;
  }
  const out: LogitComparison = { maxAbsError: maxAbs, maxRelError: maxRel, argmaxAgreement: n === 0 ? 1 : agree / n };
  if (y && y.length > 0) {
    let cd = 0;
    let cs = 0;
    for (let s = 0; s < y.length; s++) {
      if (predictedClass(dense, s, dOut) === y[s]) cd++;
      if (predictedClass(sparse, s, dOut) === y[s]) cs++;
    }
    out.accuracyDense = cd / y.length;
    out.accuracySparse = cs / y.length;
  }
  return out;
}
