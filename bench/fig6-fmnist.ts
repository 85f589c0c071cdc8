/**
 * The paper's Fig. 6 (Section 3, Eqs. 8–9) on Fashion-MNIST (issue 15, item 4): two URNs on a
 * grid geometry, inputs on the z = 1 plane, outputs at the centre of z = Z, rule residual-output,
 * I = 4, relu, trained with everything equal (data, seed, init, options) except c_syn: once with
 * the synapse-length term and once with c_syn = 0 (only the weight and activity regulators).
 * Reports test accuracy both ways, the share of Σ|W_ij| that goes forward (to a larger z),
 * backward and within one z plane, the |W|-weighted mean synapse length on ds² = dx²+dy²+β·dz²
 * (`synapseGeometry`), and draws each emergent network in the paper's colours.
 *
 *   npm run bench -- fig6-fmnist [--json] [flags]   (--help: every flag with its kind, default and meaning)
 *       --only with|without   one arm only: writes fig6-fmnist-with-csyn.json or -without-csyn.json
 *       --seeds 1,2,3         a pair per seed in <out>/seed-<s>, figures there; writes fig6-fmnist-seeds.json
 *                             with each pair and the mean ± std across seeds; finished arms are reused
 *       --seeds 3 --add-to F  the pairs of an earlier -seeds.json F (same grid and settings, other
 *                             seeds) and these in one -seeds.json: seeds added when F's run folders are gone
 *
 * Files are named by the grid: fig6-fmnist.json on the default 14×14×6, fig6-fmnist-28x28x6.json
 * (and -28x28x6-with-csyn.png, -28x28x6-seeds.json, …) on another.
 *
 * The paper (CIFAR-10, 60×60×6): 52% test with c_syn, 10 points more than without it, and a
 * "clear feedforward and locally connected structure … with very few green/black weights".
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BACKENDS, initBackend } from '../src/train/backend.js';
import { train } from '../src/train/train.js';
import { accuracyOn } from '../src/train/activity.js';
import { snapshotOf } from '../src/train/snapshot-of.js';
import { createModel, disposeModel, type UrnModel } from '../src/train/model.js';
import { readCheckpoint } from '../src/run/checkpoint.js';
import { readMetrics, type EpochMetrics } from '../src/run/metrics.js';
import { RUN_FILES } from '../src/run/files.js';
import { canonicalJson, meanStd, type Json } from '../src/sweep/index.js';
import { L1_MODES, type L1Mode } from '../src/train/loss.js';
import { loadDataSpec, type DataSpec } from '../src/data/spec.js';
import { csrFromDense } from '../src/core/csr.js';
import { DEFAULT_THRESHOLD } from '../src/core/threshold.js';
import type { Snapshot } from '../src/core/snapshot.js';
import { synapseGeometry, type SynapseGeometry } from '../src/topology/synapse-geometry.js';
import { synapsePlanes } from '../src/topology/synapse-planes.js';
import { analyzePruned } from '../src/topology/analyze-pruned.js';
import { pruneSnapshot } from '../src/topology/prune.js';
import { emergentNetwork } from '../src/report/network.js';
import { gridProjectionFigure } from '../src/report/figures/grid-projection.js';
import { writeFigure } from '../src/report/write-figure.js';
import { ConfigError } from '../src/errors.js';
import { writeResults } from './util.js';
import { checkPoolable, differingFields, pooled, provenance, readEarlier, type PoolableFile } from './lib/pool.js';
import { choice, int, ints, num, parseFlags, str, type FlagValues } from './lib/flags.js';

export const flags = {
  grid: ints([14, 14, 6], 'the grid X,Y,Z (S = X·Y·Z); the 28×28 images are resized to X×Y', 3),
  'n-train': int(8000, 'the first n training images'),
  'n-test': int(10000, 'test images'),
  epochs: int(6, 'epochs per arm'),
  B: int(64, 'batch size'),
  'eval-every': int(2, 'evaluate every n epochs'),
  lr: num(1e-3, 'Adam learning rate'),
  cW: num(1e-5, 'c_W, the weight regulariser'),
  cN: num(1e-5, 'c_N, the activity regulariser'),
  csyn: num(1e-4, 'c_syn, the synapse-length term of the arm with it'),
  beta: num(1, 'β: ds² = dx² + dy² + β·dz²'),
  gamma: num(1, 'γ of the grid geometry'),
  l1: choice(L1_MODES, 'proximal', 'how the L1 term is applied'),
  seed: int(1, 'the seed of the pair (data order, init)'),
  seeds: ints(undefined, 'a pair per seed in <out>/seed-<s> and the mean ± std across them (default: --seed alone)'),
  out: str('runs/fig6-fmnist', 'the run directories'),
  results: str('bench/results', 'the folder of the results JSON and the figures (several seeds: the figures go to each seed\'s run folder)'),
  'data-dir': str(undefined, "Fashion-MNIST's IDX files (default /usr/share/datasets/fashion-mnist)"),
  only: choice(['with', 'without'], undefined, 'one arm only, with or without c_syn (default: both)'),
  backend: choice(['auto', ...BACKENDS], 'auto', 'the TensorFlow.js backend of both arms (webgpu on the GPU machine)'),
  'add-to': str(undefined, 'an earlier -seeds.json of the same settings: its pairs and these seeds\' go into one -seeds.json, the mean ± std over all'),
};
type Flags = FlagValues<typeof flags>;

const PAPER = { dataset: 'CIFAR-10 (grayscale, 32×32 → 60×60)', grid: [60, 60, 6], testAccuracyWithCsyn: 0.52, upliftPoints: 10, structure: 'feedforward, locally connected, very few green/black (backward/same-z) weights' };
const pct = (v: number) => (100 * v).toFixed(1);

/** The bench's numbers for one geometry: shares of Σ|W| and the |W|-weighted mean length. */
function shares(g: SynapseGeometry) {
  const n = g.forward + g.backward + g.sameZ;
  return {
    forwardShare: g.forwardShare,
    backwardShare: g.backwardShare,
    sameZShare: g.sameZShare,
    meanSynapseLength: g.weightedMeanLength,
    unweightedMeanSynapseLength: g.meanLength,
    synapses: n,
    countShares: n > 0 ? { forward: g.forward / n, backward: g.backward / n, sameZ: g.sameZ / n } : null,
  };
}

