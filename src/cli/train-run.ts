import { ConfigError, prefix } from '../errors.js';
import { train, type TrainResult } from '../train/train.js';
import { readCheckpoint } from '../run/checkpoint.js';
import type { UrnConfigInput } from '../core/config.js';
import type { TrainOptions } from '../train/options.js';
import { checkResumeConflicts } from '../train/resume.js';
import type { BackendName } from '../train/backend.js';
import { loadDataSpec, type DataSpec } from '../data/spec.js';
import { createProgress, pct } from './progress.js';
import { deadOutputWarning } from '../export/analyze-run.js';
import type { EpochMetrics } from '../run/metrics.js';

const where = prefix('train');

/** Options of `urn train`, as commander parses them; those named as in `TrainOptions` have its types. */
export interface TrainFlags
  extends Pick<TrainOptions, 'cW' | 'cN' | 'initScale' | 'weightInit' | 'biasInit' | 'outputBias'>,
    Required<Pick<TrainOptions, 'activityReduction' | 'activityOutputs' | 'activityOf' | 'l1'>> {
  dataset: string;
  S?: number;
  I: number;
  rule: UrnConfigInput['rule'];
  activation: UrnConfigInput['activation'];
  readout: UrnConfigInput['readout'];
  csyn: number;
  beta: number;
  gamma: number;
  grid?: [number, number, number];
  epochs: number;
  batch: number;
  lr: number;
  epsilon: number;
  seed: number;
  backend: BackendName | 'auto';
  out?: string;
  resume?: boolean;
  force?: boolean;
  json?: boolean;
  nTrain?: number;
  nTest?: number;
  d: number;
  radii?: [number, number];
  thickness?: number;
  normalize: DataSpec['normalize'];
  color?: boolean;
  classes?: number;
  checkpointEvery: number;
  evalEvery: number;
  grad?: 'custom' | 'autodiff';
  compact?: boolean;
  compactEvery?: number;
  skipSilent?: boolean;
}

/** Whether a flag was given on the command line (not a default). Everything counts as given when unknown. */
export type GivenFlag = (flag: keyof TrainFlags) => boolean;

/** Keep the entries whose flag was given (on resume, the rest comes from the run's record). */
function pick<T extends object>(o: T, flags: Record<string, keyof TrainFlags>, given: GivenFlag): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && given(flags[k] ?? (k as keyof TrainFlags)))) as Partial<T>;
}

/**
 * Refuse dense-training flags that the other flags make meaningless, which would otherwise be
 * ignored: `--d` off the spheres, `--color` off CIFAR-10, `--beta` or `--gamma` without `--grid`,
 * `--compact-every` with `--no-compact`, `--force` without `--out`. `given` says whether a flag
 * was on the command line.
 *
 * ```ts
 * checkTrainFlags(flags, (k) => k === 'd'); // with --dataset fashion-mnist, throws: --d is the spheres' dimension
 * ```
 */
export function checkTrainFlags(o: TrainFlags, given: GivenFlag): void {
  const dataset = o.dataset.split(':')[0];
  const refuse = (why: string) => {
    throw new ConfigError(where(why));
  };
  if (given('d') && dataset !== 'spheres') refuse(`--d is the spheres' dimension; '${o.dataset}' takes none. Drop it.`);
  if (o.color && dataset !== 'cifar10') refuse(`--color keeps CIFAR-10's RGB; '${o.dataset}' has no colour. Drop it.`);
  const stray = (['beta', 'gamma'] as const).filter((k) => given(k));
  if (!o.grid && stray.length) refuse(`${stray.map((k) => `--${k}`).join(' and ')} shape the --grid geometry; give --grid X,Y,Z or drop ${stray.length > 1 ? 'them' : 'it'}.`);
  if (o.compact === false && given('compactEvery')) refuse('--compact-every sets how often to compact, and --no-compact turns compaction off; drop one.');
  if (o.force && !o.out) refuse('--force overwrites the run in --out; pass --out DIR, or drop --force.');
}

/** The data spec, config and options the flags ask for (only the given ones when `given` says so). */
export function trainRequestOf(o: TrainFlags, given: GivenFlag): { spec: Partial<DataSpec>; config: Partial<UrnConfigInput>; options: Partial<TrainOptions> } {
  const geometry = o.grid ? { grid: o.grid, beta: o.beta, gamma: o.gamma } : undefined;
  const S = o.S ?? (o.grid ? o.grid[0] * o.grid[1] * o.grid[2] : undefined);
  const spec = { dataset: o.dataset, seed: o.seed, nTrain: o.nTrain, nTest: o.nTest, d: o.d, radii: o.radii, thickness: o.thickness, normalize: o.normalize, color: o.color, classes: o.classes, resize: o.grid ? [o.grid[0], o.grid[1]] : undefined };
  const config = { S, I: o.I, rule: o.rule, activation: o.activation, readout: o.readout, seed: o.seed, geometry };
  const options = {
    epochs: o.epochs, batchSize: o.batch, lr: o.lr, epsilon: o.epsilon, cW: o.cW, cN: o.cN, activityReduction: o.activityReduction, activityOutputs: o.activityOutputs, activityOf: o.activityOf, initScale: o.initScale, weightInit: o.weightInit, biasInit: o.biasInit, outputBias: o.outputBias, l1: o.l1, cSyn: o.csyn,
    seed: o.seed, checkpointEvery: o.checkpointEvery, evalEvery: o.evalEvery, grad: o.grad, compact: o.compact, compactEvery: o.compactEvery, skipSilent: o.skipSilent,
  };
  return {
    spec: pick(spec, { resize: 'grid' }, given) as Partial<DataSpec>,
    config: pick(config, { geometry: 'grid' }, given) as Partial<UrnConfigInput>,
    options: pick(options, { batchSize: 'batch', cSyn: 'csyn' }, given) as Partial<TrainOptions>,
  };
}

