import type { Command } from 'commander';
import { trainStructure, type StructureResult } from '../../train/structure/trainer.js';
import { runDirRecorder } from '../../train/structure/record.js';
import { STRUCTURE_DEFAULTS, STRUCTURE_METHODS, type StructureMethod } from '../../train/structure/options.js';
import { RESERVE_DEFAULTS, type ReserveOptions } from '../../train/structure/reserve.js';
import { initBackend, type BackendName } from '../../train/backend.js';
import { loadTaskSpec } from '../../data/task-spec.js';
import { taskKind } from '../../data/task.js';
import type { DataSpec } from '../../data/spec.js';
import { ConfigError } from '../../errors.js';
import { int, num } from '../parse.js';

/**
 * The flags of `urn train --structure …` (besides the shared ones).
 *
 * ```ts
 * const flags: Pick<StructureFlags, 'structure' | 'steps'> = { structure: 'grow-reserve', steps: 800 };
 * ```
 */
export interface StructureFlags extends ReserveOptions {
  structure: StructureMethod;
  dataset: string;
  steps: number;
  hidden?: number;
  l1Out: number;
  epsilon: number;
  sizeWeight: number;
  sizeTarget?: number;
  sizeInit: number;
  then?: string;
  T?: number;
  I: number;
  rule: 'plain' | 'residual-output' | 'residual-input';
  activation: 'relu' | 'tanh';
  batch: number;
  lr: number;
  seed: number;
  evalEvery: number;
  nTrain?: number;
  nTest?: number;
  backend: BackendName | 'auto';
  out?: string;
  resume?: boolean;
  force?: boolean;
}

/** `urn train` flags (commander attribute names) that only `--structure` runs read. */
export const STRUCTURE_ONLY_FLAGS = ['steps', 'hidden', 'l1Out', 'threshold', 'margin', 'pAdd', 'pDel', 'pSpontaneous', 'maxHidden', 'sizeWeight', 'sizeTarget', 'sizeInit', 'then', 'T'] as const;

/** `urn train` flags that only dense URN training reads (a `--structure` run builds its own network and data). */
export const DENSE_ONLY_FLAGS = [
  'S', 'readout', 'cW', 'cN', 'activityReduction', 'activityOutputs', 'activityOf', 'initScale', 'weightInit', 'biasInit', 'outputBias', 'l1', 'csyn', 'beta', 'gamma', 'grid',
  'epochs', 'd', 'radii', 'thickness', 'normalize', 'color', 'classes', 'checkpointEvery', 'grad', 'compact', 'compactEvery', 'skipSilent',
] as const;

/**
 * Refuse flags that the chosen mode would ignore: structure flags without `--structure`, and
 * dense-training flags with it. `given` says whether a flag (by attribute name) was on the
 * command line, `flagOf` how it is spelled there.
 *
 * ```ts
 * checkModeFlags(false, (k) => k === 'epochs', (k) => `--${k}`); // dense training with --epochs: fine
 * ```
 */
export function checkModeFlags(structure: boolean, given: (flag: string) => boolean, flagOf: (flag: string) => string): void {
  const stray = (structure ? DENSE_ONLY_FLAGS : STRUCTURE_ONLY_FLAGS).filter((k) => given(k)).map(flagOf);
  if (!stray.length) return;
  const list = stray.join(', ');
  throw new ConfigError(
    structure
      ? `urn train: ${list} ${stray.length > 1 ? 'do' : 'does'} not apply to --structure runs (they train for --steps, on their own network); drop ${stray.length > 1 ? 'them' : 'it'}.`
      : `urn train: ${list} ${stray.length > 1 ? 'apply' : 'applies'} only with --structure <method>; add --structure or drop ${stray.length > 1 ? 'them' : 'it'}.`,
  );
}

/**
 * Add the structure flags to `urn train`. `--structure` switches the command to
 * `trainStructure`; the shared flags (--dataset, --I, --lr, --batch, --seed, --out, --json …) keep
 * their meaning, with steps in place of epochs.
 *
 * ```ts
 * import { Command } from 'commander';
 * addStructureFlags(new Command('train'));
 * ```
 */