interface Setup {
  spec: DataSpec;
  grid: [number, number, number];
  beta: number;
  gamma: number;
  options: { epochs: number; batchSize: number; evalEvery: number; lr: number; cW: number; cN: number; l1: L1Mode; seed: number };
  out: string;
  results: string;
  /** Where the figures go: the results folder for one seed, each seed's run folder for several. */
  figures: string;
}

/**
 * The arm's finished run in `dir`, when it holds one trained on the same data and grid with
 * exactly these options (all epochs, same c_syn): its model and metrics, so that `--seeds` adds
 * seeds without training the finished ones again. Null otherwise (the arm is then trained, over
 * whatever is there).
 */
function finishedArm(dir: string, st: Setup, cSyn: number): { model: UrnModel; final: EpochMetrics | null; seconds: number } | null {
  if (!existsSync(join(dir, RUN_FILES.checkpoint))) return null;
  const ck = readCheckpoint(dir);
  const recorded = ck.train.options as Record<string, unknown>;
  const wanted: Record<string, unknown> = { ...st.options, cSyn };
  const g = ck.config.geometry;
  const sameSetup = canonicalJson(ck.train.data as Json) === canonicalJson(st.spec as unknown as Json) && canonicalJson(g ? [g.grid, g.beta, g.gamma] : null) === canonicalJson([st.grid, st.beta, st.gamma]);
  if (!sameSetup || ck.epoch !== st.options.epochs || Object.keys(wanted).some((k) => recorded[k] !== wanted[k])) return null;
  const metrics = readMetrics(dir);
  return { model: createModel(ck.config, ck), final: metrics.at(-1) ?? null, seconds: metrics.reduce((a, m) => a + m.seconds, 0) };
}

