import type { Certificate } from '../core/sparse-model.js';
import { field, finite, int, oneOf, record, type Fail } from './schema.js';

const KEYS = [
  'threshold', 'form', 'samples', 'heldOut', 'synthetic', 'seed', 'maxAbsError', 'maxRelError',
  'argmaxAgreement', 'accuracyDense', 'accuracySparse', 'keptSynapses', 'denseSynapses',
] as const;

/**
 * Check a certificate and return a fresh copy with exactly its fields.
 *
 * ```ts
 * const cert = readCertificate(manifest.certificate, failer('model file'));
 * ```
 */
export function readCertificate(v: unknown, fail: Fail): Certificate {
  const o = record(v, 'certificate', KEYS, fail);
  const count = (k: string) => int(field(o, k), `certificate.${k}`, 0, Number.MAX_SAFE_INTEGER, fail);
  const acc = (k: string) => {
    const a = field(o, k);
    return a === undefined ? undefined : finite(a, `certificate.${k}`, fail, 0, 1);
  };
  const accuracyDense = acc('accuracyDense');
  const accuracySparse = acc('accuracySparse');
  // Fields in KEYS order, so that encoding a certificate is canonical.
  const c: Certificate = {
    threshold: finite(field(o, 'threshold'), 'certificate.threshold', fail, 0),
    form: oneOf(field(o, 'form'), 'certificate.form', ['replay', 'layered'], fail),
    samples: count('samples'),
    heldOut: count('heldOut'),
    synthetic: count('synthetic'),
    seed: int(field(o, 'seed'), 'certificate.seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, fail),
    maxAbsError: finite(field(o, 'maxAbsError'), 'certificate.maxAbsError', fail, 0),
    maxRelError: finite(field(o, 'maxRelError'), 'certificate.maxRelError', fail, 0),
    argmaxAgreement: finite(field(o, 'argmaxAgreement'), 'certificate.argmaxAgreement', fail, 0, 1),
    ...(accuracyDense === undefined ? {} : { accuracyDense }),
    ...(accuracySparse === undefined ? {} : { accuracySparse }),
    keptSynapses: count('keptSynapses'),
    denseSynapses: count('denseSynapses'),
  };
  if (c.samples !== c.heldOut + c.synthetic) fail('certificate.samples must equal heldOut + synthetic.');
  return c;
}
