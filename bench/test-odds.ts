/**
 * How likely each trained spheres network is to score 100% on its test set, measured on a large
 * fresh sample of its own data distribution (issue 15). A 1000-point test set says 100% or 99.9%
 * by the luck of one draw; the error rate on, say, 20,000 fresh points says how often it would.
 * For every finished trial of each sweep directory this redraws the trial's spheres (same d,
 * radii and thickness, seed 1,000,000 + the data seed, so no training or test point recurs),
 * runs the trained dense network on them, and reports the error rate with its Wilson 95%
 * interval, errors by class, tied samples (a dead output), and the chance (1 − rate)^nTest that
 * a test set of the trial's own size (or `--n-test`) scores 100%. Per sweep: the expected and
 * the observed count of clean trials, and the chance that k trials picked from the pool are all
 * clean (a trial that ties anywhere counts as not clean). Writes bench/results/test-odds.json.
 *
 *   npm run bench -- test-odds --runs DIR[,DIR…] [--samples 20000] [--n-test N] [--k 5] [--json] [--results FILE]
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../src/errors.js';
import { readCheckpoint } from '../src/run/checkpoint.js';
import { runFile } from '../src/run/files.js';
import { loadDataSpec, type DataSpec } from '../src/data/spec.js';
import { SPHERES_DEFAULTS } from '../src/data/spheres.js';
import { initBackend } from '../src/train/backend.js';
import { createModel, disposeModel, predictLogits } from '../src/train/model.js';
import { predictedClass } from '../src/runtime/compare.js';
import { readTrialResult, type TrialResult } from '../src/sweep/trial-dir.js';
import { commandOf } from './lib/spheres-figure.js';
import { cleanChance, pClean, wilson } from './lib/test-odds.js';
import { subsetMean, subsetShare } from './lib/subsets.js';
import { writeResults } from './util.js';
import { int, parseFlags, str, strs } from './lib/flags.js';

export const flags = {
  runs: strs(undefined, 'DIR[,DIR…]: sweep directories (the --out of bench fig3/fig4 or urn sweep)'),
  samples: int(20000, 'fresh points drawn per trial'),
  'n-test': int(undefined, "the test-set size the chance of 100% is for (the paper leaves it unstated; default: each trial's own)"),
  k: int(5, 'trials per experiment (issue 15 states its targets for 5)'),
  results: str('bench/results/test-odds.json', 'the results JSON'),
};

/** The held-out seed of a data seed: far from every trial seed, so no point of training or test recurs. */
export const heldOutSeed = (seed: number): number => 1_000_000 + seed;

/** One trial on its fresh sample. */
export interface HeldOutTrial {
  seed: number;
  dir: string;
  /** The accuracy on the trial's own test set, as the sweep recorded it. */
  testAccuracy: number | null;
  nTest: number;
  heldOut: { n: number; errors: number; errorsByClass: number[]; tiedSamples: number; errorRate: number; interval: [number, number] };
  /** (1 − rate)^nTest, and at the interval's ends. */
  pClean: number;
  pCleanInterval: [number, number];
}

/** Errors by true class and tied samples of logits on a labelled split. */
export function tally(logits: Float32Array, y: Int32Array, dOut: number): { errorsByClass: number[]; tiedSamples: number } {
  const errorsByClass = new Array<number>(dOut).fill(0);
  let tiedSamples = 0;
  for (let s = 0; s < y.length; s++) {
    const best = predictedClass(logits, s, dOut);
    if (best !== y[s]) errorsByClass[y[s]]++;
    let top = 0;
    for (let k = 0; k < dOut; k++) if (logits[s * dOut + k] === logits[s * dOut + best]) top++;
    if (top > 1) tiedSamples++;
  }
  return { errorsByClass, tiedSamples };
}

