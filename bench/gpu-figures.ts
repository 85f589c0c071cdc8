/**
 * The paper's Figs. 3 and 4 at the paper's size on the GPU machine: each figure's five trials at
 * once (Fig. 3's, then Fig. 4's; both together with --parallel) through the sweep machinery (local executor, one child process per trial, every trial on
 * `--backend`, default webgpu), then each figure's results JSON under $OUT. Every trial's
 * metrics.jsonl (and its checkpoint and timeline once compaction made them ≤ 8 MiB) is copied to
 * $OUT every 20 s and at the end, so a run cut off by `--deadline`
 * (seconds) still says how far each trial got; at the deadline the trials are stopped (they die
 * with this process) and the exit code is 4.
 *
 *   bash scripts/gpu-pack.sh        (pack.sh of this file and the trial child, minified)
 *   bash .gpu/run.sh gpu-figures.mjs --deadline 480 [--S 5000] [--epochs 200] [--seeds 1,2,3,4,5]
 *       [--results-dir $OUT/x] [--out /tmp/x] [--parallel] [the figures' reading flags: --B 64 …]
 *   bash .gpu/run.sh gpu-figures.mjs check [--only e2e]             (bench/gpu-check.ts)
 *   bash .gpu/run.sh gpu-figures.mjs train-step --S 5000 --B 64     (bench/train-step.ts)
 *   bash .gpu/run.sh gpu-figures.mjs fig6 --grid 56,56,6             (bench/fig6-fmnist.ts on the packed data)
 *   node --import tsx bench/gpu-figures.ts --backend wasm --S 100 --epochs 2   (a CPU rehearsal)
 */
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run as fig3 } from './fig3.js';
import { run as fig4 } from './fig4.js';
import * as fig6 from './fig6-fmnist.js';
import * as check from './gpu-check.js';
import * as trainStep from './train-step.js';
import { mainOf } from './lib/entry.js';
import { e2eChild, E2E_FLAG } from './lib/gpu-e2e.js';
import { READING_FLAGS } from './lib/spheres-figure.js';
import { bool, choice, int, ints, num, readFlags, str } from './lib/flags.js';
import { BACKENDS } from '../src/train/backend.js';

const SMALL = ['sweep.json', 'trial.json', 'run.json', 'metrics.jsonl', 'attempts.jsonl', 'result.json'];
/** Checkpoints and timelines come back too once compaction has made them this small. */
const MAX_BYTES = 8 << 20;

/** Copy each trial's small files (and its compacted checkpoint and timeline) under `to`. */
function copySmallFiles(dir: string, to: string): void {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const from = join(e.parentPath, e.name);
    if (!e.isFile() || !(SMALL.includes(e.name) || (e.name.endsWith('.msgpack') && statSync(from).size <= MAX_BYTES))) continue;
    const dest = join(to, relative(dir, from));
    mkdirSync(join(dest, '..'), { recursive: true });
    cpSync(from, dest);
  }
}

