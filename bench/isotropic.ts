/**
 * Bird 2026's Experiment 1 on Fashion-MNIST (the offline stand-in for CIFAR-10): an MLP
 * 784–100–100–10 with isotropic tanh (o and ψ trainable, ψ decay 0.1), AdamW lr 1e-3, weight
 * decay 1e-3, batch 48, orthogonal init; then layer 1 fully diagonalised and resized by
 * ±{75, 50, 25, 5, 1}; accuracy change (pp), scaled ε (%) and KL(pre‖post) against the trained
 * network, per seed. Also: neurogenesis max |Δlogit|, neurodegeneration with and without the
 * o/ψ compensation against neurons removed, the diagonal form's nonzero weights against dense
 * (and the 50% claim on a deep equal-width network), and a certificate of the exported model.
 *
 *   npm run bench -- isotropic [--json] [flags]   (--help: every flag with its kind, default and meaning)
 */
import { loadDataSpec } from '../src/data/spec.js';
import { createIsoMlp, cloneIsoMlp } from '../src/train/isotropic/init.js';
import { trainIsotropic } from '../src/train/isotropic/train.js';
import { isoLogits } from '../src/train/isotropic/mlp.js';
import { diagonaliseAlternate, diagonaliseFull } from '../src/train/isotropic/diagonalise.js';
import { resizeLayer } from '../src/train/isotropic/resize.js';
import { logitAccuracy, outputChange } from '../src/train/isotropic/compare.js';
import type { IsoMlp } from '../src/core/isotropic-mlp.js';
import type { Dataset } from '../src/data/dataset.js';
import { toLayeredIsotropic, weightCounts } from '../src/export/isotropic.js';
import { certifyIsotropic } from '../src/export/isotropic-certify.js';
import { writeResults } from './util.js';
import { int, ints, parseFlags, str } from './lib/flags.js';

export const flags = {
  seeds: ints([1, 2, 3], 'one trained network per seed'),
  epochs: int(1, 'training epochs'),
  'n-train': int(60000, 'Fashion-MNIST training images'),
  deltas: ints([75, 50, 25, 5, 1], 'layer 1 is resized by ± each of these'),
  removed: ints([1, 5, 10, 25, 50, 75], 'neurons removed, with and without the o/ψ compensation'),
  out: str('bench/results/isotropic.json', 'the results JSON'),
};

const LAYER = 1;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)) * (xs.length / Math.max(xs.length - 1, 1)));
const pm = (xs: number[], d = 3) => `${mean(xs).toFixed(d)} ± ${std(xs).toFixed(d)}`;

type ResizeRows = Map<number, { delta: number; accuracyChange: number[]; eps: number[]; kl: number[] }>;
type DegenRows = Map<number, Record<'c' | 'p', { eps: number[]; kl: number[] }>>;

