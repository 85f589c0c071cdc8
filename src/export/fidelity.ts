import type { Snapshot } from '../core/snapshot.js';
import type { Certificate } from '../core/sparse-model.js';
import { DEFAULT_THRESHOLD, resolveThreshold, type ThresholdRule } from '../core/threshold.js';
import { chooseThreshold, type ThresholdOptions } from './threshold.js';
import { toReplay } from './replay.js';
import { toLayered } from './layered.js';
import { verify, type VerifyData } from './verify.js';
import { meetsRule } from './certify.js';
import { EXPORT_DEFAULTS } from './export-model.js';

/** Which threshold a structure is shown at: `'verified'` (the default) or a given rule. */
export type StructureThreshold = ThresholdRule | 'verified';

/** Options of `structureFidelity`; tolerance, agreement and samples default to `urn export`'s. */
export interface FidelityOptions {
  /** `'verified'`: the largest threshold `urn export --threshold auto` would certify. */
  threshold?: StructureThreshold;
  tolerance?: number;
  minAgreement?: number;
  synthetic?: number;
  /** Progress of the search for `'verified'` (see `chooseThreshold`). */
  onTrial?: ThresholdOptions['onTrial'];
}

/** How faithful the structure at a threshold is to the dense network: export's certificate of its pruned network. */
export interface StructureFidelity {
  /** The threshold asked for: `'verified'` or a rule. */
  rule: StructureThreshold;
  /** The numeric threshold the structure is shown at (synapses with |W| > threshold are kept). */
  threshold: number;
  tolerance: number;
  minAgreement: number;
  /** Whether the pruned network meets the tolerance and agreement; null when there was no data to certify on. */
  pass: boolean | null;
  /** The certificate of the pruned network (layered form, as `urn export`), or null without data. */
  certificate: Certificate | null;
  /** One line for people, loud when `pass` is not true. */
  summary: string;
}

/**
 * A threshold rule as the CLI spells it: `0.05`, `rel:0.01` or `q:0.99`.
 *
 * ```ts
 * ruleText({ relative: 0.01 }); // 'rel:0.01'
 * ```
 */
export function ruleText(rule: StructureThreshold): string {
  if (rule === 'verified' || typeof rule === 'number') return String(rule);
  return 'relative' in rule ? `rel:${rule.relative}` : `q:${rule.quantile}`;
}

const pct = (v: number): string => `${(100 * v).toFixed(2)}%`;
const e2 = (v: number): string => v.toExponential(2);

function summarize(f: Omit<StructureFidelity, 'summary'>, why?: string): string {
  const c = f.certificate;
  const at = f.rule === 'verified' ? `threshold ${e2(f.threshold)}` : `${ruleText(f.rule)} (|w| > ${e2(f.threshold)})`;
  if (!c) return `UNVERIFIED: ${why} The structure at ${at} may not be the network's function.`;
  const on = `on ${c.samples} samples (${c.heldOut} held out + ${c.synthetic} around the data)`;
  const numbers = `argmax agreement ${pct(c.argmaxAgreement)}, max |Δlogit| ${e2(c.maxAbsError)}, max relative ${e2(c.maxRelError)} ${on}`;
  if (f.pass) {
    const how = f.rule === 'verified' ? ' (the largest that urn export certifies)' : '';
    return `verified: the structure at ${at}${how} is the network's function: ${numbers}.`;
  }
  const flips = c.argmaxAgreement < 1 ? `flips ${pct(1 - c.argmaxAgreement)} of predictions` : `moves the logits by up to ${e2(c.maxRelError)} relative (tolerance ${f.tolerance})`;
  return `NOT THE NETWORK'S FUNCTION: the structure at ${at} ${flips}: ${numbers}.${why ? ` ${why}` : ' Drop --threshold for the verified one.'}`;
}

/**
 * The fidelity of the structure at a threshold: prune W there, build the layered form and
 * certify it against the dense network on `data` (plus samples around it), exactly as
 * `urn export` does. With `threshold: 'verified'` (the default) the threshold is the one
 * `chooseThreshold` picks, the largest whose certificate keeps 100% argmax agreement and the
 * tolerance. Without data nothing can be certified: the threshold is then the given rule (or 1%
 * of max|W| for `'verified'`) and `pass` is null, with a loud summary.
 *
 * ```ts
 * const f = await structureFidelity(snapshot, data.test);
 * const report = analyze(compile(snapshot, { threshold: f.threshold }));
 * console.log(f.summary);
 * ```
 */
export async function structureFidelity(snapshot: Snapshot, data: VerifyData | null, o: FidelityOptions = {}): Promise<StructureFidelity> {
  const rule = o.threshold ?? 'verified';
  const tolerance = o.tolerance ?? EXPORT_DEFAULTS.tolerance;
  const minAgreement = o.minAgreement ?? EXPORT_DEFAULTS.minAgreement;
  const synthetic = o.synthetic ?? EXPORT_DEFAULTS.synthetic;
  const base = { rule, tolerance, minAgreement };
  if (!data) {
    const threshold = resolveThreshold(snapshot.W, rule === 'verified' ? DEFAULT_THRESHOLD : rule).value;
    const f = { ...base, threshold, pass: null, certificate: null };
    const why = rule === 'verified' ? `there is no data to certify on, so the threshold falls back to ${ruleText(DEFAULT_THRESHOLD)}.` : 'there is no data to certify on.';
    return { ...f, summary: summarize(f, why) };
  }
  let threshold: number;
  let why: string | undefined;
  if (rule === 'verified') {
    const r = await chooseThreshold(snapshot, data, { tolerance, minAgreement, form: 'layered', synthetic, onTrial: o.onTrial });
    if (r.ok) {
      const f = { ...base, threshold: r.threshold, pass: true, certificate: r.certificate };
      return { ...f, summary: summarize(f) };
    }
    threshold = 0;
    why = r.reason;
  } else threshold = resolveThreshold(snapshot.W, rule).value;
  const certificate = await verify(toLayered(toReplay(snapshot, threshold)), snapshot, data, { synthetic });
  const pass = meetsRule(certificate, { measure: 'relative', tolerance, minAgreement });
  const f = { ...base, threshold, pass, certificate };
  return { ...f, summary: summarize(f, why) };
}