export const flags = {
  deadline: num(0, 'seconds: then copy what there is and exit 4 (0: none)'),
  S: int(5000, 'neurons'),
  epochs: int(200, 'epochs per trial'),
  seeds: ints([1, 2, 3, 4, 5], 'one trial per seed, in each figure'),
  jobs: int(5, 'trials at once'),
  backend: choice(['auto', ...BACKENDS], 'webgpu', 'backend of every trial'),
  parallel: bool("both figures' trials at once (default: Fig. 3's, then Fig. 4's)"),
  'results-dir': str(process.env.OUT ?? 'gpu-out', "the figures' results JSON and the trials' small files; the default is $OUT when set"),
  out: str('/tmp/urn-figures', 'the sweep directories (<out>/fig3, <out>/fig4)'),
  // The reading's flags pass through to both figures (their defaults), so one device run can hold
  // several readings (one per call).
  ...READING_FLAGS,
};

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values: o, given } = readFlags('gpu-figures', flags, args);
  const { 'results-dir': out, out: runs, deadline } = o;
  // The reading's flags given here pass through to both figures as written.
  const reading = Object.keys(READING_FLAGS).flatMap((k) => (given.has(k) ? [`--${k}`, given.get(k)!] : []));
  const pass = [...reading, '--backend', o.backend, '--S', String(o.S), '--epochs', String(o.epochs), '--seeds', o.seeds.join(','), '--jobs', String(o.jobs)];
  mkdirSync(out, { recursive: true });
  const copy = () => copySmallFiles(runs, join(out, 'runs'));
  const every = setInterval(copy, 20_000);
  every.unref();
  if (deadline > 0) {
    setTimeout(() => {
      copy();
      console.log(`gpu-figures: deadline of ${deadline} s reached; the unfinished trials stop with this process`);
      process.exit(4);
    }, deadline * 1000).unref();
  }
  const t0 = performance.now();
  // One figure after the other unless --parallel: when the GPU is the bottleneck, Fig. 3's five
  // trials then finish before the deadline rather than all ten at once after it.
  const one = (fig: typeof fig3, name: string) => () => fig([...pass, '--out', join(runs, name), '--results', join(out, `${name}.json`)]);
  const jobs = [one(fig3, 'fig3'), one(fig4, 'fig4')];
  const settle = (p: Promise<unknown>) => p.then((v) => ({ status: 'fulfilled' as const, value: v }), (reason: unknown) => ({ status: 'rejected' as const, reason }));
  const [r3, r4] = o.parallel ? await Promise.all(jobs.map((j) => settle(j()))) : [await settle(jobs[0]()), await settle(jobs[1]())];
  clearInterval(every);
  copy();
  const seconds = (performance.now() - t0) / 1000;
  const failed = [r3, r4].flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
  console.log(`gpu-figures: ${seconds.toFixed(0)} s; ${failed.length ? `failed: ${failed.join('; ')}` : 'both figures written'}`);
  return { seconds, failed, exitCode: failed.length ? 1 : 0 };
}

/**
 * fig6-fmnist's flags on the GPU machine, each unless given: the Fashion-MNIST subset that
 * scripts/gpu-pack.sh packs beside this bundle (8000 training and 3000 test images), results
 * under $OUT, runs in /tmp, webgpu.
 *
 * ```ts
 * fig6Args(['--grid', '56,56,6']); // ['--data-dir', '<.gpu>/fashion-mnist', …, '--grid', '56,56,6']
 * ```
 */
export function fig6Args(rest: string[]): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const defaults: [string, string][] = [
    ['--data-dir', join(here, 'fashion-mnist')],
    ['--results', process.env.OUT ?? 'gpu-out'],
    ['--out', '/tmp/urn-fig6'],
    ['--backend', 'webgpu'],
    ['--n-test', '3000'],
  ];
  const given = (f: string) => rest.some((a) => a === f || a.startsWith(`${f}=`));
  return [...defaults.filter(([f]) => !given(f)).flat(), ...rest];
}

// `gpu-figures.mjs check [gpu-check's flags]` runs the GPU check and `gpu-figures.mjs train-step
// [its flags]` the step benchmark from this bundle (fewer bundles to carry to the GPU machine);
// the check's e2e child comes back here with E2E_FLAG.
if (/^gpu-figures\.(ts|mjs)$/.test(basename(process.argv[1] ?? ''))) {
  const [first, ...rest] = process.argv.slice(2);
  if (first === E2E_FLAG) await e2eChild(rest[0]);
  else if (first === 'train-step') await mainOf('train-step', trainStep, rest, 'bash .gpu/run.sh gpu-figures.mjs train-step');
  else if (first === 'check') await mainOf('gpu-check', check, rest, 'bash .gpu/run.sh gpu-figures.mjs check');
  else if (first === 'fig6') await mainOf('fig6-fmnist', fig6, fig6Args(rest), 'bash .gpu/run.sh gpu-figures.mjs fig6');
  else await mainOf('gpu-figures', { flags, run }, process.argv.slice(2), 'bash .gpu/run.sh gpu-figures.mjs');
}
