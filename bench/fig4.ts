/**
 * The paper's Fig. 4 over 5 seeds: the residual-output rule (Eq. 6) on the Fig. 3 task, with the
 * same calibrated reading as `fig3`. The paper finds one hidden layer although I = 4. Writes
 * bench/results/fig4.json: per trial the seed, test accuracy, the number of non-empty hidden
 * layers and their widths at the verified threshold (the one export would certify; at threshold
 * 0 too), the outputs' depth (outputs that keep accumulating, as Eq. 6 allows, reach depth I
 * through the output neurons themselves), and the share of the outputs' value added at each
 * iteration, the verified structure's certificate with its hidden neurons past layer 1 silenced
 * (`deeperSilenced`: does a deeper layer do work, or is it an artefact of the threshold?), the
 * live neurons of each iteration by the iteration they first fired (`liveByFirstActive`: a
 * certified second layer is often first-layer neurons firing again at t = 2); and the
 * paper's figure (activity and W) of the trial nearest the median number of
 * active neurons, as fig4-activity/-weights.png.
 *
 *   npm run bench -- fig4 [--json] [flags]      (--help: every flag with its kind, default and meaning)
 *   npm run bench -- fig4 --from DIR --epochs N  (continue the finished trials of the sweep DIR to N epochs)
 */
import { PAPER, commandOf, figureFlags, drawTrial, fig4Met, fiveSeedOdds, genericTrial, oneHiddenLayerCount, runFigureTrials } from './lib/spheres-figure.js';
import { writeResults } from './util.js';
import { pooled, provenance } from './lib/pool.js';
import { parseFlags } from './lib/flags.js';

export const flags = figureFlags('fig4');

/** What pooling needs of a trial in fig4.json (the rest is carried as it is). */
type Row = { seed: number };

/** How the verified structure fares with its neurons past the first hidden layer silenced. */
function deeperText(d: { neurons: number[]; argmaxAgreement: number; maxRelError: number; pass: boolean } | null | undefined): string {
  if (!d || d.neurons.length === 0) return '';
  const verdict = d.pass ? 'not needed: a one-hidden-layer structure is certified too' : 'NEEDED: the certificate fails without them';
  return `; deeper neuron(s) ${d.neurons.join(',')} silenced: agreement ${(100 * d.argmaxAgreement).toFixed(1)}%, max relative ${d.maxRelError.toExponential(2)} (${verdict})`;
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const o = parseFlags('fig4', flags, args);
  const { settings, reading, trials, earlier } = await runFigureTrials<Row>('fig4', o);
  const mine = trials.map((t) => {
    const s = t.verified ?? t.exact;
    return {
      seed: t.seed,
      testAccuracy: t.testAccuracy,
      hiddenLayers: s.hiddenLayers,
      widths: s.layerWidths.slice(1, -1).filter((n) => n > 0),
      outputDepth: s.depth,
      threshold: s.threshold,
      exact: { hiddenLayers: t.exact.hiddenLayers, layerWidths: t.exact.layerWidths },
      outputShareByIteration: t.outputShareByIteration,
      activeByFirstIteration: t.widths,
      liveByFirstActive: t.liveByFirstActive,
      firstLayerOnly: t.firstLayerOnly,
      deeperSilenced: t.deeperSilenced,
      initOutputsZero: t.initOutputsZero,
      deadOutputs: t.deadOutputs,
      tiedSamples: t.tiedSamples,
    };
  });
  const rows: typeof mine = earlier ? pooled(earlier.trials as typeof mine, mine) : mine;
  if (earlier) console.log(`with the ${earlier.trials.length} trials of ${o['add-to']}: ${rows.length} in all`);
  for (const r of rows) {
    const shares = (r.outputShareByIteration ?? []).map((v) => `${(100 * v).toFixed(1)}%`).join(' ');
    const f = r.firstLayerOnly;
    console.log(
      `seed ${r.seed}: test ${(100 * r.testAccuracy).toFixed(1)}%  hidden layers ${r.hiddenLayers} (${r.widths.join('/')}) at threshold ${r.threshold.toExponential(2)}; exact ${r.exact.hiddenLayers}; ` +
        `output added per iteration ${shares}; with the ${f.silenced} later hidden neuron(s) silenced: agreement ${(100 * f.argmaxAgreement).toFixed(1)}%, max |Δlogit| ${f.maxAbsError.toExponential(2)}` +
        deeperText(r.deeperSilenced) +
        (r.tiedSamples > 0 ? `; TIES: ${(100 * r.tiedSamples).toFixed(1)}% of test samples decided by a tie (dead outputs: ${r.deadOutputs})` : ''),
    );
  }
  const oneLayer = oneHiddenLayerCount(rows);
  const oneLayerFirst = oneHiddenLayerCount(rows, 'firstActive');
  const needed = rows.filter((r) => r.deeperSilenced && r.deeperSilenced.neurons.length > 0 && !r.deeperSilenced.pass).length;
  console.log(`one hidden layer in ${oneLayer} of ${rows.length} seeds (target ≥ 4 of 5; ${oneLayerFirst} counted by first activity); deeper neurons the certificate needs in ${needed}; 100% test in ${rows.filter((r) => r.testAccuracy === 1).length}; ties decide samples in ${rows.filter((r) => r.tiedSamples > 0).length}`);
  const odds = fiveSeedOdds(rows, fig4Met);
  if (odds) console.log(`of the ${odds.subsets} 5-seed subsets of these ${rows.length}, ${(100 * odds.share).toFixed(1)}% have one hidden layer in at least 4`);
  const results = o.results;
  const figures = await drawTrial(genericTrial(trials), results, 'Fig. 4');
  // The figures show this run's median trial: an earlier file's run folders are not read.
  const body = { ...provenance(commandOf('fig4', args), earlier), paper: PAPER.fig4, settings, reading, trials: rows, oneHiddenLayer: oneLayer, oneHiddenLayerByFirstActivity: oneLayerFirst, fiveSeedOdds: odds, figures };
  writeResults(results, body);
  return body;
}