export function addStructureFlags(cmd: Command): Command {
  return cmd
    .option('--structure <method>', `grow or gate the network while it trains: ${STRUCTURE_METHODS.join(' | ')} (datasets: brackets-easy | brackets-hard | bessel | spirals | …)`)
    .option('--steps <n>', 'structure: optimisation steps (minibatches)', int, STRUCTURE_DEFAULTS.steps)
    .option('--hidden <n>', 'structure: hidden neurons at the start (grow-reserve: 1; grow-gated: N_max, 10; fixed: the size)', int)
    .option('--l1-out <A>', 'structure: outgoing-weight L1 step W[:, hidden] −= A·sign(W) after each step', num, STRUCTURE_DEFAULTS.l1)
    .option('--threshold <T>', 'grow-reserve: T_D, outgoing norm below which a neuron is in reserve', num, RESERVE_DEFAULTS.threshold)
    .option('--margin <k>', 'grow-reserve: reserve neurons kept', int, RESERVE_DEFAULTS.margin)
    .option('--p-add <p>', 'grow-reserve: probability per step of adding a neuron when fewer than k are in reserve', num, RESERVE_DEFAULTS.pAdd)
    .option('--p-del <p>', 'grow-reserve: probability per step of deleting each reserve neuron beyond k', num, RESERVE_DEFAULTS.pDel)
    .option('--p-spontaneous <p>', 'grow-reserve: probability per step of adding a neuron anyway', num, RESERVE_DEFAULTS.pSpontaneous)
    .option('--max-hidden <n>', 'grow-reserve: most hidden neurons', int, RESERVE_DEFAULTS.maxHidden)
    .option('--size-weight <λ>', 'grow-gated: λ of the size loss λ·(size − target)²', num, STRUCTURE_DEFAULTS.sizeWeight)
    .option('--size-target <n>', 'grow-gated: the size the size loss pulls to (default: --hidden, full width)', num)
    .option('--size-init <n>', 'grow-gated: the initial size', num, STRUCTURE_DEFAULTS.sizeInit)
    .option('--then <list>', 'structure: switch task at a step, e.g. brackets-hard@1000,brackets-easy@2000')
    .option('--T <n>', 'brackets: steps per window (40)', int);
}

function phasesOf(list: string | undefined, base: DataSpec): { from: number; data: ReturnType<typeof loadTaskSpec> }[] {
  if (!list) return [];
  return list.split(',').map((p) => {
    const [name, at] = p.split('@');
    if (!name || !Number.isInteger(Number(at))) throw new ConfigError(`urn train: --then takes <dataset>@<step>[,…], got '${p}'. For example brackets-hard@1000.`);
    return { from: Number(at), data: loadTaskSpec({ ...base, dataset: name }) };
  });
}

/**
 * Run `urn train --structure …`: load the task, train with `trainStructure`, write the run
 * directory when --out is given, and return the result with a JSON summary.
 *
 * ```ts
 * const { summary } = await runStructureTrain(flags, (flag) => flag !== 'activation'); // given: flags the user set
 * ```
 */
export async function runStructureTrain(o: StructureFlags, given: (flag: string) => boolean): Promise<{ result: StructureResult; summary: Record<string, unknown> }> {
  if (o.resume) throw new ConfigError(`urn train: --resume does not apply to --structure runs (their size changes). Start a new run.`);
  const backend = await initBackend({ backend: o.backend });
  const spec = { dataset: o.dataset, seed: o.seed, nTrain: o.nTrain, nTest: o.nTest, normalize: 'none' as const, ...(o.T ? { T: o.T } : {}) };
  const data = loadTaskSpec(spec);
  const hidden = o.hidden ?? (o.structure === 'grow-reserve' ? 1 : 10);
  const result = await trainStructure({
    data,
    phases: phasesOf(o.then, spec),
    config: { I: given('I') ? o.I : 2, rule: o.rule, activation: given('activation') ? o.activation : 'tanh', seed: o.seed },
    options: {
      method: o.structure, steps: o.steps, seed: o.seed, hidden, l1: o.l1Out,
      // Given ones only: otherwise the structure defaults, as trainStructure() takes them.
      ...(given('batch') ? { batchSize: o.batch } : {}),
      ...(given('lr') ? { lr: o.lr } : {}),
      ...(given('epsilon') ? { epsilon: o.epsilon } : {}),
      evalEvery: given('evalEvery') ? o.evalEvery : Math.max(1, Math.round(o.steps / 20)),
      reserve: { threshold: o.threshold, margin: o.margin, pAdd: o.pAdd, pDel: o.pDel, pSpontaneous: o.pSpontaneous, maxHidden: o.maxHidden },
      sizeWeight: o.sizeWeight, sizeTarget: o.sizeTarget ?? null, sizeInit: o.sizeInit,
    },
    recorder: o.out ? runDirRecorder(o.out, spec, taskKind(data) === 'classification', { force: o.force }) : undefined,
  });
  const f = result.final;
  const summary = {
    structure: o.structure, task: f?.task ?? data.name, hidden: f?.hidden ?? null, size: f?.size ?? null, neurons: result.network.config.S,
    testAccuracy: f?.testAccuracy ?? null, testLoss: f?.testLoss ?? null, steps: result.history.length ? f!.epoch : 0,
    seconds: result.seconds, backend: backend.name, outDir: o.out ?? null, config: result.network.config,
  };
  return { result, summary };
}
