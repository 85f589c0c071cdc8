/**
 * Networks that grow (issue 17), scaled to minutes on 2 shared cores:
 *
 *   npm run bench -- growth [--json] [flags]   (--help: every flag with its kind, default and meaning)
 *
 * - Miconi (grow-reserve) on the easy and hard bracket tasks: final hidden size and next-symbol
 *   test accuracy per seed; easy → hard → easy (switching at 1/3 and 2/3 of the steps): the size
 *   trace; fixed-size networks (half, equal to and twice the grown size on hard) against it.
 * - N3 (grow-gated) on Bessel J₀ (test MSE) and 5-class spirals (test accuracy), against static
 *   networks of the same final size trained for as many steps.
 * - URN pruning (the ordinary trainer with c_W, c_N and compaction) on spirals, as a table row.
 * Writes the JSON to --out and prints one table, method × task.
 */
import { initBackend } from '../src/train/backend.js';
import { trainStructure } from '../src/train/structure/trainer.js';
import type { StructureOptions } from '../src/train/structure/options.js';
import { makeBrackets } from '../src/data/brackets.js';
import { makeBessel } from '../src/data/bessel.js';
import { makeSpirals } from '../src/data/spirals.js';
import type { Task } from '../src/data/task.js';
import { train } from '../src/train/train.js';
import { disposeModel } from '../src/train/model.js';
import { writeResults } from './util.js';
import { choice, int, ints, num, parseFlags, str } from './lib/flags.js';
import { BACKENDS } from '../src/train/backend.js';
import { sizeFigure, type SizeTrace } from '../src/report/figures/size.js';
import { writeFigure } from '../src/report/write-figure.js';

export const flags = {
  seeds: ints([1, 2, 3], 'seeds of every task'),
  steps: int(800, 'training steps of grow-reserve on the bracket tasks'),
  'gated-steps': int(1500, 'training steps of grow-gated on Bessel J₀ and spirals'),
  T: int(24, 'bracket tasks: steps per window'),
  batch: int(16, 'bracket tasks: minibatch size'),
  windows: int(500, 'bracket tasks: training windows'),
  epsilon: num(1e-3, "bracket tasks: Adam's ε"),
  backend: choice(BACKENDS, 'cpu', 'tfjs backend'),
  out: str('bench/results/growth.json', 'the results JSON (the size figure goes to bench/results)'),
};

type Row = { method: string; task: string; finalSize: string; metric: string; seconds: string };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / Math.max(1, xs.length - 1));
const ms = (xs: number[], d = 1) => `${mean(xs).toFixed(d)} ± ${std(xs).toFixed(d)}`;

async function one(data: Task, options: Partial<StructureOptions>, phases?: { from: number; data: Task }[]) {
  const r = await trainStructure({ data, options, phases });
  const f = r.final!;
  return { finalSize: f.hidden, size: f.size, metric: f.testAccuracy ?? f.testLoss, seconds: r.seconds, sizes: r.history.map((m) => m.hidden), points: r.history.map((m): [number, number] => [m.epoch, m.hidden]) };
}

/** Miconi's tasks: easy, hard, switching and fixed sizes. */
async function reserve(seeds: number[], steps: number, base: Partial<StructureOptions>, T: number, windows: number, rows: Row[]) {
  const data = (kind: 'easy' | 'hard', seed: number) => makeBrackets({ kind, seed, T, nTrain: windows, nTest: 100 });
  const out: Record<string, { seed: number; finalSize: number; metric: number; seconds: number }[]> = { easy: [], hard: [] };
  const traces: SizeTrace[] = [];
  for (const kind of ['easy', 'hard'] as const) {
    for (const seed of seeds) {
      const r = await one(data(kind, seed), { ...base, method: 'grow-reserve', steps, seed });
      out[kind].push({ seed, finalSize: r.finalSize, metric: r.metric, seconds: r.seconds });
      traces.push({ label: `${kind} seed ${seed}`, points: r.points });
      console.log(`grow-reserve ${kind} seed ${seed}: ${r.finalSize} hidden, accuracy ${r.metric.toFixed(3)}, ${r.seconds.toFixed(0)} s; sizes ${r.sizes.join(' ')}`);
    }
    rows.push({ method: 'grow-reserve', task: `brackets-${kind}`, finalSize: ms(out[kind].map((r) => r.finalSize)), metric: `acc ${ms(out[kind].map((r) => r.metric), 3)}`, seconds: ms(out[kind].map((r) => r.seconds), 0) });
  }
  const switching = [];
  for (const seed of seeds.slice(0, 2)) {
    const third = Math.round(steps / 2);
    const r = await one(data('easy', seed), { ...base, method: 'grow-reserve', steps: 3 * third, seed, evalEvery: Math.max(1, Math.round(third / 6)) }, [{ from: third + 1, data: data('hard', seed) }, { from: 2 * third + 1, data: data('easy', seed) }]);
    switching.push({ seed, sizes: r.sizes });
    traces.push({ label: `easy→hard→easy seed ${seed}`, points: r.points });
    console.log(`easy → hard → easy seed ${seed}: sizes ${r.sizes.join(' ')}`);
  }
  const fig = sizeFigure(traces, { title: 'grow-reserve: hidden neurons over training', subtitle: `brackets, ${steps} steps (switching: ${Math.round(steps / 2)} per phase)` });
  writeFigure({ ...fig, name: 'growth-size' }, 'bench/results', 1);
  const grown = Math.max(1, Math.round(mean(out.hard.map((r) => r.finalSize))));
  const fixed = [];
  for (const hidden of [Math.max(1, Math.round(grown / 2)), grown, 2 * grown]) {
    const runs = [];
    for (const seed of seeds.slice(0, 2)) runs.push({ seed, ...(await one(data('hard', seed), { ...base, method: 'fixed', hidden, steps, seed })) });
    fixed.push({ hidden, metric: runs.map((r) => r.metric) });
    console.log(`fixed ${hidden} hidden on hard: accuracy ${ms(runs.map((r) => r.metric), 3)}`);
    rows.push({ method: `fixed ${hidden}`, task: 'brackets-hard', finalSize: String(hidden), metric: `acc ${ms(runs.map((r) => r.metric), 3)}`, seconds: ms(runs.map((r) => r.seconds), 0) });
  }
  return { ...out, switching, fixed };
}

