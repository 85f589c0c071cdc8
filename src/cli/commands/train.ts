import type { Command } from 'commander';
import { UPDATE_RULES, ACTIVATIONS, READOUTS } from '../../core/config.js';
import { TRAIN_CONFIG_DEFAULTS, TRAIN_DEFAULTS } from '../../train/options.js';
import { disposeModel } from '../../train/model.js';
import { int, num, grid, pair } from '../parse.js';
import { checkTrainFlags, runTrain, summaryLines, trainSummary, type TrainFlags } from '../train-run.js';
import { STRUCTURE_DEFAULTS } from '../../train/structure/options.js';
import { addStructureFlags, checkModeFlags, runStructureTrain, type StructureFlags } from './train-structure.js';

export { runTrain, trainSummary, type TrainFlags } from '../train-run.js';

const D = TRAIN_DEFAULTS;

/** Register `urn train`. */
export function registerTrain(program: Command): void {
  const cmd = program
    .command('train')
    .description(
      'Train a URN. Loss = mean softmax cross-entropy + cW·Σ|W| + cN·(1/B)Σ_b Σ_l Σ_i |N_i^(l)| ' +
        '(without the 1/B under --activity-reduction sum) [+ csyn·Σ_{i≠j}|W_ij|·d_ij^γ with --grid].',
    )
    .option('--dataset <spec>', 'spheres | fashion-mnist[:dir] | idx:<images>,<labels> | cifar10:<dir>', 'spheres')
    .option('--S <n>', `total neurons (default: X·Y·Z with --grid, else ${TRAIN_CONFIG_DEFAULTS.S})`, int)
    .option('--I <n>', 'iterations of the update rule', int, TRAIN_CONFIG_DEFAULTS.I)
    .option('--rule <rule>', `update rule: ${UPDATE_RULES.join(' | ')}`, TRAIN_CONFIG_DEFAULTS.rule)
    .option('--activation <fn>', `activation: ${ACTIVATIONS.join(' | ')}`, TRAIN_CONFIG_DEFAULTS.activation)
    .option('--readout <how>', `the outputs' activation: ${READOUTS.join(' | ')} (phi: φ like every neuron, Eqs. 3 and 6 as written; linear: z itself, standard logits)`, TRAIN_CONFIG_DEFAULTS.readout)
    .option('--cW <x>', 'weight L1 strength c_W (sum over all W_ij)', num, D.cW)
    .option('--cN <x>', 'activity L1 strength c_N (per-sample sum, batch mean)', num, D.cN)
    .option(
      '--activity-reduction <how>',
      "how the c_N term reduces over the batch: mean (per-sample sum, batch mean) | sum (the paper's Eq. 5 read literally: B times stronger)",
      D.activityReduction,
    )
    .option('--activity-outputs <how>', 'whether the c_N term covers the output neurons: include (Eq. 5 as written) | exclude', D.activityOutputs)
    .option('--activity-of <what>', 'what the c_N term measures: state (|N^(l)|, Eq. 5 as written) | activation (|φ(W·N + b)|; differs under the residual rules)', D.activityOf)
    .option('--init-scale <x>', "multiplier of the He-normal init's std √(2/S)", num, D.initScale)
    .option('--weight-init <how>', "how W is drawn, std √(2/S) either way: normal | truncated (cut at 2σ, Keras's he_normal)", D.weightInit)
    .option('--bias-init <how>', "how the biases start: zero | uniform (each from U(−1/√S, 1/√S), PyTorch's nn.Linear default)", D.biasInit)
    .option('--output-bias <x>', "added to the output neurons' initial biases (> 0 lights relu outputs at init)", num, D.outputBias)
    .option(
      '--l1 <mode>',
      'how c_W and c_syn are applied: subgradient (sign(W)·λ in the gradient) | proximal (soft-threshold after each Adam step: exact zeros)',
      D.l1,
    )
    .option('--csyn <x>', 'synaptic-length strength c_syn (needs --grid)', num, D.cSyn)
    .option('--beta <x>', 'β of the uplift metric ds² = dx² + dy² + β·dz²', num, 1)
    .option('--gamma <x>', 'γ: distance power of the length term', num, 1)
    .option('--grid <X,Y,Z>', 'neuron geometry: inputs on z=1 (images resized to X×Y), outputs at the top centre', grid)
    .option('--epochs <n>', 'epochs', int, D.epochs)
    .option('--batch <n>', `batch size (--structure runs: ${STRUCTURE_DEFAULTS.batchSize} unless given)`, int, D.batchSize)
    .option('--lr <x>', `Adam learning rate (--structure runs: ${STRUCTURE_DEFAULTS.lr} unless given)`, num, D.lr)
    .option('--epsilon <ε>', "Adam's ε (tfjs's default; PyTorch's is 1e-8; large values make small gradients plain SGD steps)", num, D.epsilon)
    .option('--seed <n>', 'seed of init, shuffles and data', int, D.seed)
    .option('--backend <name>', 'auto | webgpu | tensorflow-gpu | tensorflow | wasm | cpu', 'auto')
    .option('--out <dir>', 'run directory: metrics.jsonl, checkpoint.msgpack, run.json (without it the network is not saved)')
    .option('--resume', 'continue the run in --out with its recorded options; flags given change them (recorded in run.json), structural ones (--S, --I, --rule, --dataset, ...) must match')
    .option('--force', 'overwrite the run that --out already holds')
    .option('--json', 'print one final JSON object and no progress')
    .option('--n-train <n>', 'training samples (spheres: generated; others: seeded subset)', int)
    .option('--n-test <n>', 'test samples', int)
    .option('--d <n>', 'spheres dimension', int, 10)
    .option('--radii <r0,r1>', 'spheres: inner radius of the class 0 and class 1 shells (default 1,1.5)', pair)
    .option('--thickness <t>', 'spheres: shell thickness, radius uniform in volume over [r, r + t] (default 0.1; 0: exact spheres)', num)
    .option('--normalize <mode>', 'none | unit | standardize', 'none')
    .option('--classes <n>', 'number of classes: IDX labels lie in [0, n) (default: max label + 1); other datasets keep their first n', int)
    .option('--color', 'CIFAR-10: keep RGB (default is the paper\'s grayscale)')
    .option('--checkpoint-every <k>', 'checkpoint every k epochs (and at the end)', int, TRAIN_DEFAULTS.checkpointEvery)
    .option('--eval-every <k>', 'evaluate accuracy and activity every k epochs', int, TRAIN_DEFAULTS.evalEvery)
    .option('--grad <mode>', 'custom (hand-written URN block, default) | autodiff')
    .option('--no-compact', 'keep neurons that died (compaction drops them during training by default)')
    .option('--compact-every <k>', 'compact every k evaluated epochs', int)
    .option('--skip-silent', 'each step trains only the neurons that fire on the batch (verified), so --no-compact costs what the live network costs; the same network up to float order (relu neurons)');
  addStructureFlags(cmd).action(async (o: TrainFlags & Partial<StructureFlags>, c: Command) => {
      const flagOf = (k: string) => c.options.find((x) => x.attributeName() === k)?.long ?? `--${k}`;
      const given = (k: string) => c.getOptionValueSource(k) === 'cli';
      checkModeFlags(!!o.structure, given, flagOf);
      if (o.structure) {
        const { summary } = await runStructureTrain(o as TrainFlags & StructureFlags, (k) => c.getOptionValueSource(k) !== 'default');
        process.stdout.write(o.json ? `${JSON.stringify(summary)}\n` : `${Object.entries(summary).filter(([k]) => k !== 'config').map(([k, v]) => `${k.padEnd(13)} ${v}`).join('\n')}\n`);
        return;
      }
      checkTrainFlags(o, given);
      const r = await runTrain(o, given);
      const summary = trainSummary(r);
      disposeModel(r.model);
      if (!r.outDir) process.stderr.write('urn train: no --out given, so the trained network was not saved. Pass --out DIR to keep it.\n');
      process.stdout.write(o.json ? `${JSON.stringify(summary)}\n` : `${summaryLines(r).join('\n')}\n`);
    });
}
