/**
 * Figs. 3 and 4 against the length of training, the init scale, the batch size, the output
 * bias at init or the outer shell's radius (issue 15):
 * the results of `bench fig3` and `bench fig4` at several `--epochs` (continued with `--from`),
 * `--init-scale`, `--B`, `--output-bias` or `--radii 1,R`, every other setting equal, side by
 * side (`--seeds` keeps the seeds every point has, when the sweeps ran different numbers). Per point: Fig. 3's active
 * neurons and hidden widths (mean ± std over the seeds, recomputed from the trials) against the
 * paper's error bars, counted two ways (by the iteration at which a neuron is first non-zero,
 * and as the layers of the certified structure), its 100% and tie counts, and Fig. 4's seeds
 * with one hidden layer; and, for each way of counting, the points at which both figures meet
 * every target at once.
 * The paper states 200 epochs and not the batch size, so the number of Adam steps is as open as
 * the batch size; nor does it give an init scale beyond He normal. These scans show how much the
 * targets depend on them. Writes bench/results/spheres-epochs.json (spheres-init-scale.json,
 * spheres-batch-size.json, spheres-output-bias.json, spheres-radius.json) and the figure next to it.
 *
 *   npm run bench -- spheres-epochs --fig3 FILE[,FILE…] --fig4 FILE[,FILE…] [--json]
 *                                   [--by epochs|init-scale|batch-size|output-bias|radius]
 *                                   [--seeds N,…] [--results FILE]   (--help: the flags and their defaults)
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../src/errors.js';
import { CATEGORICAL } from '../src/report/colors.js';
import { linePanel, type Series } from '../src/report/svg/line-panel.js';
import { pointTicks } from '../src/report/svg/ticks.js';
import { svgDocument } from '../src/report/svg/markup.js';
import { TITLE_HEIGHT, titleBlock } from '../src/report/svg/title.js';
import { writeFigure } from '../src/report/write-figure.js';
import { canonicalJson, type Json } from '../src/sweep/index.js';
import { PAPER, allWithin, commandOf, fig3Bar, fig3Counts, fig4Target, oneHiddenLayerCount, type Fig3Count } from './lib/spheres-figure.js';
import { writeResults } from './util.js';
import { choice, ints, parseFlags, str, strs } from './lib/flags.js';

const SCANS = ['epochs', 'init-scale', 'batch-size', 'output-bias', 'radius'] as const;

export const flags = {
  fig3: strs(undefined, 'FILE[,FILE…]: results of bench fig3, one per point of the scan'),
  fig4: strs(undefined, 'FILE[,FILE…]: results of bench fig4, one per point of the scan'),
  by: choice(SCANS, 'epochs', "what the scan varies: --epochs, --init-scale, --B, --output-bias or the outer shell's radius (--radii 1,R)"),
  seeds: ints(undefined, 'N[,N…]: compare these seeds only; every file must hold each of them (default: all, and every file the same seeds)'),
  results: str(undefined, 'the results JSON, the figure next to it (default: bench/results/spheres-<by>.json; spheres-epochs.json by epochs)'),
};

interface Fig3File {
  settings: Record<string, Json>;
  reading: Json;
  trials: { seed: number; testAccuracy: number; active: number; widths: number[]; tiedSamples: number; verified?: { layerWidths: number[] } | null }[];
}
interface Fig4File {
  settings: Record<string, Json>;
  reading: Json;
  trials: { seed: number; testAccuracy: number; hiddenLayers: number; tiedSamples: number }[];
}
type Stat = { mean: number; std: number };

/** What a scan varies: how to read it off a result, and the result with it blanked out. */
interface Axis {
  /** In the x axis label, the messages and the figure's title. */
  label: string;
  title: string;
  of(b: Fig3File | Fig4File): number;
  /** The settings and the reading with the varied setting blanked: the rest of the scan must match. */
  blank(b: Fig3File | Fig4File): { settings: Record<string, Json>; reading: Json };
  results: string;
}

/** A scan over one field of the reading (`initScale`, `batchSize`); `missing` stands for results that predate it. */
function readingAxis(field: string, label: string, title: string, results: string, missing: number): Axis {
  return {
    label,
    title,
    of: (b) => Number((b.reading as Record<string, Json>)[field] ?? missing),
    blank: (b) => ({ settings: b.settings, reading: { ...(b.reading as Record<string, Json>), [field]: 0 } }),
    results,
  };
}

