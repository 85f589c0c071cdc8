import { ShapeError, prefix } from '../../errors.js';

const where = prefix('isotropic compare');

/** How much a network's outputs moved (Bird's Experiment 1 measures). */
export interface OutputChange {
  /** 100/N · Σ ‖z_post − z_pre‖₂ / ‖z_pre‖₂, in percent. */
  scaledEps: number;
  /** Mean over samples of KL(softmax(z_pre) ‖ softmax(z_post)), in nats. */
  kl: number;
  /** max over samples and logits of |z_post − z_pre|. */
  maxAbs: number;
}

/**
 * Compare logits before and after a change (both n×dOut, row-major) as the paper does: scaled
 * ε (percent), mean KL(pre‖post) in nats, and the largest absolute change.
 *
 * ```ts
 * const { scaledEps, kl } = outputChange(before, after, data.test.n, 10);
 * ```
 */
export function outputChange(before: Float32Array, after: Float32Array, n: number, dOut: number): OutputChange {
  if (before.length !== n * dOut || after.length !== n * dOut) throw new ShapeError(where(`expected ${n}×${dOut} logits, got ${before.length} and ${after.length}.`));
  let eps = 0;
  let kl = 0;
  let maxAbs = 0;
  for (let s = 0; s < n; s++) {
    const o = s * dOut;
    let d2 = 0;
    let p2 = 0;
    let mp = -Infinity;
    let mq = -Infinity;
    for (let k = o; k < o + dOut; k++) {
      const d = after[k] - before[k];
      d2 += d * d;
      p2 += before[k] * before[k];
      maxAbs = Math.max(maxAbs, Math.abs(d));
      mp = Math.max(mp, before[k]);
      mq = Math.max(mq, after[k]);
    }
    eps += p2 > 0 ? Math.sqrt(d2 / p2) : d2 > 0 ? Infinity : 0;
    let zp = 0;
    let zq = 0;
    for (let k = o; k < o + dOut; k++) {
      zp += Math.exp(before[k] - mp);
      zq += Math.exp(after[k] - mq);
    }
    const lzp = Math.log(zp) + mp;
    const lzq = Math.log(zq) + mq;
    for (let k = o; k < o + dOut; k++) {
      const lp = before[k] - lzp;
      kl += Math.exp(lp) * (lp - (after[k] - lzq));
    }
  }
  return { scaledEps: n === 0 ? 0 : (100 * eps) / n, kl: n === 0 ? 0 : kl / n, maxAbs };
}

/**
 * Accuracy of logits (n×dOut) against labels: argmax, first maximum.
 *
 * ```ts
 * logitAccuracy(logits, data.test.y, 10);
 * ```
 */
export function logitAccuracy(logits: Float32Array, y: Int32Array, dOut: number): number {
  let ok = 0;
  for (let s = 0; s < y.length; s++) {
    let best = 0;
    for (let k = 1; k < dOut; k++) if (logits[s * dOut + k] > logits[s * dOut + best]) best = k;
    if (best === y[s]) ok++;
  }
  return y.length === 0 ? 0 : ok / y.length;
}
