import { tf } from '../train/tf.js';
import { createModel, disposeModel, predictLogits, type UrnModel } from '../train/model.js';
import type { Snapshot } from '../core/snapshot.js';
import type { UrnConfig } from '../core/config.js';
import { ConfigError, ShapeError, prefix } from '../errors.js';
import type { Certificate, SparseModel } from '../core/sparse-model.js';
import { syntheticInputs, type SyntheticOptions } from './synthetic.js';
import { certify, type CertifySamples } from './certify.js';
import { countNonzero } from './kept.js';
import { readFloats } from '../train/read.js';

const where = prefix('verify');

/** The data a certificate is stated on: `n` rows of `dIn` features, optional labels. */
export interface VerifyData {
  x: Float32Array;
  n: number;
  y?: Int32Array;
}

/** Options of `verify` and `chooseThreshold`. */
export interface VerifyOptions extends SyntheticOptions {
  /** Inputs drawn around the data on top of its rows (see `syntheticInputs`). Default 1000. */
  synthetic?: number;
}

/** The dense URN, live or as a snapshot. */
export type DenseSource = UrnModel | Snapshot;

const isLive = (d: DenseSource): d is UrnModel => !(d.W instanceof Float32Array);

/**
 * Dense tfjs logits of a live model or snapshot for a batch; leaks no tensors.
 *
 * ```ts
 * const logits = await denseLogits(snapshot, data.test.x, data.test.n);
 * ```
 */
export async function denseLogits(dense: DenseSource, x: Float32Array, n: number): Promise<Float32Array> {
  if (isLive(dense)) return predictLogits(dense, x, n);
  const model = createModel(dense.config, dense);
  try {
    return await predictLogits(model, x, n);
  } finally {
    disposeModel(model);
  }
}

/** Nonzero synapses of the dense URN. */
async function denseSynapses(dense: DenseSource): Promise<number> {
  return countNonzero(isLive(dense) ? await readFloats(dense.W) : dense.W);
}

/**
 * Build the certification samples: the data rows, then `synthetic` rows drawn around them, and
 * the dense logits of all of them (computed once).
 *
 * ```ts
 * const samples = await certificationSamples(snapshot, data.test, { synthetic: 500 });
 * ```
 */
export async function certificationSamples(dense: DenseSource, data: VerifyData, options: VerifyOptions = {}): Promise<CertifySamples> {
  const { dIn } = dense.config;
  if (!Number.isInteger(data.n) || data.n < 0 || data.x.length !== data.n * dIn) {
    throw new ShapeError(where(`data must hold n×dIn = ${data.n}×${dIn} values, got ${data.x.length}.`));
  }
  if (data.y && data.y.length !== data.n) throw new ShapeError(where(`${data.y.length} labels for ${data.n} rows.`));
  const synthetic = options.synthetic ?? (data.n > 0 ? 1000 : 0);
  const seed = options.seed ?? 0;
  const extra = syntheticInputs(data.x, data.n, dIn, synthetic, { ...options, seed });
  const x = new Float32Array((data.n + synthetic) * dIn);
  x.set(data.x);
  x.set(extra, data.n * dIn);
  const before = tf.memory().numTensors;
  const logits = await denseLogits(dense, x, data.n + synthetic);
  if (tf.memory().numTensors !== before) throw new Error('verify: the dense forward leaked tensors (a bug).');
  const s: CertifySamples = { x, heldOut: data.n, synthetic, seed, dense: logits, denseSynapses: await denseSynapses(dense) };
  if (data.y) s.y = data.y;
  return s;
}

/**
 * Throw `ConfigError` unless two configs share S, I, dIn, dOut, rule and activation.
 *
 * ```ts
 * checkSameStructure(sparse.config, snapshot.config);
 * ```
 */
export function checkSameStructure(a: UrnConfig, b: UrnConfig): void {
  for (const k of ['S', 'I', 'dIn', 'dOut', 'rule', 'activation'] as const) {
    if (a[k] !== b[k]) throw new ConfigError(where(`the sparse model has ${k} = ${a[k]} but the dense URN has ${b[k]}. Verify against the URN it was exported from.`));
  }
}

/**
 * Compare a sparse model with the dense tfjs URN on the given (held-out) data plus `synthetic`
 * seeded inputs drawn around it, and return the certificate: max absolute and relative logit
 * error, argmax agreement, both accuracies (with labels), sample counts and threshold. Store it
 * with `model.certificate = cert` before `writeModel`.
 *
 * ```ts
 * await initBackend({ backend: 'wasm' });
 * model.certificate = await verify(model, snapshot, data.test, { synthetic: 1000, seed: 1 });
 * ```
 */
export async function verify(sparse: SparseModel, dense: DenseSource, data: VerifyData, options: VerifyOptions = {}): Promise<Certificate> {
  checkSameStructure(sparse.config, dense.config);
  return certify(sparse, await certificationSamples(dense, data, options));
}
