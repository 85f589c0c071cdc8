/**
 * The calibration table and figure of issue 15: finished spheres runs (any mix of rules,
 * sizes and readings of the unstated choices) summarised side by side. For each run: the
 * reading it was trained with (batch size, activity reduction, outputs in the activity term,
 * activity of states or activations, init scale), S, test accuracy, active hidden neurons by
 * first active iteration, the layers at threshold 0 and at the verified threshold, and the share
 * of the output's value each iteration adds. Writes bench/results/calibration.json and the
 * figure bench/results/calibration.{svg,png}: hidden neurons over training per run (left) and the
 * cumulative share of the outputs formed by iteration t (right).
 *
 *   npm run bench -- calibration --runs DIR[,DIR…] [--json] [--results FILE]   (--help: the flags and their defaults)
 */
import { basename, dirname, join } from 'node:path';
import { readMetrics } from '../src/run/metrics.js';
import { readRunInfo } from '../src/run/recorder.js';
import { initBackend } from '../src/train/backend.js';
import { CATEGORICAL } from '../src/report/colors.js';
import { linePanel } from '../src/report/svg/line-panel.js';
import { svgDocument } from '../src/report/svg/markup.js';
import { TITLE_HEIGHT, titleBlock } from '../src/report/svg/title.js';
import { writeFigure } from '../src/report/write-figure.js';
import { summariseSpheresRun } from './lib/spheres-summary.js';
import { commandOf } from './lib/spheres-figure.js';
import { writeResults } from './util.js';
import { parseFlags, str, strs } from './lib/flags.js';
import { ConfigError } from '../src/errors.js';

export const flags = {
  runs: strs(undefined, 'DIR[,DIR…]: the finished spheres run directories (required)'),
  results: str('bench/results/calibration.json', 'the results JSON; the figure calibration.{svg,png} is written next to it'),
};

interface Row {
  run: string;
  rule: string;
  S: number;
  seed: number;
  reading: { batchSize: number; activityReduction: string; activityOutputs: string; activityOf: string; initScale: number };
  testAccuracy: number;
  active: number;
  widths: number[];
  exactLayers: number[];
  verifiedLayers: number[] | null;
  outputShareByIteration: number[] | null;
  sizes: [number, number][];
}

async function rowOf(dir: string): Promise<Row> {
  const info = readRunInfo(dir);
  if (!info) throw new Error(`calibration: ${dir} holds no run.json; pass finished run directories`);
  const o = info.options as Record<string, unknown>;
  const config = info.config as { rule: string; S: number; seed: number };
  const s = await summariseSpheresRun(dir);
  return {
    run: basename(dir) === dir ? dir : `${basename(dirname(dir))}/${basename(dir)}`,
    rule: config.rule,
    S: config.S,
    seed: config.seed,
    reading: {
      batchSize: Number(o.batchSize),
      activityReduction: String(o.activityReduction ?? 'mean'),
      activityOutputs: String(o.activityOutputs ?? 'include'),
      activityOf: String(o.activityOf ?? 'state'),
      initScale: Number(o.initScale ?? 1),
    },
    testAccuracy: s.testAccuracy,
    active: s.active,
    widths: s.widths,
    exactLayers: s.exact.layerWidths,
    verifiedLayers: s.verified?.layerWidths ?? null,
    outputShareByIteration: s.outputShareByIteration,
    sizes: readMetrics(dir).map((m) => [m.epoch, m.neurons ?? 0] as [number, number]),
  };
}

function figure(rows: Row[]) {
  const color = (k: number) => CATEGORICAL[k % CATEGORICAL.length];
  const label = (r: Row) =>
    `${r.rule} S=${r.S} B=${r.reading.batchSize} ${r.reading.activityOutputs === 'include' ? '+out' : '−out'} ${r.reading.activityOf === 'state' ? 'N' : 'φ'} init×${r.reading.initScale} seed ${r.seed}`;
  const top = TITLE_HEIGHT + 30;
  const [left, pw, ph, gap] = [80, 760, 240, 70];
  const sizes = linePanel(
    { title: 'Neurons during training', xLabel: 'epoch', yLabel: 'S after compaction', yScale: 'log', series: rows.map((r, k) => ({ label: label(r), color: color(k), points: r.sizes, step: true })) },
    left,
    top,
    pw,
    ph,
  );
  const withShares = rows.map((r, k) => ({ r, k })).filter((e) => e.r.outputShareByIteration);
  const cumulative = (xs: number[]) => xs.map((_, t) => xs.slice(0, t + 1).reduce((a, v) => a + v, 0));
  const shares = linePanel(
    {
      title: 'residual-output: outputs formed by iteration t',
      xLabel: 'iteration t',
      yLabel: 'share of Σ|ΔN_out| up to t',
      yScale: 'linear',
      yDomain: [0, 1],
      series: withShares.map(({ r, k }) => ({ label: label(r), color: color(k), points: cumulative(r.outputShareByIteration!).map((v, t) => [t + 1, v] as [number, number]) })),
    },
    left,
    top + sizes.height + gap,
    pw,
    ph,
  );
  const width = left + pw + 40;
  const height = Math.ceil(top + sizes.height + gap + shares.height + 16);
  const title = 'Calibration of the unstated choices (issue 15)';
  const svg = svgDocument(width, height, [titleBlock(title, `${rows.length} spheres runs · +out/−out: the activity term with/without the outputs · N/φ: on states/activations`, 20), sizes.svg, shares.svg].join('\n'));
  return { name: 'calibration', title, width, height, svg, notes: [], plots: {} };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const o = parseFlags('calibration', flags, args);
  const dirs = o.runs ?? [];
  if (!dirs.length) throw new ConfigError('calibration: pass --runs DIR[,DIR…] (finished spheres run directories).');
  await initBackend();
  const rows: Row[] = [];
  for (const d of dirs) rows.push(await rowOf(d));
  console.log('| run | rule | S | B | activity | outputs | of | test | active | by first iteration | layers (exact) | layers (verified) | output added at t = 1..I |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const shares = r.outputShareByIteration ? r.outputShareByIteration.map((v) => `${(100 * v).toFixed(1)}%`).join(' / ') : '–';
    console.log(
      `| ${r.run} | ${r.rule} | ${r.S} | ${r.reading.batchSize} | ${r.reading.activityReduction} | ${r.reading.activityOutputs} | ${r.reading.activityOf} | ` +
        `${(100 * r.testAccuracy).toFixed(1)}% | ${r.active} | ${r.widths.join('/')} | ${r.exactLayers.join('-')} | ${r.verifiedLayers?.join('-') ?? 'none'} | ${shares} |`,
    );
  }
  const out = o.results;
  const fig = writeFigure(figure(rows), dirname(out), 1);
  console.log(`figure ${fig.png}`);
  const body = { command: commandOf('calibration', args), runs: rows.map(({ sizes, ...r }) => ({ ...r, finalS: sizes.at(-1)?.[1] ?? null })), figure: join(dirname(out), 'calibration.png') };
  writeResults(out, body);
  return body;
}