/** Train one of the pair and measure it; `cSyn` is the only thing that differs between the two. */
async function runOne(st: Setup, data: ReturnType<typeof loadDataSpec>, label: string, cSyn: number) {
  const [X, Y, Z] = st.grid;
  console.log(`— ${label} (c_syn = ${cSyn})`);
  const done = finishedArm(join(st.out, label), st, cSyn);
  if (done) console.log(`finished run in ${join(st.out, label)}: reused`);
  const r = done ?? await train({
    data,
    dataSpec: { ...st.spec },
    config: { S: X * Y * Z, I: 4, rule: 'residual-output', activation: 'relu', seed: st.options.seed, geometry: { grid: st.grid, beta: st.beta, gamma: st.gamma } },
    options: { ...st.options, cSyn, compact: true, timelineEvery: 0, checkpointEvery: 0 },
    outDir: join(st.out, label),
    force: true,
    onEpoch: (m) => console.log(`epoch ${String(m.epoch).padStart(3)}  S=${m.neurons}  loss ${m.loss.toFixed(4)}  ${m.testAccuracy == null ? '(not evaluated)' : `train ${pct(m.trainAccuracy ?? 0)}%  test ${pct(m.testAccuracy)}%  active ${m.activeNeurons}`}  ${m.seconds.toFixed(1)} s`),
  });
  const cfg = r.model.config;
  const snap: Snapshot = await snapshotOf(r.model, data.train); // with the grid's coords
  const testAccuracy = r.final?.testAccuracy ?? await accuracyOn(r.model, data.test);
  disposeModel(r.model);
  // Every nonzero weight of the trained W (self-loops have no direction and are left out) ...
  const csr = csrFromDense(snap.W, cfg.S, 0);
  const all = shares(synapseGeometry(csr, snap.coords!, st.beta));
  const byPlane = synapsePlanes(csr, snap.coords!);
  // ... and the emergent network the figure draws (live synapses above the default threshold).
  const emergent = analyzePruned(pruneSnapshot(snap, { threshold: DEFAULT_THRESHOLD })).geometry;
  const fig = gridProjectionFigure(emergentNetwork(snap, { threshold: DEFAULT_THRESHOLD }), { maxEdges: 3000, balance: false });
  const written = writeFigure({ ...fig, name: `${stemOf(st.grid)}-${label}`, title: `${fig.title}, ${label.replace('-', ' ')}` }, st.figures, 1.5);
  const res = {
    cSyn,
    testAccuracy,
    // The last evaluated epoch's training accuracy: with the test accuracy it says whether the
    // network without c_syn overfits (what the paper's uplift would cure).
    trainAccuracy: r.final?.trainAccuracy ?? null,
    ...all,
    byPlane: { ...byPlane, share: byPlane.share.map((r) => r.map((v) => Number(v.toFixed(4)))) },
    emergent: emergent ? { threshold: DEFAULT_THRESHOLD, ...shares(emergent) } : null,
    finalS: cfg.S,
    activeNeurons: r.final?.activeNeurons ?? null,
    wallSeconds: r.seconds,
    figure: { svg: written.svg, png: written.png },
  };
  console.log(
    `${label}: test ${pct(testAccuracy)}%  Σ|W| forward ${pct(all.forwardShare)}% backward ${pct(all.backwardShare)}% same-z ${pct(all.sameZShare)}%  ` +
      `mean length (|W|-weighted) ${all.meanSynapseLength.toFixed(2)}  S ${cfg.S}  ${r.seconds.toFixed(0)} s`,
  );
  console.log(`  % of Σ|W| by source z (rows) → target z (columns):\n${byPlane.share.map((r, a) => `    z=${byPlane.planes[a]} ${r.map((v) => pct(v).padStart(5)).join(' ')}`).join('\n')}`);
  if (emergent) console.log(`  emergent network (${emergent.forward + emergent.backward + emergent.sameZ} synapses): forward ${pct(emergent.forwardShare)}% backward ${pct(emergent.backwardShare)}% same-z ${pct(emergent.sameZShare)}%  mean length ${emergent.weightedMeanLength.toFixed(2)}`);
  return res;
}