/**
 * Run `urn train` with parsed flags; returns the result (the caller disposes the model). On
 * `--resume` only the flags given on the command line apply: the run continues with its recorded
 * options, and a structural flag that differs is a `ConfigError` naming both values.
 *
 * ```ts
 * const r = await runTrain(flags, (k) => k === 'epochs'); // on --resume, only --epochs was given
 * ```
 */
export async function runTrain(o: TrainFlags, given: GivenFlag = () => true): Promise<TrainResult> {
  if (o.resume && !o.out) throw new ConfigError(where('--resume needs the run directory: pass --out DIR.'));
  const asked = trainRequestOf(o, o.resume ? given : () => true);
  let spec = asked.spec as DataSpec;
  if (o.resume && o.out) {
    const ckpt = readCheckpoint(o.out);
    checkResumeConflicts(ckpt, asked.config, asked.spec);
    spec = { ...(ckpt.train.data as DataSpec), ...asked.spec };
  }
  const data = loadDataSpec(spec);
  // Record the class count the data gave, so the run rebuilds with the same dOut.
  if (spec.classes === undefined && spec.dataset.startsWith('idx:')) spec = { ...spec, classes: data.nClasses };
  const progress = createProgress(asked.options.epochs ?? o.epochs, { quiet: !!o.json });
  const warnDead = deadOutputsWatch(asked.config.dOut ?? data.nClasses);
  try {
    return await train({
      data,
      config: asked.config,
      options: asked.options,
      outDir: o.out,
      resume: o.resume,
      force: o.force,
      backend: o.backend,
      dataSpec: spec as unknown as Record<string, unknown>,
      onBatch: (b, n, e) => progress.batch(b, n, e),
      onEpoch: (m) => {
        progress.epoch(m);
        warnDead(m);
      },
    });
  } finally {
    progress.stop();
  }
}

/**
 * A warning on stderr (with --json too) when an evaluated epoch finds outputs dead, printed again
 * only when the set of dead outputs changes.
 */
function deadOutputsWatch(dOut: number, stream: NodeJS.WritableStream = process.stderr): (m: EpochMetrics) => void {
  let last = '';
  return (m) => {
    if (m.trainAccuracy === null) return; // not evaluated: nothing known
    const now = (m.deadOutputs ?? []).join(',');
    if (now && now !== last) stream.write(`warning: epoch ${m.epoch}: ${deadOutputWarning(m.deadOutputs!, dOut)}\n`);
    last = now;
  };
}

/** The JSON summary `urn train --json` prints. */
export function trainSummary(r: TrainResult): Record<string, unknown> {
  const f = r.final;
  return {
    testAccuracy: f?.testAccuracy ?? null,
    trainAccuracy: f?.trainAccuracy ?? null,
    activeNeurons: f?.activeNeurons ?? null,
    deadOutputs: f?.deadOutputs ?? [],
    neurons: r.model.config.S,
    loss: f?.loss ?? null,
    backend: r.backend.name,
    backendSkipped: r.backend.skipped,
    accel: r.backend.accel ?? [],
    compactions: r.compactions,
    epochs: r.epochs,
    seconds: r.seconds,
    outDir: r.outDir ?? null,
    config: r.model.config,
  };
}

/** The human summary of a run, accuracies in percent as the progress prints them. */
export function summaryLines(r: TrainResult): string[] {
  const f = r.final;
  return [
    `backend   ${r.backend.name}${r.backend.accel?.length ? ` + ${r.backend.accel.join(', ')}` : ''}${r.backend.skipped.length ? ` (skipped: ${r.backend.skipped.join('; ')})` : ''}`,
    r.compactions.length ? `compacted ${r.compactions.map((c) => `${c.from}→${c.to} (epoch ${c.epoch})`).join(', ')}` : '',
    `epochs    ${r.epochs} in ${r.seconds.toFixed(1)} s`,
    `accuracy  train ${pct(f?.trainAccuracy ?? null).trim()}  test ${pct(f?.testAccuracy ?? null).trim()}`,
    `active    ${f?.activeNeurons ?? '-'} of ${r.model.config.S} neurons`,
    r.outDir ? `run dir   ${r.outDir}` : 'run dir   none: the network was not saved (pass --out DIR to keep it)',
  ].filter(Boolean);
}
