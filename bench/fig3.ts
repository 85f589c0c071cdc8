/**
 * The paper's Fig. 3 over 5 seeds: the plain rule on the spheres task at the paper's settings,
 * with the calibrated reading of what the paper leaves unstated (see bench/RESULTS.md, issue 15).
 * Writes bench/results/fig3.json: per trial the seed, test accuracy, active hidden neurons, the
 * hidden widths by first active iteration, the live neurons of each iteration by the iteration
 * they first fired (reuse), and whether the live subgraph is a strict MLP; mean
 * and std over the trials next to the paper's 123 ± 15 and 115 ± 15 / 4 ± 1.4 / 3 ± 0.7; and the
 * paper's figure (activity and W) of the trial nearest the median, as fig3-activity/-weights.png.
 *
 *   npm run bench -- fig3 [--json] [flags]      (--help: every flag with its kind, default and meaning)
 *   npm run bench -- fig3 --from DIR --epochs N  (continue the finished trials of the sweep DIR to N epochs)
 */
import { PAPER, commandOf, figureFlags, drawTrial, fig3Counts, fig3Met, fiveSeedOdds, genericTrial, runFigureTrials, stat } from './lib/spheres-figure.js';
import { pooled, provenance } from './lib/pool.js';
import { writeResults } from './util.js';
import { parseFlags } from './lib/flags.js';

export const flags = figureFlags('fig3');

/** One trial in fig3.json. */
interface Row {
  seed: number;
  testAccuracy: number;
  active: number;
  widths: number[];
  /** Per iteration, its live hidden neurons by the iteration they first fired (`liveByFirstActive`; results since session 35). */
  liveByFirstActive?: number[][];
  strictMlp: boolean;
  verified: { layerWidths: number[]; reused?: number } | null;
  deadOutputs: number;
  tiedSamples: number;
  firing: unknown;
  initOutputsZero?: number[] | null;
}

/** The outputs' share of dark samples at init, as the per-trial line prints it. */
function initText(z: number[] | null | undefined): string {
  return z ? `  outputs dark at init on ${z.map((v) => `${(100 * v).toFixed(0)}%`).join(' / ')}` : '';
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const o = parseFlags('fig3', flags, args);
  const { settings, reading, trials, earlier } = await runFigureTrials<Row>('fig3', o);
  const mine: Row[] = trials.map((t) => ({
    seed: t.seed,
    testAccuracy: t.testAccuracy,
    active: t.active,
    widths: t.widths.slice(0, 3),
    liveByFirstActive: t.liveByFirstActive,
    strictMlp: t.exact.strictMlp,
    verified: t.verified,
    deadOutputs: t.deadOutputs,
    tiedSamples: t.tiedSamples,
    firing: t.firing,
    initOutputsZero: t.initOutputsZero,
  }));
  const rows = earlier ? pooled(earlier.trials, mine) : mine;
  if (earlier) console.log(`with the ${earlier.trials.length} trials of ${o['add-to']}: ${rows.length} in all`);
  const counts = fig3Counts(rows);
  const { active, widths } = counts.firstActive!;
  const mean = { testAccuracy: stat(rows.map((r) => r.testAccuracy)), active, widths };
  // Trials whose network died before it learned (every neuron inactive, chance accuracy) pull
  // the means to 0: the same statistics over the trials that learned, beside them.
  const learned = rows.filter((r) => r.active > 0);
  const meanLearned = learned.length > 1
    ? { n: learned.length, active: stat(learned.map((r) => r.active)), widths: [0, 1, 2].map((k) => stat(learned.map((r) => r.widths[k]))) }
    : null;
  const within = counts.firstActive!.within;
  const certified = counts.certified;
  for (const r of rows) console.log(`seed ${r.seed}: test ${(100 * r.testAccuracy).toFixed(1)}%  active ${r.active}  widths ${r.widths.join('/')}  strict MLP ${r.strictMlp}${r.verified?.reused !== undefined ? `  reused ${r.verified.reused}` : ''}${initText(r.initOutputsZero)}${r.tiedSamples > 0 ? `  TIES: ${(100 * r.tiedSamples).toFixed(1)}% of test samples decided by a tie (dead outputs: ${r.deadOutputs})` : ''}`);
  const f = (s: { mean: number; std: number }) => `${s.mean.toFixed(1)} ± ${s.std.toFixed(1)}`;
  console.log(`mean: active ${f(mean.active)} (paper 123 ± 15)  widths ${mean.widths.map(f).join(' / ')} (paper 115 ± 15 / 4 ± 1.4 / 3 ± 0.7)`);
  if (meanLearned && learned.length < rows.length) {
    console.log(`over the ${learned.length} trials that learned: active ${f(meanLearned.active)}  widths ${meanLearned.widths.map(f).join(' / ')}`);
  }
  console.log(`within the paper's error bars: active ${within.active}, widths ${within.widths.join(', ')}; 100% test in every trial: ${within.allPerfect}; no sample decided by a tie: ${within.noTies}`);
  if (certified) {
    const w = certified.within;
    console.log(`counted as the layers of the certified structure (${certified.n} of ${rows.length} trials): active ${f(certified.active)}  widths ${certified.widths.map(f).join(' / ')}; within: active ${w.active}, widths ${w.widths.join(', ')}`);
  }
  const odds = fiveSeedOdds(rows, (s) => fig3Met(s, 'firstActive'));
  if (odds) console.log(`of the ${odds.subsets} 5-seed subsets of these ${rows.length}, ${(100 * odds.share).toFixed(1)}% meet every target (npm run bench -- seed-odds: each target and both figures)`);
  const results = o.results;
  // The figures show this run's median trial: an earlier file's run folders are not read.
  const figures = await drawTrial(genericTrial(trials), results, 'Fig. 3');
  const body = {
    ...provenance(commandOf('fig3', args), earlier),
    paper: PAPER.fig3,
    settings,
    reading,
    trials: rows,
    mean: Object.fromEntries(Object.entries(mean).map(([k, v]) => [k, Array.isArray(v) ? v.map((s) => s.mean) : v.mean])),
    std: Object.fromEntries(Object.entries(mean).map(([k, v]) => [k, Array.isArray(v) ? v.map((s) => s.std) : v.std])),
    within,
    // The same counts on the layers of the certified structure (see fig3Counts), over the trials that have one.
    certified: certified && {
      n: certified.n,
      mean: { active: certified.active.mean, widths: certified.widths.map((s) => s.mean) },
      std: { active: certified.active.std, widths: certified.widths.map((s) => s.std) },
      within: certified.within,
    },
    fiveSeedOdds: odds,
    collapsed: rows.filter((r) => r.active === 0).map((r) => r.seed),
    learned: meanLearned,
    figures,
  };
  writeResults(results, body);
  return body;
}
