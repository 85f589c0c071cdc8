import type { Command } from 'commander';
import { train, type TrainResult } from '../../train/train.js';
import { readCheckpoint } from '../../run/checkpoint.js';
import { UPDATE_RULES, ACTIVATIONS, type UrnConfigInput } from '../../core/config.js';
import { TRAIN_DEFAULTS } from '../../train/options.js';
import { disposeModel } from '../../train/model.js';
import type { BackendName } from '../../train/backend.js';
import type { ActivityReduction, L1Mode } from '../../train/loss.js';
import { loadDataSpec, type DataSpec } from '../../data/spec.js';
import { createProgress, pct } from '../progress.js';
import { int, num, grid } from '../parse.js';
import { addStructureFlags, runStructureTrain, type StructureFlags } from './train-structure.js';

/** Options of `urn train`, as commander parses them. */
export interface TrainFlags {
  dataset: string;
  S: number;
  I: number;
  rule: UrnConfigInput['rule'];
  activation: UrnConfigInput['activation'];
  cW: number;
  cN: number;
  activityReduction: ActivityReduction;
  l1: L1Mode;
  csyn: number;
  beta: number;
  gamma: number;
  grid?: [number, number, number];
  epochs: number;
  batch: number;
  lr: number;
  seed: number;
  backend: BackendName | 'auto';
  out?: string;
  resume?: boolean;
  json?: boolean;
  nTrain?: number;
  nTest?: number;
  d: number;
  normalize: DataSpec['normalize'];
  color?: boolean;
  checkpointEvery: number;
  evalEvery: number;
  grad?: 'custom' | 'autodiff';
  compact?: boolean;
  compactEvery?: number;
}

