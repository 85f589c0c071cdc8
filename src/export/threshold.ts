import type { Snapshot } from '../core/snapshot.js';
import { ConfigError, prefix } from '../errors.js';
import type { Certificate, SparseModel } from '../core/sparse-model.js';
import { toReplay } from './replay.js';
import { toLayered } from './layered.js';
import { synapseCount } from './cost.js';
import { certifyLogits, meetsRule, ruleError, type PassRule } from './certify.js';
import { PROBE_SAMPLES, WorstSamples } from './probe.js';
import { predict } from '../runtime/predict.js';
import { certificationSamples, type VerifyData, type VerifyOptions } from './verify.js';

const where = prefix('chooseThreshold');

/** Options of `chooseThreshold`. */
export interface ThresholdOptions extends VerifyOptions {
  /** The largest logit error allowed, in the unit of `measure`. */
  tolerance: number;
  /** `relative` (maxRelError, the default) or `absolute` (maxAbsError). */
  measure?: 'relative' | 'absolute';
  /** The smallest argmax agreement allowed. Default 1.0. */
  minAgreement?: number;
  /** Candidate thresholds: 0, this many quantiles of the distinct nonzero |W| and as many log-spaced values (see `thresholdCandidates`). Default 64. */
  candidates?: number;
  /** `bisection` (assumes the error grows with the threshold, ~log2 trials) or `scan` (tries all). */
  search?: 'bisection' | 'scan';
  /** The form to certify. Default 'replay'. */
  form?: SparseModel['form'];
  /**
   * Samples tried first at every threshold after the first (`WorstSamples`): those that failed
   * most recently and the worst of the last full certificate. A threshold that fails on them is
   * rejected without the other samples' forward pass; one that passes is certified on every
   * sample. 0 certifies every threshold on every sample. Default `PROBE_SAMPLES` (32).
   */
  probe?: number;
  /** Called after each threshold tried: the trial, how many so far, and the most the search can take. */
  onTrial?: (trial: ThresholdTrial, done: number, most: number) => void;
}

/** One threshold tried. */
export interface ThresholdTrial {
  threshold: number;
  maxAbsError: number;
  maxRelError: number;
  argmaxAgreement: number;
  /** Synapses the model certified there keeps. */
  keptSynapses: number;
  /** Samples the numbers are over: all the certificate's, or the probe's for a threshold rejected on it. */
  samples: number;
  pass: boolean;
}

/** What was searched and how. */
export interface ThresholdSearch {
  method: 'bisection' | 'scan';
  /** All candidate thresholds, ascending (0 first). */
  candidates: number[];
  trials: ThresholdTrial[];
}

/** The outcome of `chooseThreshold`: a certified model, or why there is none. */
export type ThresholdResult =
  | { ok: true; threshold: number; model: SparseModel; certificate: Certificate; search: ThresholdSearch }
  | { ok: false; reason: string; search: ThresholdSearch };

/**
 * Candidate thresholds, ascending and distinct: 0; the q/count quantiles (q = 1..count-1) of the
 * distinct nonzero |W| values; and `count` log-spaced values from the smallest to the largest
 * nonzero |W| (after L1 training most weights are tiny, so quantiles alone never reach the
 * thresholds between the weights that matter).
 *
 * ```ts
 * thresholdCandidates(snapshot.W, 64); // [0, …]
 * ```
 */
export function thresholdCandidates(W: Float32Array, count: number): number[] {
  const mags = new Float32Array(W.length);
  let m = 0;
  for (let k = 0; k < W.length; k++) if (W[k] !== 0 && W[k] === W[k]) mags[m++] = Math.abs(W[k]);
  const sorted = mags.subarray(0, m).sort();
  let d = 0;
  for (let k = 0; k < m; k++) if (k === 0 || sorted[k] !== sorted[d - 1]) sorted[d++] = sorted[k];
  const all = [0];
  if (d > 0) {
    for (let q = 1; q < count; q++) all.push(sorted[Math.min(d - 1, Math.floor((q * d) / count))]);
    const lo = Math.log(sorted[0]);
    const hi = Math.log(sorted[d - 1]);
    all.push(sorted[0], sorted[d - 1]);
    for (let q = 1; q < count - 1; q++) all.push(Math.exp(lo + ((hi - lo) * q) / (count - 1)));
  }
  all.sort((a, b) => a - b);
  return all.filter((v, k) => k === 0 || v > all[k - 1]);
}

