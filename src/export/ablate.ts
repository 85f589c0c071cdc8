import type { Snapshot } from '../core/snapshot.js';
import type { Certificate } from '../core/sparse-model.js';
import { ConfigError, prefix } from '../errors.js';
import { toReplay } from './replay.js';
import { toLayered } from './layered.js';
import { verify, type VerifyData } from './verify.js';
import { EXPORT_DEFAULTS } from './export-model.js';
import { meetsRule } from './certify.js';

const where = prefix('ablate');

/** Options of `certifyWithout`; tolerance, agreement and samples default to `urn export`'s. */
export interface AblationOptions {
  /** The structure's threshold: synapses with |W| > threshold are kept (0 keeps every non-zero one). */
  threshold: number;
  tolerance?: number;
  minAgreement?: number;
  synthetic?: number;
}

/** Export's certificate of the structure with some hidden neurons silenced. */
export interface Ablation {
  /** The silenced neurons (ids in the snapshot). */
  neurons: number[];
  threshold: number;
  tolerance: number;
  minAgreement: number;
  /** Whether the silenced structure still is the network's function (agreement and tolerance met). */
  pass: boolean;
  certificate: Certificate;
  /** One line for people: what was silenced, the numbers, and whether the structure still is the function. */
  summary: string;
}

function summarize(a: Omit<Ablation, 'summary'>): string {
  const c = a.certificate;
  const which = a.neurons.length === 0 ? 'nothing silenced' : `${a.neurons.length === 1 ? 'neuron' : `${a.neurons.length} neurons`} ${a.neurons.join(', ')} silenced`;
  const numbers = `argmax agreement ${(100 * c.argmaxAgreement).toFixed(2)}%, max |Δlogit| ${c.maxAbsError.toExponential(2)}, max relative ${c.maxRelError.toExponential(2)} on ${c.samples} samples`;
  const verdict = a.pass
    ? `the structure without ${a.neurons.length === 1 ? 'it' : 'them'} is still the network's function`
    : `NEEDED: without ${a.neurons.length === 1 ? 'it' : 'them'} the structure is not the network's function (tolerance ${a.tolerance})`;
  return `${which}: ${numbers}; ${a.neurons.length === 0 ? 'the structure as it is' : verdict}.`;
}

function checkHidden(snapshot: Pick<Snapshot, 'config'>, neurons: readonly number[]): void {
  const { S, dIn, dOut } = snapshot.config;
  for (const j of neurons) {
    if (!Number.isInteger(j) || j < dIn || j >= S - dOut) {
      throw new ConfigError(where(`neuron ${j} is not a hidden neuron (hidden ids are ${dIn}..${S - dOut - 1}). Silence hidden neurons only.`));
    }
  }
}

/**
 * Is the structure still the network's function without these hidden neurons? Zero their
 * outgoing synapses, prune at `threshold`, build the layered form and certify it against the
 * dense network on `data` (plus samples around it), exactly as `urn export` certifies. A neuron
 * whose silencing fails the certificate does work the structure needs: it answers whether a
 * layer it alone forms is part of the function or an artefact of the threshold.
 *
 * ```ts
 * const f = await structureFidelity(snapshot, data.test);
 * const a = await certifyWithout(snapshot, data.test, [24], { threshold: f.threshold });
 * a.pass; a.certificate.argmaxAgreement; a.certificate.maxRelError;
 * ```
 */
export async function certifyWithout(snapshot: Snapshot, data: VerifyData, neurons: readonly number[], o: AblationOptions): Promise<Ablation> {
  checkHidden(snapshot, neurons);
  if (!(o.threshold >= 0)) throw new ConfigError(where(`threshold must be a number ≥ 0, got ${o.threshold}.`));
  const tolerance = o.tolerance ?? EXPORT_DEFAULTS.tolerance;
  const minAgreement = o.minAgreement ?? EXPORT_DEFAULTS.minAgreement;
  const { S } = snapshot.config;
  const W = Float32Array.from(snapshot.W);
  for (const j of neurons) for (let i = 0; i < S; i++) W[i * S + j] = 0;
  const sparse = toLayered(toReplay({ config: snapshot.config, W, b: snapshot.b }, o.threshold));
  const certificate = await verify(sparse, snapshot, data, { synthetic: o.synthetic ?? EXPORT_DEFAULTS.synthetic });
  const pass = meetsRule(certificate, { measure: 'relative', tolerance, minAgreement });
  const a = { neurons: [...neurons], threshold: o.threshold, tolerance, minAgreement, pass, certificate };
  return { ...a, summary: summarize(a) };
}