const AXES: Record<(typeof SCANS)[number], Axis> = {
  epochs: {
    label: 'epochs',
    title: 'the length of training',
    of: (b) => Number(b.settings.epochs),
    blank: (b) => ({ settings: { ...b.settings, epochs: 0, continuedFrom: null }, reading: b.reading }),
    results: 'bench/results/spheres-epochs.json',
  },
  'init-scale': readingAxis('initScale', 'init scale (× He normal)', 'the init scale', 'bench/results/spheres-init-scale.json', 1),
  'batch-size': readingAxis('batchSize', 'batch size', 'the batch size', 'bench/results/spheres-batch-size.json', 64),
  'output-bias': readingAxis('outputBias', 'output bias at init', 'the output bias at init', 'bench/results/spheres-output-bias.json', 0),
  // The outer shell's inner radius; the inner shell (radii[0]) must match across the scan.
  radius: {
    label: 'outer shell radius',
    title: "the outer shell's radius",
    of: (b) => Number((b.settings.radii as number[] | undefined)?.[1]),
    blank: (b) => ({ settings: { ...b.settings, radii: [(b.settings.radii as number[] | undefined)?.[0] ?? null, 0] }, reading: b.reading }),
    results: 'bench/results/spheres-radius.json',
  },
};

/** Read result files of one figure; all must share every setting but the scanned one, and the seeds. */
function readSeries<T extends Fig3File | Fig4File>(files: string[], which: string, axis: Axis, seeds?: number[]): { x: number; file: string; body: T }[] {
  const out = files.map((file) => {
    let body: T;
    try {
      body = JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch (e) {
      throw new ConfigError(`spheres-epochs: cannot read --${which} ${file} (${(e as Error).message}). Pass results written by bench ${which}.`);
    }
    if (!body.settings || !Array.isArray(body.trials)) throw new ConfigError(`spheres-epochs: ${file} is not a bench ${which} result (no settings or trials).`);
    const x = axis.of(body);
    if (!Number.isFinite(x)) throw new ConfigError(`spheres-epochs: ${file} has no ${axis.label}. Pass results of bench ${which} that record it.`);
    return { x, file, body: seeds ? onlySeeds(body, seeds, file) : body };
  });
  const key = (b: T) => {
    const { settings, reading } = axis.blank(b);
    return canonicalJson({ settings: { ...settings, backends: null }, reading, seeds: b.trials.map((t) => t.seed).sort((x, y) => x - y) });
  };
  for (const o of out) {
    if (key(o.body) !== key(out[0].body)) throw new ConfigError(`spheres-epochs: ${o.file} differs from ${out[0].file} in more than the ${axis.label} (settings, reading or seeds). Compare runs of one sweep only.`);
  }
  const xs = out.map((o) => o.x);
  if (new Set(xs).size !== xs.length) throw new ConfigError(`spheres-epochs: two --${which} files at the same ${axis.label} (${xs.join(', ')}). Pass one per point.`);
  return out.sort((a, b) => a.x - b.x);
}

/** `body` with the trials of `seeds` only, in their order; a seed it lacks is an error. */
function onlySeeds<T extends Fig3File | Fig4File>(body: T, seeds: number[], file: string): T {
  const bySeed = new Map<number, T['trials'][number]>(body.trials.map((t) => [t.seed, t]));
  const missing = seeds.filter((s) => !bySeed.has(s));
  if (missing.length) throw new ConfigError(`spheres-epochs: ${file} has no trial for seed ${missing.join(', ')}. Pass --seeds that every file holds.`);
  return { ...body, trials: seeds.map((s) => bySeed.get(s)!) };
}

function fig3Row(body: Fig3File) {
  const t = body.trials;
  return { n: t.length, ...fig3Counts(t), perfect: t.filter((r) => r.testAccuracy === 1).length, tied: t.filter((r) => r.tiedSamples > 0).length };
}

function fig4Row(body: Fig4File) {
  const t = body.trials;
  return { n: t.length, oneHiddenLayer: oneHiddenLayerCount(t), perfect: t.filter((r) => r.testAccuracy === 1).length };
}

type Fig3Row = ReturnType<typeof fig3Row>;
type Counts = NonNullable<Fig3Row['certified']>;
const COUNTS: Fig3Count[] = ['firstActive', 'certified'];
const COUNT_LABEL: Record<Fig3Count, string> = { firstActive: 'by first active iteration', certified: 'layers of the certified structure' };
type Row = { x: number; fig3: Fig3Row | null; fig4: ReturnType<typeof fig4Row> | null; bothMet: Record<Fig3Count, boolean> };

/**
 * Every Fig. 3 target (counted one way, in every trial: a trial without a certified structure
 * fails the certified count), and one hidden layer in at least 4 of 5 Fig. 4 seeds (the ratio).
 */
function bothMet(f3: Fig3Row | null, count: Fig3Count, f4: Row['fig4']): boolean {
  const c = f3?.[count];
  if (!c || !f4 || c.n < f3.n) return false;
  return allWithin(c.within) && f4.oneHiddenLayer >= fig4Target(f4.n);
}

/** The paper's mean (dashed) and its error bar (dotted edges) over the scan's range. */
function paperSeries(p: Stat, bar: number, x0: number, x1: number): Series[] {
  return [
    { label: 'paper', color: '#555', dashed: true, points: [[x0, p.mean], [x1, p.mean]] },
    { label: 'paper ± the target bar', color: '#aaa', dashed: true, points: [[x0, p.mean - bar], [x1, p.mean - bar], [x1, null], [x0, p.mean + bar], [x1, p.mean + bar]] },
  ];
}

function figure(rows: Row[], axis: Axis, subtitle: string) {
  const r3 = rows.filter((r) => r.fig3);
  const r4 = rows.filter((r) => r.fig4);
  const xs = rows.map((r) => r.x);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const xTicks = pointTicks(xs);
  const pad = 0.04 * Math.max(x1 - x0, 1); // room for the error bars at the ends
  // Both counts, mean ± std over the seeds; the second shifted right a little so the bars do not overlap.
  const ours = (get: (c: Counts) => Stat): Series[] =>
    COUNTS.map((count, k) => {
      const rs = r3.filter((r) => r.fig3![count]);
      return {
        label: `ours, ${COUNT_LABEL[count]}`,
        color: CATEGORICAL[k === 0 ? 0 : 4],
        points: rs.map((r) => [r.x + (k * pad) / 2, get(r.fig3![count]!).mean] as [number, number]),
        errors: rs.map((r) => get(r.fig3![count]!).std),
      };
    });
  const counts = [
    { title: 'Fig. 3: active hidden neurons', yLabel: 'neurons', series: [...ours((c) => c.active), ...paperSeries(PAPER.fig3.active, PAPER.fig3.active.std, x0, x1)] },
    ...[0, 1, 2].map((k) => ({ title: `Fig. 3: hidden layer ${k + 1}`, yLabel: 'neurons', series: [...ours((c) => c.widths[k]), ...paperSeries(PAPER.fig3.widths[k], fig3Bar(k), x0, x1)] })),
  ];
  const layers = {
    title: 'Fig. 4: seeds with one hidden layer',
    yLabel: 'seeds',
    yDomain: [0, Math.max(...r4.map((r) => r.fig4!.n), 1)] as [number, number],
    series: [
      { label: 'one hidden layer', color: CATEGORICAL[1], points: r4.map((r) => [r.x, r.fig4!.oneHiddenLayer] as [number, number]) },
      { label: '100% test', color: CATEGORICAL[2], points: r4.map((r) => [r.x, r.fig4!.perfect] as [number, number]) },
      { label: 'target: ≥ 4 of 5 (of n: ⌈0.8·n⌉)', color: '#aaa', dashed: true, points: r4.map((r) => [r.x, fig4Target(r.fig4!.n)] as [number, number]) },
    ],
  };
  const tests = {
    title: 'Fig. 3: seeds at 100% test, seeds with ties',
    yLabel: 'seeds',
    yDomain: [0, Math.max(...r3.map((r) => r.fig3!.n), 1)] as [number, number],
    series: [
      { label: '100% test', color: CATEGORICAL[2], points: r3.map((r) => [r.x, r.fig3!.perfect] as [number, number]) },
      { label: 'a tie decides a sample', color: CATEGORICAL[3], points: r3.map((r) => [r.x, r.fig3!.tied] as [number, number]) },
    ],
  };
  // Only the panels of the figures given.
  const panels = [...(r3.length ? counts : []), ...(r4.length ? [layers] : []), ...(r3.length ? [tests] : [])];
  const [left, pw, ph, colGap, rowGap, cols] = [70, 330, 190, 90, 40, 3];
  const top = TITLE_HEIGHT + 30;
  const blocks: string[] = [];
  let y = top;
  for (let i = 0; i < panels.length; i += cols) {
    let rowHeight = 0;
    panels.slice(i, i + cols).forEach((p, c) => {
      const b = linePanel({ xLabel: axis.label, yScale: 'linear', xTicks, xDomain: [x0 - pad, x1 + pad], ...p }, left + c * (pw + colGap), y, pw, ph);
      blocks.push(b.svg);
      rowHeight = Math.max(rowHeight, b.height);
    });
    y += rowHeight + rowGap;
  }
  const width = left + cols * pw + (cols - 1) * colGap + 30;
  const height = Math.ceil(y);
  const title = `${r3.length && r4.length ? 'Figs. 3 and 4' : r3.length ? 'Fig. 3' : 'Fig. 4'} against ${axis.title}`;
  const svg = svgDocument(width, height, [titleBlock(title, subtitle, 20), ...blocks].join('\n'));
  return { name: '', title, width, height, svg, notes: [], plots: {} };
}

const fmt = (s: Stat) => `${s.mean.toFixed(1)} ± ${s.std.toFixed(1)}`;

/** The scan as a markdown table: one line per point and way of counting Fig. 3. */
function printTable(rows: Row[], axis: Axis): void {
  console.log(`| ${axis.label} | Fig. 3 counted | active | hidden widths | in the bars (active; layers 1/2/3) | 100% test | ties | Fig. 4: one hidden layer | 100% test | both met |`);
  console.log('|---:|---|---|---|---|---|---|---|---|---|');
  const yes = (b: boolean) => (b ? 'yes' : '**no**');
  for (const r of rows) {
    const b = r.fig4;
    const c4 = b ? `${b.oneHiddenLayer} of ${b.n} | ${b.perfect} of ${b.n}` : '– | –';
    for (const c of COUNTS) {
      const a = r.fig3?.[c];
      const c3 = a && r.fig3
        ? `${fmt(a.active)} | ${a.widths.map(fmt).join(' / ')} | ${yes(a.within.active)}; ${a.within.widths.map(yes).join(' / ')} | ${r.fig3.perfect} of ${r.fig3.n} | ${r.fig3.tied}`
        : '– | – | – | – | –';
      console.log(`| ${r.x} | ${COUNT_LABEL[c]} | ${c3} | ${c4} | ${r.bothMet[c] ? '**yes**' : 'no'} |`);
    }
  }
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const o = parseFlags('spheres-epochs', flags, args);
  const [files3, files4] = [o.fig3 ?? [], o.fig4 ?? []];
  if (!files3.length && !files4.length) throw new ConfigError('spheres-epochs: pass --fig3 FILE[,FILE…] and/or --fig4 FILE[,FILE…] (results of bench fig3/fig4 at several --epochs, --init-scale, --B, --output-bias or --radii).');
  const { by } = o;
  const axis = AXES[by];
  // A seed named twice would count its trial twice in every mean.
  if (o.seeds && new Set(o.seeds).size !== o.seeds.length) throw new ConfigError(`spheres-epochs: --seeds names a seed twice (${o.seeds.join(',')}). Name each once.`);
  const f3 = readSeries<Fig3File>(files3, 'fig3', axis, o.seeds);
  const f4 = readSeries<Fig4File>(files4, 'fig4', axis, o.seeds);
  if (f3.length && f4.length && canonicalJson(axis.blank(f3[0].body).reading) !== canonicalJson(axis.blank(f4[0].body).reading)) {
    throw new ConfigError('spheres-epochs: the fig3 and fig4 results were trained with different readings. Pass runs of one reading.');
  }
  const points = [...new Set([...f3, ...f4].map((o) => o.x))].sort((a, b) => a - b);
  const rows: Row[] = points.map((x) => {
    const a = f3.find((o) => o.x === x);
    const b = f4.find((o) => o.x === x);
    const fig3 = a ? fig3Row(a.body) : null;
    const fig4 = b ? fig4Row(b.body) : null;
    return { x, fig3, fig4, bothMet: { firstActive: bothMet(fig3, 'firstActive', fig4), certified: bothMet(fig3, 'certified', fig4) } };
  });
  printTable(rows, axis);
  const met = Object.fromEntries(COUNTS.map((c) => [c, rows.filter((r) => r.bothMet[c]).map((r) => r.x)])) as Record<Fig3Count, number[]>;
  for (const c of COUNTS) console.log(`both figures meet every target, Fig. 3 counted ${COUNT_LABEL[c]}, at ${axis.label}: ${met[c].length ? met[c].join(', ') : 'none scanned'}`);
  const out = o.results ?? axis.results;
  const any = (f3[0] ?? f4[0]).body.settings;
  const radii = Array.isArray(any.radii) ? (any.radii as number[]) : null;
  // Scanning the radius, only the inner shell is common to every point.
  const shells = !radii ? '' : by === 'radius' ? `, inner shell from r = ${radii[0]}, the outer one scanned` : `, shells from r = ${radii.join(' and ')}`;
  const subtitle = `S = ${any.S}${shells}, ${(f3[0] ?? f4[0]).body.trials.length} seeds per point · bars: the issue's targets (|mean − paper| ≤ the paper's std, ≤ 1 neuron for layers 2 and 3)`;
  const fig = writeFigure({ ...figure(rows, axis, subtitle), name: basename(out, '.json') }, dirname(out));
  console.log(`wrote ${fig.png}`);
  const body = {
    command: commandOf('spheres-epochs', args),
    paper: PAPER,
    by,
    seeds: o.seeds ?? null,
    sources: { fig3: f3.map((o) => o.file), fig4: f4.map((o) => o.file) },
    rows,
    bothMetAt: met,
    figure: join(dirname(out), `${basename(out, '.json')}.png`),
  };
  writeResults(out, body);
  return body;
}