/**
 * Pick the largest threshold whose certificate stays within tolerance: candidates are 0,
 * quantiles of |W| and a log-spaced grid (`thresholdCandidates`), searched by bisection (or a full scan); each trial
 * exports the model and certifies it against dense logits computed once (after the first, a
 * probe of the worst samples may reject it before the full forward pass: `probe`; the outcome
 * is the same). Returns the model with
 * its certificate attached, or `ok: false` with the reason (never a silent fallback).
 *
 * ```ts
 * const r = await chooseThreshold(snapshot, data.test, { tolerance: 1e-3 });
 * if (r.ok) writeModel('model.urn', r.model); else console.error(r.reason);
 * ```
 */
export async function chooseThreshold(snapshot: Snapshot, data: VerifyData, options: ThresholdOptions): Promise<ThresholdResult> {
  const { tolerance } = options;
  if (!(tolerance >= 0)) throw new ConfigError(where(`tolerance must be a number ≥ 0, got ${tolerance}.`));
  const measure = options.measure ?? 'relative';
  const minAgreement = options.minAgreement ?? 1;
  const method = options.search ?? 'bisection';
  const count = options.candidates ?? 64;
  if (!Number.isInteger(count) || count < 1) throw new ConfigError(where(`candidates must be an integer ≥ 1, got ${count}.`));
  const samples = await certificationSamples(snapshot, data, options);
  const candidates = thresholdCandidates(snapshot.W, count);
  const search: ThresholdSearch = { method, candidates, trials: [] };
  // Only the best model so far is kept: each holds its matrices and a kernel's copy of them (GBs on a near-dense S = 5000).
  const best: { found?: { idx: number; model: SparseModel; cert: Certificate } } = {};
  const most = method === 'scan' ? candidates.length : Math.min(candidates.length, 2 + Math.ceil(Math.log2(Math.max(1, candidates.length - 1))));
  const dOut = snapshot.config.dOut;
  const rule: PassRule = { measure, tolerance, minAgreement };
  const probe = options.probe ?? PROBE_SAMPLES;
  if (!Number.isInteger(probe) || probe < 0) throw new ConfigError(where(`probe must be an integer ≥ 0, got ${probe}.`));
  const worst = new WorstSamples(samples, dOut, rule, probe);
  const record = (trial: ThresholdTrial) => {
    search.trials.push(trial);
    options.onTrial?.(trial, search.trials.length, most);
    return trial.pass;
  };
  const attempt = (idx: number) => {
    const threshold = candidates[idx];
    let model: SparseModel = toReplay(snapshot, threshold);
    if (options.form === 'layered') model = toLayered(model);
    const early = probe > 0 ? worst.check(model) : null;
    if (early) return record({ threshold, ...early, keptSynapses: synapseCount(model), pass: false });
    const logits = predict(model, samples.x, samples.heldOut + samples.synthetic);
    const cert = certifyLogits(model, samples, logits);
    if (probe > 0) worst.learn(logits);
    const pass = meetsRule(cert, rule);
    const { maxAbsError, maxRelError, argmaxAgreement, keptSynapses } = cert;
    if (pass && !(best.found && best.found.idx > idx)) best.found = { idx, model, cert };
    return record({ threshold, maxAbsError, maxRelError, argmaxAgreement, keptSynapses, samples: cert.samples, pass });
  };
  trySearch(method, candidates.length, attempt);
  if (!best.found) {
    const t0 = search.trials[0];
    const err = ruleError(t0, measure);
    return {
      ok: false,
      reason: where(
        `no candidate threshold meets ${measure} tolerance ${tolerance} with argmax agreement ≥ ${minAgreement}; ` +
          `even threshold 0 gives ${measure} error ${err} and agreement ${t0.argmaxAgreement} over ${samples.heldOut + samples.synthetic} samples. ` +
          'Loosen the tolerance or check that the dense model and data match.',
      ),
      search,
    };
  }
  const { idx, model, cert } = best.found;
  model.certificate = cert;
  return { ok: true, threshold: candidates[idx], model, certificate: cert, search };
}

/**
 * Try candidates 0..count-1 with `attempt` (true: it passes): all of them for a scan; for
 * bisection 0, then the last, then halving the gap between the last pass and the first fail
 * (assumes that a pass at a threshold means a pass at every smaller one).
 */
function trySearch(method: 'bisection' | 'scan', count: number, attempt: (idx: number) => boolean): void {
  if (method === 'scan') {
    for (let k = 0; k < count; k++) attempt(k);
    return;
  }
  if (!attempt(0)) return;
  let lo = 0;
  let hi = count - 1;
  if (hi > 0 && attempt(hi)) lo = hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (attempt(mid)) lo = mid;
    else hi = mid;
  }
}
