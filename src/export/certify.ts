import type { Certificate, SparseModel } from '../core/sparse-model.js';
import { predict } from '../runtime/predict.js';
import { compareLogits } from '../runtime/compare.js';
import { synapseCount } from './cost.js';

/** The samples a certificate is measured on: held-out rows first, then synthetic ones. */
export interface CertifySamples {
  /** All inputs, (heldOut + synthetic) × dIn. */
  x: Float32Array;
  heldOut: number;
  synthetic: number;
  seed: number;
  /** Labels of the held-out rows, if any. */
  y?: Int32Array;
  /** Dense logits of all inputs. */
  dense: Float32Array;
  denseSynapses: number;
}

/**
 * Certify a sparse model against precomputed dense logits (no TensorFlow.js here).
 *
 * ```ts
 * const cert = certify(model, samples);
 * ```
 */
export function certify(model: SparseModel, s: CertifySamples): Certificate {
  return certifyLogits(model, s, predict(model, s.x, s.heldOut + s.synthetic));
}

/**
 * The certificate of `model` from its logits of all the samples (`predict(model, s.x, n)`), for a
 * caller that also needs the logits (`chooseThreshold` learns its probe from them).
 *
 * ```ts
 * const logits = predict(model, samples.x, samples.heldOut + samples.synthetic);
 * const cert = certifyLogits(model, samples, logits);
 * ```
 */
export function certifyLogits(model: SparseModel, s: CertifySamples, logits: Float32Array): Certificate {
  const n = s.heldOut + s.synthetic;
  const c = compareLogits(logits, s.dense, n, model.config.dOut, s.y);
  return {
    threshold: model.threshold,
    form: model.form,
    samples: n,
    heldOut: s.heldOut,
    synthetic: s.synthetic,
    seed: s.seed,
    maxAbsError: c.maxAbsError,
    maxRelError: c.maxRelError,
    argmaxAgreement: c.argmaxAgreement,
    ...(c.accuracyDense === undefined ? {} : { accuracyDense: c.accuracyDense, accuracySparse: c.accuracySparse }),
    keptSynapses: synapseCount(model),
    denseSynapses: s.denseSynapses,
  };
}

/** How a certificate is judged: the error measure, its tolerance, and the least argmax agreement. */
export interface PassRule {
  measure: 'relative' | 'absolute';
  tolerance: number;
  minAgreement: number;
}

/**
 * The error `measure` reads from a certificate (or a probe's numbers): max relative or max absolute.
 *
 * ```ts
 * ruleError(certify(model, samples), 'relative'); // its maxRelError
 * ```
 */
export function ruleError(c: Pick<Certificate, 'maxAbsError' | 'maxRelError'>, measure: PassRule['measure']): number {
  return measure === 'relative' ? c.maxRelError : c.maxAbsError;
}

/**
 * Whether a certificate meets a rule: its error within the tolerance and its agreement at least the least.
 *
 * ```ts
 * meetsRule(certify(model, samples), { measure: 'relative', tolerance: 1e-2, minAgreement: 1 });
 * ```
 */
export function meetsRule(c: Pick<Certificate, 'maxAbsError' | 'maxRelError' | 'argmaxAgreement'>, rule: PassRule): boolean {
  return ruleError(c, rule.measure) <= rule.tolerance && c.argmaxAgreement >= rule.minAgreement;
}