async function heldOutTrial({ dir, result }: FinishedTrial, samples: number, testSize?: number): Promise<HeldOutTrial> {
  const ckpt = readCheckpoint(runFile(dir, 'checkpoint'));
  const spec = ckpt.train.data as DataSpec | undefined;
  if (spec?.dataset !== 'spheres') throw new ConfigError(`test-odds: ${dir} trained on ${spec?.dataset ?? 'no recorded dataset'}; only spheres can be redrawn. Pass sweeps of bench fig3/fig4 or paper-spheres.`);
  const fresh = loadDataSpec({ ...spec, seed: heldOutSeed(spec.seed), nTrain: 1, nTest: samples }).test;
  const model = createModel(ckpt.config, ckpt);
  const logits = await predictLogits(model, fresh.x, fresh.n).finally(() => disposeModel(model));
  const { errorsByClass, tiedSamples } = tally(logits, fresh.y, ckpt.config.dOut);
  const errors = errorsByClass.reduce((a, b) => a + b, 0);
  const interval = wilson(errors, fresh.n);
  const nTest = testSize ?? spec.nTest ?? SPHERES_DEFAULTS.nTest;
  const heldOut = { n: fresh.n, errors, errorsByClass, tiedSamples, errorRate: errors / fresh.n, interval };
  return { seed: result.seed, dir, testAccuracy: result.testAccuracy, nTest, heldOut, pClean: pClean(errors / fresh.n, nTest), pCleanInterval: [pClean(interval[1], nTest), pClean(interval[0], nTest)] };
}

/** A finished trial: its directory and its result.json. */
interface FinishedTrial {
  dir: string;
  result: TrialResult;
}

/** The finished trials of a sweep directory, by seed. */
function finishedTrials(sweep: string): FinishedTrial[] {
  const root = join(sweep, 'trials');
  if (!existsSync(root)) throw new ConfigError(`test-odds: ${sweep} has no trials/ folder. Pass the --out of bench fig3/fig4 or urn sweep.`);
  const done = readdirSync(root).flatMap((id) => {
    const result = readTrialResult(join(root, id));
    return result ? [{ dir: join(root, id), result }] : [];
  });
  if (!done.length) throw new ConfigError(`test-odds: ${sweep} has no finished trial yet. Let the sweep finish a trial, then rerun.`);
  return done.sort((a, b) => a.result.seed - b.result.seed);
}

/** A sweep's trials and what they say about k-trial experiments. */
function poolOdds(dir: string, trials: HeldOutTrial[], k: number) {
  const observed = (t: HeldOutTrial) => t.testAccuracy === 1 && t.heldOut.tiedSamples === 0;
  const canSubset = trials.length >= k;
  return {
    dir,
    trials,
    meanErrorRate: trials.reduce((a, t) => a + t.heldOut.errorRate, 0) / trials.length,
    expectedClean: trials.reduce((a, t) => a + cleanChance(t), 0),
    observedClean: trials.filter(observed).length,
    allClean: canSubset ? { k, expected: subsetMean(trials, k, (s) => s.reduce((a, t) => a * cleanChance(t), 1)), observed: subsetShare(trials, k, (s) => s.every(observed)).share } : null,
  };
}

const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`;

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const o = parseFlags('test-odds', flags, args);
  if (!o.runs?.length) throw new ConfigError('test-odds: pass --runs DIR[,DIR…], sweep directories of finished spheres trials.');
  if (o.samples < 1) throw new ConfigError(`test-odds: --samples must be at least 1, got ${o.samples}.`);
  if (o['n-test'] !== undefined && o['n-test'] < 1) throw new ConfigError(`test-odds: --n-test must be at least 1, got ${o['n-test']}.`);
  await initBackend({ backend: 'auto' });
  const sweeps = [];
  for (const dir of o.runs) {
    const trials: HeldOutTrial[] = [];
    for (const t of finishedTrials(dir)) {
      const r = await heldOutTrial(t, o.samples, o['n-test']);
      trials.push(r);
      const h = r.heldOut;
      console.log(`${dir} seed ${r.seed}: test ${r.testAccuracy === null ? '?' : pct(r.testAccuracy)}; held out ${h.errors}/${h.n} wrong (by class ${h.errorsByClass.join('/')}${h.tiedSamples ? `, ${h.tiedSamples} tied` : ''}), rate ${pct(h.errorRate, 3)} [${pct(h.interval[0], 3)}, ${pct(h.interval[1], 3)}]; P(100% on ${r.nTest}) ${pct(r.pClean)}`);
    }
    const pool = poolOdds(dir, trials, o.k);
    const all = pool.allClean ? `; ${o.k} trials all clean: ${pct(pool.allClean.expected)} expected, ${pct(pool.allClean.observed)} of the ${o.k}-subsets observed` : '';
    console.log(`${dir}: ${trials.length} trials, mean held-out error ${pct(pool.meanErrorRate, 3)}; clean trials ${pool.expectedClean.toFixed(1)} expected, ${pool.observedClean} observed${all}`);
    sweeps.push(pool);
  }
  const body = { command: commandOf('test-odds', args), samples: o.samples, heldOutSeed: '1000000 + the data seed', k: o.k, sweeps };
  writeResults(o.results, body);
  return body;
}