/** The JSON summary `urn train --json` prints. */
export function trainSummary(r: TrainResult): Record<string, unknown> {
  const f = r.final;
  return {
    testAccuracy: f?.testAccuracy ?? null,
    trainAccuracy: f?.trainAccuracy ?? null,
    activeNeurons: f?.activeNeurons ?? null,
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

/** Run `urn train` with parsed flags; returns the result (the caller disposes the model). */
export async function runTrain(o: TrainFlags): Promise<TrainResult> {
  let spec: DataSpec = {
    dataset: o.dataset,
    seed: o.seed,
    nTrain: o.nTrain,
    nTest: o.nTest,
    d: o.d,
    normalize: o.normalize,
    color: o.color,
    resize: o.grid ? [o.grid[0], o.grid[1]] : undefined,
  };
  if (o.resume && o.out) spec = (readCheckpoint(o.out).train.data as DataSpec | undefined) ?? spec;
  const data = loadDataSpec(spec);
  const progress = createProgress(o.epochs, { quiet: !!o.json });
  const geometry = o.grid ? { grid: o.grid, beta: o.beta, gamma: o.gamma } : undefined;
  try {
    return await train({
      data,
      config: { S: o.S ?? (geometry ? o.grid![0] * o.grid![1] * o.grid![2] : 0), I: o.I, rule: o.rule, activation: o.activation, seed: o.seed, geometry },
      options: {
        epochs: o.epochs,
        batchSize: o.batch,
        lr: o.lr,
        cW: o.cW,
        cN: o.cN,
        activityReduction: o.activityReduction,
        l1: o.l1,
        cSyn: o.csyn,
        seed: o.seed,
        checkpointEvery: o.checkpointEvery,
        evalEvery: o.evalEvery,
        ...(o.grad ? { grad: o.grad } : {}),
        ...(o.compact === false ? { compact: false } : {}),
        ...(o.compactEvery ? { compactEvery: o.compactEvery } : {}),
      },
      outDir: o.out,
      resume: o.resume,
      backend: o.backend,
      dataSpec: spec as unknown as Record<string, unknown>,
      onBatch: (b, n, e) => progress.batch(b, n, e),
      onEpoch: (m) => progress.epoch(m),
    });
  } finally {
    progress.stop();
  }
}

/** Register `urn train`. */
export function registerTrain(program: Command): void {
  const cmd = program
    .command('train')
    .description(
      'Train a URN. Loss = mean softmax cross-entropy + cW·Σ|W| + cN·(1/B)Σ_b Σ_l Σ_i |N_i^(l)| ' +
        '(without the 1/B under --activity-reduction sum) [+ csyn·Σ_{i≠j}|W_ij|·d_ij^γ with --grid].',
    )
    .option('--dataset <spec>', 'spheres | fashion-mnist[:dir] | idx:<images>,<labels> | cifar10:<dir>', 'spheres')
    .option('--S <n>', 'total neurons (default: X·Y·Z with --grid, else 64)', int)
    .option('--I <n>', 'iterations of the update rule', int, 4)
    .option('--rule <rule>', `update rule: ${UPDATE_RULES.join(' | ')}`, 'plain')
    .option('--activation <fn>', `activation: ${ACTIVATIONS.join(' | ')}`, 'relu')
    .option('--cW <x>', 'weight L1 strength c_W (sum over all W_ij)', num, 1e-5)
    .option('--cN <x>', 'activity L1 strength c_N (per-sample sum, batch mean)', num, 1e-5)
    .option(
      '--activity-reduction <how>',
      "how the c_N term reduces over the batch: mean (per-sample sum, batch mean) | sum (the paper's Eq. 5 read literally: B times stronger)",
      'mean',
    )
    .option(
      '--l1 <mode>',
      'how c_W and c_syn are applied: subgradient (sign(W)·λ in the gradient) | proximal (soft-threshold after each Adam step: exact zeros)',
      'subgradient',
    )
    .option('--csyn <x>', 'synaptic-length strength c_syn (needs --grid)', num, 0)
    .option('--beta <x>', 'β of the uplift metric ds² = dx² + dy² + β·dz²', num, 1)
    .option('--gamma <x>', 'γ: distance power of the length term', num, 1)
    .option('--grid <X,Y,Z>', 'neuron geometry: inputs on z=1 (images resized to X×Y), outputs at the top centre', grid)
    .option('--epochs <n>', 'epochs', int, 30)
    .option('--batch <n>', 'batch size', int, 32)
    .option('--lr <x>', 'Adam learning rate', num, 3e-3)
    .option('--seed <n>', 'seed of init, shuffles and data', int, 1)
    .option('--backend <name>', 'auto | tensorflow-gpu | tensorflow | wasm | cpu', 'auto')
    .option('--out <dir>', 'run directory: metrics.jsonl, checkpoint.msgpack, run.json')
    .option('--resume', 'continue the run in --out from its checkpoint (--epochs may extend it)')
    .option('--json', 'print one final JSON object and no progress')
    .option('--n-train <n>', 'training samples (spheres: generated; others: seeded subset)', int)
    .option('--n-test <n>', 'test samples', int)
    .option('--d <n>', 'spheres dimension', int, 10)
    .option('--normalize <mode>', 'none | unit | standardize', 'none')
    .option('--color', 'CIFAR-10: keep RGB (default is the paper\'s grayscale)')
    .option('--checkpoint-every <k>', 'checkpoint every k epochs (and at the end)', int, TRAIN_DEFAULTS.checkpointEvery)
    .option('--eval-every <k>', 'evaluate accuracy and activity every k epochs', int, TRAIN_DEFAULTS.evalEvery)
    .option('--grad <mode>', 'custom (hand-written URN block, default) | autodiff')
    .option('--no-compact', 'keep neurons that died (compaction drops them during training by default)')
    .option('--compact-every <k>', 'compact every k evaluated epochs', int);
  addStructureFlags(cmd).action(async (o: TrainFlags & Partial<StructureFlags>, c: Command) => {
      if (o.structure) {
        const { summary } = await runStructureTrain(o as TrainFlags & StructureFlags, (k) => c.getOptionValueSource(k) !== 'default');
        process.stdout.write(o.json ? `${JSON.stringify(summary)}\n` : `${Object.entries(summary).filter(([k]) => k !== 'config').map(([k, v]) => `${k.padEnd(13)} ${v}`).join('\n')}\n`);
        return;
      }
      if (o.S === undefined && !o.grid) o.S = 64;
      const r = await runTrain(o);
      const summary = trainSummary(r);
      disposeModel(r.model);
      if (o.json) {
        process.stdout.write(`${JSON.stringify(summary)}\n`);
        return;
      }
      const f = r.final;
      process.stdout.write(
        [
          `backend   ${r.backend.name}${r.backend.accel?.length ? ` + ${r.backend.accel.join(', ')}` : ''}${r.backend.skipped.length ? ` (skipped: ${r.backend.skipped.join('; ')})` : ''}`,
          r.compactions.length ? `compacted ${r.compactions.map((c) => `${c.from}→${c.to} (epoch ${c.epoch})`).join(', ')}` : '',
          `epochs    ${r.epochs} in ${r.seconds.toFixed(1)} s`,
          `accuracy  train ${pct(f?.trainAccuracy ?? null).trim()}  test ${pct(f?.testAccuracy ?? null).trim()}`,
          `active    ${f?.activeNeurons ?? '-'} of ${r.model.config.S} neurons`,
          r.outDir ? `run dir   ${r.outDir}` : '',
        ]
          .filter(Boolean)
          .join('\n') + '\n',
      );
    });
}
