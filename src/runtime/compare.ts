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

/** One sample's error: the largest |Δlogit|, that over the dense scale, and whether its class differs. */
export interface RowError {
  abs: number;
  rel: number;
  flip: boolean;
}

/**
 * Row `k` of `sparse` against row `i` of `dense` (`dOut` logits each): the largest absolute
 * error (a NaN error is as bad as it gets: Infinity, never within tolerance), the same over
 * max(‖dense row‖∞, REL_ERROR_FLOOR), and whether the predicted classes differ.
 *
 * ```ts
 * const { rel, flip } = rowError(sparseLogits, s, logits, s, model.config.dOut);
 * ```
 */
export function rowError(sparse: Float32Array, k: number, dense: Float32Array, i: number, dOut: number): RowError {
  let abs = 0;
  let scale = 0;
  for (let c = 0; c < dOut; c++) {
    const d = dense[i * dOut + c];
    const e = Math.abs(sparse[k * dOut + c] - d);
    abs = e > abs || e !== e ? e : abs;
    scale = Math.max(scale, Math.abs(d));
  }
  if (abs !== abs) abs = Infinity;
  const flip = predictedClass(sparse, k, dOut) !== predictedClass(dense, i, dOut);
  return { abs, rel: abs / Math.max(scale, REL_ERROR_FLOOR), flip };
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
    const e = rowError(sparse, s, dense, s, dOut);
    maxAbs = Math.max(maxAbs, e.abs);
    maxRel = Math.max(maxRel, e.rel);
    if (!e.flip) agree++;
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
