import type { Certificate, LayeredModel } from '../core/sparse-model.js';
import { certify, type CertifySamples } from './certify.js';
import { syntheticInputs } from './synthetic.js';
import type { VerifyData, VerifyOptions } from './verify.js';
import { ShapeError, prefix } from '../errors.js';
import { isoLogits } from '../train/isotropic/mlp.js';
import type { IsoMlp } from '../core/isotropic-mlp.js';
import { weightCounts } from './isotropic.js';

const where = prefix('isotropic certify');

/**
 * Certify an exported isotropic model against a dense isotropic MLP run in tfjs: the network
 * it was exported from, or the one before diagonalisation and resizing (then the certificate
 * states how well the function was kept). Samples: the data rows plus `synthetic` seeded rows
 * around them; `denseSynapses` counts the reference's nonzero weights.
 *
 * ```ts
 * model.certificate = await certifyIsotropic(toLayeredIsotropic(adapted), original, data.test, { synthetic: 1000 });
 * ```
 */
export async function certifyIsotropic(model: LayeredModel, reference: IsoMlp, data: VerifyData, options: VerifyOptions = {}): Promise<Certificate> {
  const dIn = reference.widths[0];
  const dOut = reference.widths[reference.widths.length - 1];
  if (model.config.dIn !== dIn || model.config.dOut !== dOut) {
    throw new ShapeError(where(`the model maps ${model.config.dIn} → ${model.config.dOut} but the reference ${dIn} → ${dOut}. Certify against the network it came from.`));
  }
  if (data.x.length !== data.n * dIn) throw new ShapeError(where(`data must hold n×dIn = ${data.n}×${dIn} values, got ${data.x.length}.`));
  const synthetic = options.synthetic ?? (data.n > 0 ? 1000 : 0);
  const seed = options.seed ?? 0;
  const x = new Float32Array((data.n + synthetic) * dIn);
  x.set(data.x);
  x.set(syntheticInputs(data.x, data.n, dIn, synthetic, { ...options, seed }), data.n * dIn);
  const s: CertifySamples = {
    x,
    heldOut: data.n,
    synthetic,
    seed,
    dense: await isoLogits(reference, x, data.n + synthetic),
    denseSynapses: weightCounts(reference).nonzero,
  };
  if (data.y) s.y = data.y;
  return certify(model, s);
}