/** The results' file stem: `fig6-fmnist` on the default 14×14×6 grid, else with the grid (`fig6-fmnist-28x28x6`). */
export const stemOf = (grid: number[]): string => (grid.join(',') === '14,14,6' ? 'fig6-fmnist' : `fig6-fmnist-${grid.join('x')}`);

/** The settings of one seed's pair, from the flags. */
function setupOf(o: Flags, seed: number, out: string, figures: string): Setup {
  const grid = o.grid as [number, number, number];
  return {
    spec: { dataset: o['data-dir'] !== undefined ? `fashion-mnist:${o['data-dir']}` : 'fashion-mnist', seed, nTrain: o['n-train'], nTest: o['n-test'], normalize: 'none', resize: [grid[0], grid[1]] },
    grid,
    beta: o.beta,
    gamma: o.gamma,
    options: { epochs: o.epochs, batchSize: o.B, evalEvery: o['eval-every'], lr: o.lr, cW: o.cW, cN: o.cN, l1: o.l1, seed },
    out,
    results: o.results,
    figures,
  };
}

/** Both arms (or the one of `only`) of one seed, and the uplift. */
async function runPair(st: Setup, cSyn: number, only: Flags['only']) {
  const data = loadDataSpec(st.spec);
  const g = st.grid;
  console.log(`grid ${g.join('×')} (S = ${g[0] * g[1] * g[2]}), Fashion-MNIST 28×28 resized to ${g[0]}×${g[1]}, ${data.train.n} train / ${data.test.n} test, I=4 residual-output relu, β=${st.beta} γ=${st.gamma}, ${JSON.stringify(st.options)}`);
  const withCsyn = only === 'without' ? null : await runOne(st, data, 'with-csyn', cSyn);
  const withoutCsyn = only === 'with' ? null : await runOne(st, data, 'without-csyn', 0);
  const uplift = withCsyn && withoutCsyn ? withCsyn.testAccuracy - withoutCsyn.testAccuracy : null;
  if (uplift !== null) console.log(`\nc_syn uplift: ${uplift >= 0 ? '+' : ''}${pct(uplift)} points of test accuracy (paper on CIFAR-10: +${PAPER.upliftPoints})`);
  return { data: { dataset: 'fashion-mnist', nTrain: data.train.n, nTest: data.test.n, seed: st.options.seed }, withCsyn, withoutCsyn, upliftPoints: uplift === null ? null : 100 * uplift };
}

type Pair = Awaited<ReturnType<typeof runPair>>;

/** Mean and std over the seeds of each arm's accuracies and of the uplift (in points). */
export function acrossSeeds(pairs: Pick<Pair, 'withCsyn' | 'withoutCsyn' | 'upliftPoints'>[]) {
  const arm = (k: 'withCsyn' | 'withoutCsyn') => ({ testAccuracy: meanStd(pairs.map((p) => p[k]?.testAccuracy)), trainAccuracy: meanStd(pairs.map((p) => p[k]?.trainAccuracy)) });
  return { withCsyn: arm('withCsyn'), withoutCsyn: arm('withoutCsyn'), upliftPoints: meanStd(pairs.map((p) => p.upliftPoints)), upliftPositive: pairs.filter((p) => (p.upliftPoints ?? 0) > 0).length };
}

/** What `--add-to` reads: an earlier `-seeds.json` of this bench. */
interface SeedsFile extends PoolableFile {
  grid: Json;
  settings: Record<string, Json>;
  seeds: { data: { seed: number; nTrain: number; nTest: number } }[];
}

/**
 * Refuses to pool pairs that differ in anything but their seed: the grid and every setting must
 * be the earlier file's, and no seed may be in both.
 */