/** Train one seed, then measure every resize and degeneration on the test split (rows filled in place). */
async function runSeed(seed: number, epochs: number, data: Dataset, rows: number[], removed: number[], resize: ResizeRows, degen: DegenRows) {
  const { x, y, n } = data.test;
  let genesisMax = 0;
  const net = createIsoMlp({ widths: [784, 100, 100, 10], oMode: 'trainable', psiMode: 'trainable', seed });
  const r = await trainIsotropic(net, data, { epochs, psiDecay: 0.1, seed });
  const base = await isoLogits(net, x, n);
  const acc0 = logitAccuracy(base, y, 10);
  const diag = cloneIsoMlp(net);
  diagonaliseFull(diag, LAYER);
  const diagLogits = await isoLogits(diag, x, n);
  const diagMax = outputChange(base, diagLogits, n, 10).maxAbs;
  for (const d of rows) {
    const g = cloneIsoMlp(diag);
    resizeLayer(g, LAYER, d, null, { diagonalise: 'none', seed });
    const after = await isoLogits(g, x, n);
    const c = outputChange(base, after, n, 10);
    const row = resize.get(d)!;
    row.accuracyChange.push(100 * (logitAccuracy(after, y, 10) - acc0));
    row.eps.push(c.scaledEps);
    row.kl.push(c.kl);
    if (d > 0) genesisMax = Math.max(genesisMax, outputChange(diagLogits, after, n, 10).maxAbs);
  }
  for (const k of removed) {
    for (const compensate of [true, false]) {
      const g = cloneIsoMlp(diag);
      resizeLayer(g, LAYER, -k, null, { diagonalise: 'none', compensate });
      const c = outputChange(base, await isoLogits(g, x, n), n, 10);
      const slot = degen.get(k)![compensate ? 'c' : 'p'];
      slot.eps.push(c.scaledEps);
      slot.kl.push(c.kl);
    }
  }
  process.stderr.write(`seed ${seed}: test accuracy ${(100 * acc0).toFixed(2)}% after ${epochs} epoch(s), ${r.seconds.toFixed(0)} s; o = ${net.o.map((v) => v.toExponential(2)).join(', ')}\n`);
  return { net, diag, accuracy: acc0, genesisMax, diagMax, seconds: r.seconds };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { seeds, epochs, 'n-train': nTrain, deltas, removed, out } = parseFlags('isotropic', flags, args);
  const data = loadDataSpec({ dataset: 'fashion-mnist', seed: 0, normalize: 'standardize', nTrain });
  const rows = [...deltas, ...deltas.map((d) => -d).reverse()].sort((a, b) => b - a);
  const resize: ResizeRows = new Map(rows.map((d) => [d, { delta: d, accuracyChange: [], eps: [], kl: [] }]));
  const degen: DegenRows = new Map(removed.map((r) => [r, { c: { eps: [], kl: [] }, p: { eps: [], kl: [] } }]));
  let genesisMax = 0;
  let diagMax = 0;
  const accuracy: number[] = [];
  let last: { net: IsoMlp; diag: IsoMlp } | null = null;
  let seconds = 0;
  for (const seed of seeds) {
    const r = await runSeed(seed, epochs, data, rows, removed, resize, degen);
    seconds += r.seconds;
    accuracy.push(r.accuracy);
    genesisMax = Math.max(genesisMax, r.genesisMax);
    diagMax = Math.max(diagMax, r.diagMax);
    last = r;
  }
  const { net, diag } = last!;
  const model = toLayeredIsotropic(diag, 0);
  const certificate = await certifyIsotropic(model, net, data.test, { synthetic: 1000, seed: 1 });
  const diagonalSparsity = weightCounts(diag);
  // The 50% claim: a deep equal-width network with every other layer fully diagonalised.
  const deepNet = createIsoMlp({ widths: [100, ...new Array(20).fill(100), 10], seed: 9 });
  const deep = cloneIsoMlp(deepNet);
  diagonaliseAlternate(deep);
  const xd = data.test.x.subarray(0, 200 * 100);
  const deepChange = outputChange(await isoLogits(deepNet, xd, 200), await isoLogits(deep, xd, 200), 200, 10).maxAbs;
  const result = {
    command: `npm run bench -- isotropic --json --seeds ${seeds.join(',')} --epochs ${epochs} --n-train ${nTrain}`,
    protocol: { widths: [784, 100, 100, 10], layer: LAYER, epochs, nTrain, seeds, optimiser: 'AdamW lr 1e-3 wd 1e-3 batch 48', o: 'trainable', psi: 'trainable, decay 0.1' },
    testAccuracy: accuracy,
    neurogenesisMaxAbsChange: genesisMax,
    diagonalisationMaxAbsChange: diagMax,
    degeneration: removed.map((k) => {
      const e = degen.get(k)!;
      return { removed: k, compensated: { eps: mean(e.c.eps), kl: mean(e.c.kl) }, plain: { eps: mean(e.p.eps), kl: mean(e.p.kl) } };
    }),
    resize: rows.map((d) => resize.get(d)!),
    diagonalSparsity,
    deepAlternate: { widths: '100–100×20–10', ...weightCounts(deep), maxAbsChange: deepChange },
    certificate,
    trainSeconds: seconds,
  };
  writeResults(out, result);
  console.log(`test accuracy ${pm(accuracy.map((a) => 100 * a), 2)}% over ${seeds.length} seeds (${epochs} epoch(s), ${nTrain} training samples)`);
  console.log(`neurogenesis max |Δlogit| ${genesisMax.toExponential(2)}; full diagonalisation ${diagMax.toExponential(2)}`);
  console.log('delta  Δaccuracy (pp)     scaled ε (%)         KL (nats)');
  for (const d of rows) {
    const r = resize.get(d)!;
    console.log(`${String(d).padStart(4)}  ${pm(r.accuracyChange).padEnd(18)} ${pm(r.eps, 4).padEnd(20)} ${pm(r.kl, 6)}`);
  }
  console.log('removed  compensated ε / KL        plain ε / KL');
  for (const g of result.degeneration) console.log(`${String(g.removed).padStart(5)}    ${g.compensated.eps.toFixed(4)} / ${g.compensated.kl.toExponential(2)}     ${g.plain.eps.toFixed(4)} / ${g.plain.kl.toExponential(2)}`);
  const s = diagonalSparsity;
  console.log(`diagonal form: ${s.nonzero} nonzero of ${s.dense} weights (${(100 * s.share).toFixed(1)}%); deep alternate ${(100 * result.deepAlternate.share).toFixed(1)}% (claim: → 50%)`);
  console.log(`certificate: max |Δlogit| ${certificate.maxAbsError.toExponential(2)}, agreement ${(100 * certificate.argmaxAgreement).toFixed(2)}%, ${certificate.keptSynapses}/${certificate.denseSynapses} synapses; wrote ${out}`);
  return result;
}
