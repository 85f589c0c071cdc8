import type { SparseModel } from '../core/sparse-model.js';
import { predict } from '../runtime/predict.js';
import { rowError, type RowError } from '../runtime/compare.js';
import { ruleError, type CertifySamples, type PassRule } from './certify.js';

/** A model rejected on the probe: its numbers over the probe's samples only. */
export interface ProbeFailure {
  samples: number;
  maxAbsError: number;
  maxRelError: number;
  argmaxAgreement: number;
}

/** Samples `WorstSamples` tries first, besides every sample that has failed before. */
export const PROBE_SAMPLES = 32;

/**
 * The samples most likely to fail a certificate, tried before the rest. Between the thresholds of
 * a search the same few samples fail (on a near-dense S = 5000 run, one synthetic sample failed
 * every rejected threshold but the first, and it had the largest error already at threshold 0),
 * so a model that fails on them is rejected without the other samples' forward pass. The probe
 * holds the `size` samples that failed most recently and the `size` worst of the last full run
 * (by error over tolerance; an argmax flip first). A rejection is sound: the probe's errors and
 * flips are among the full run's, so the full certificate would fail too. (The runtime may round
 * a sample's logits in another order in a smaller batch; a rejection then rests on what the model
 * computes for that sample alone, which is as real a failure.) A pass proves nothing: the caller
 * then certifies on every sample.
 *
 * ```ts
 * const worst = new WorstSamples(samples, dOut, { measure: 'relative', tolerance: 1e-2, minAgreement: 1 });
 * worst.learn(predict(full, samples.x, n)); // a full run teaches it which samples are worst
 * const early = worst.check(next); // a ProbeFailure, or null: certify `next` on every sample
 * ```
 */
export class WorstSamples {
  /** Samples that failed a probe or a full run, most recent last (at most `size`). */
  private failed: number[] = [];
  private worst: number[] = [];
  private readonly n: number;

  constructor(
    private readonly s: CertifySamples,
    private readonly dOut: number,
    private readonly rule: PassRule,
    private readonly size = PROBE_SAMPLES,
  ) {
    this.n = s.heldOut + s.synthetic;
  }

  /** The probe's samples, ascending: those that failed before and the worst of the last full run. */
  indices(): number[] {
    return [...new Set([...this.failed, ...this.worst])].sort((a, b) => a - b);
  }

  /** Learn from a full run's logits (all n samples, `n×dOut`) which samples are worst. */
  learn(logits: Float32Array): void {
    const bad = Float64Array.from({ length: this.n }, (_, i) => this.badness(rowError(logits, i, this.s.dense, i, this.dOut)));
    const order = Array.from({ length: this.n }, (_, i) => i).sort((a, b) => bad[b] - bad[a] || a - b);
    this.worst = order.slice(0, this.size);
    this.remember(this.worst.filter((i) => bad[i] > 1));
  }

  /**
   * Run `model` on the probe and return its numbers if that already fails the rule, else null
   * (and null before any `learn`: there is no probe yet).
   */
  check(model: SparseModel): ProbeFailure | null {
    const idx = this.indices();
    if (idx.length === 0) return null;
    const { dIn } = model.config;
    const x = new Float32Array(idx.length * dIn);
    idx.forEach((i, k) => x.set(this.s.x.subarray(i * dIn, (i + 1) * dIn), k * dIn));
    const logits = predict(model, x, idx.length);
    let [maxAbs, maxRel, flips] = [0, 0, 0];
    const failing: number[] = [];
    idx.forEach((i, k) => {
      const e = rowError(logits, k, this.s.dense, i, this.dOut);
      [maxAbs, maxRel] = [Math.max(maxAbs, e.abs), Math.max(maxRel, e.rel)];
      if (e.flip) flips++;
      if (this.badness(e) > 1) failing.push(i);
    });
    this.remember(failing);
    // At most n − flips of all n samples can agree, so the full certificate's agreement is no higher.
    const fails = ruleError({ maxAbsError: maxAbs, maxRelError: maxRel }, this.rule.measure) > this.rule.tolerance || (this.n - flips) / this.n < this.rule.minAgreement;
    return fails ? { samples: idx.length, maxAbsError: maxAbs, maxRelError: maxRel, argmaxAgreement: (idx.length - flips) / idx.length } : null;
  }

  private remember(failing: number[]): void {
    this.failed = [...new Set([...this.failed.filter((i) => !failing.includes(i)), ...failing])].slice(-this.size);
  }

  /** Error over tolerance (> 1 fails the rule on its own sample), or Infinity for an argmax flip. */
  private badness(e: RowError): number {
    if (e.flip) return Infinity;
    const err = ruleError({ maxAbsError: e.abs, maxRelError: e.rel }, this.rule.measure);
    return this.rule.tolerance > 0 ? err / this.rule.tolerance : err > 0 ? Infinity : 0;
  }
}