function checkAddTo(path: string, earlier: SeedsFile, grid: object, settings: Record<string, unknown>, spec: DataSpec, seeds: number[]): void {
  const differs = differingFields(settings, earlier.settings, ['seeds', 'seed']);
  if (canonicalJson(grid as Json) !== canonicalJson(earlier.grid)) differs.unshift('grid');
  if (earlier.seeds.some((p) => p.data.nTrain !== spec.nTrain || p.data.nTest !== spec.nTest)) differs.push('data (--n-train, --n-test)');
  checkPoolable(path, earlier, differs, seeds, earlier.seeds.map((p) => p.data.seed));
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const o = parseFlags('fig6-fmnist', flags, args);
  const seeds = o.seeds ?? [o.seed];
  const { out, only, csyn: cSyn } = o;
  const earlier = o['add-to'] === undefined ? null : readEarlier<SeedsFile>(o['add-to'], 'fig6-fmnist (a -seeds.json, written with --seeds)', ['grid', 'settings', 'seeds']);
  const multi = seeds.length > 1 || earlier !== null;
  const setups = seeds.map((s) => setupOf(o, s, multi ? join(out, `seed-${s}`) : out, multi ? join(out, `seed-${s}`) : o.results));
  const st = setups[0];
  if (multi && only) throw new ConfigError('--only runs one arm of one seed; drop it, or give one --seed.');
  const [X, Y, Z] = st.grid;
  const grid = { X, Y, Z, S: X * Y * Z, beta: st.beta, gamma: st.gamma, inputResize: `28×28 → ${X}×${Y} (bilinear)` };
  const settings = { I: 4, rule: 'residual-output', activation: 'relu', cSyn, ...st.options, ...(multi ? { seed: undefined, seeds } : {}) };
  if (earlier) checkAddTo(o['add-to']!, earlier, grid, settings, st.spec, seeds);
  const backend = await initBackend({ backend: o.backend });
  console.log(`backend ${backend.name} [${backend.accel.join(', ')}]`);
  const mine: Pair[] = [];
  for (const s of setups) mine.push(await runPair(s, cSyn, only));
  const pairs = earlier ? pooled(earlier.seeds as Pair[], mine, (p) => p.data.seed) : mine;
  if (earlier) settings.seeds = pairs.map((p) => p.data.seed);
  const head = { ...provenance(`npm run bench -- fig6-fmnist ${args.join(' ')}`.trim(), earlier), grid };
  const shares = 'forward/backward/sameZShare: shares of Σ|W_ij| over every nonzero off-diagonal weight (forward: z_target > z_source); meanSynapseLength: Σ|W_ij|·d_ij / Σ|W_ij| on ds² = dx²+dy²+β·dz²; byPlane.share[a][b]: share of Σ|W_ij| from plane a to plane b; emergent: the same over the live synapses above the default threshold (what the figure draws)';
  const tail = { paper: PAPER, backend: { name: backend.name, accel: backend.accel } };
  const result = multi
    ? { ...head, settings, shares, seeds: pairs, acrossSeeds: acrossSeeds(pairs), ...tail }
    : { ...head, data: pairs[0].data, settings, shares, withCsyn: pairs[0].withCsyn, withoutCsyn: pairs[0].withoutCsyn, upliftPoints: pairs[0].upliftPoints, ...tail };
  if (multi) {
    const a = acrossSeeds(pairs);
    const f = (v: { mean: number; std: number } | null, k = 100) => (v ? `${(k * v.mean).toFixed(1)} ± ${(k * v.std).toFixed(1)}` : '–');
    console.log(`\nover ${pairs.length} seeds: test with c_syn ${f(a.withCsyn.testAccuracy)}%, without ${f(a.withoutCsyn.testAccuracy)}%; uplift ${f(a.upliftPoints, 1)} points, positive in ${a.upliftPositive} of ${pairs.length}`);
  }
  // One arm (--only) is written beside the pair's file, never over it; several seeds beside both.
  const stem = stemOf(st.grid);
  const name = multi ? `${stem}-seeds.json` : only ? `${stem}-${only}-csyn.json` : `${stem}.json`;
  writeResults(join(st.results, name), result);
  return result;
}