/** N3's tasks: growing (gated) against static networks of the same final size. */
async function gated(task: 'bessel' | 'spirals', seeds: number[], steps: number, rows: Row[]) {
  const regression = task === 'bessel';
  const base = { steps, batchSize: 64, lr: 0.01, l1: 0, hidden: 10, evalEvery: steps } as const;
  const growing = [];
  const stat = [];
  for (const seed of seeds) {
    const data = regression ? makeBessel({ n: 1000, seed }) : makeSpirals({ n: 1000, seed });
    const g = await one(data, { ...base, method: 'grow-gated', seed });
    const s = await one(data, { ...base, method: 'fixed', hidden: Math.max(1, g.finalSize), seed });
    growing.push({ seed, finalSize: g.finalSize, size: g.size, metric: g.metric, seconds: g.seconds });
    stat.push({ seed, size: s.finalSize, metric: s.metric, seconds: s.seconds });
    console.log(`${task} seed ${seed}: growing ${g.finalSize} hidden (s = ${g.size.toFixed(2)}) ${g.metric.toFixed(4)}; static ${s.finalSize} ${s.metric.toFixed(4)}`);
  }
  const name = regression ? 'mse' : 'acc';
  for (const [method, runs] of [['grow-gated', growing], ['static (same size)', stat]] as const) {
    const sizes = runs.map((r) => ('finalSize' in r ? r.finalSize : r.size));
    rows.push({ method, task, finalSize: ms(sizes), metric: `${name} ${ms(runs.map((r) => r.metric), regression ? 4 : 3)}`, seconds: ms(runs.map((r) => r.seconds), 0) });
  }
  return { task, metricName: regression ? 'test MSE' : 'test accuracy', lowerIsBetter: regression, growing, static: stat };
}

/** URN pruning on spirals: the ordinary trainer, dead neurons compacted away. */
async function urnPruning(seeds: number[], rows: Row[]) {
  const runs = [];
  for (const seed of seeds) {
    const data = makeSpirals({ n: 1000, seed });
    const r = await train({ data, config: { S: 32, I: 3, seed }, options: { epochs: 15, batchSize: 32, lr: 3e-3, cW: 1e-5, cN: 1e-4, seed, timelineEvery: 0 } });
    runs.push({ seed, active: (r.final!.activeNeurons ?? r.model.config.S) - 7, metric: r.final!.testAccuracy!, seconds: r.seconds });
    disposeModel(r.model);
  }
  rows.push({ method: 'URN pruning (S 32)', task: 'spirals', finalSize: ms(runs.map((r) => r.active)), metric: `acc ${ms(runs.map((r) => r.metric), 3)}`, seconds: ms(runs.map((r) => r.seconds), 0) });
  return runs;
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const o = parseFlags('growth', flags, args);
  await initBackend({ backend: o.backend });
  const { seeds, steps, 'gated-steps': gatedSteps } = o;
  const base: Partial<StructureOptions> = { batchSize: o.batch, lr: 3e-3, epsilon: o.epsilon, l1: 3e-4, evalEvery: Math.max(1, Math.round(steps / 12)), reserve: { threshold: 0.05, margin: 1, pAdd: 0.05, pDel: 0.25, pSpontaneous: 1e-4, maxHidden: 100 } };
  const rows: Row[] = [];
  const t0 = performance.now();
  const res = await reserve(seeds, steps, base, o.T, o.windows, rows);
  const bessel = await gated('bessel', seeds, gatedSteps, rows);
  const spirals = await gated('spirals', seeds, gatedSteps, rows);
  const pruning = await urnPruning(seeds, rows);
  console.log('\n| method | task | final hidden size | metric (test) | wall s |\n|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.method} | ${r.task} | ${r.finalSize} | ${r.metric} | ${r.seconds} |`);
  const command = `npm run bench -- growth --json ${args.join(' ')}`.trim();
  const result = { command, seconds: (performance.now() - t0) / 1000, reserve: res, gated: bessel, gatedSpirals: spirals, urnPruning: pruning, table: rows };
  const out = o.out;
  writeResults(out, result, 1);
  return result;
}
