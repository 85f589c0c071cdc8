import type { Command } from 'commander';
import { ConfigError, prefix } from '../../errors.js';
import { loadDataSpec } from '../../data/spec.js';
import type { Dataset } from '../../data/dataset.js';
import { cloneIsoMlp, createIsoMlp } from '../../train/isotropic/init.js';
import { initBackend } from '../../train/backend.js';
import { trainIsotropic } from '../../train/isotropic/train.js';
import { isoLogits } from '../../train/isotropic/mlp.js';
import { resizeLayer, type Diagonalisation } from '../../train/isotropic/resize.js';
import { autoAdapt } from '../../train/isotropic/adapt.js';
import { diagonaliseAlternate } from '../../train/isotropic/diagonalise.js';
import { logitAccuracy, outputChange } from '../../train/isotropic/compare.js';
import type { IntrinsicLength, IsoMlp, PsiMode } from '../../core/isotropic-mlp.js';
import { toLayeredIsotropic, weightCounts } from '../../export/isotropic.js';
import { certifyIsotropic } from '../../export/isotropic-certify.js';
import { readIsoMlp, writeIsoMlp } from '../../format/isotropic-net.js';
import { writeModel } from '../../format/file.js';
import { certificateLines } from './export.js';
import { int, num } from '../parse.js';

const where = prefix('isotropic');

const widthList = (v: string): number[] => v.split(',').map((x) => int(x.trim()));

/** Fashion-MNIST (or another spec), standardised per feature as Bird's Experiment 1 does. */
function loadData(dataset: string, seed: number, nTrain?: number, nTest?: number): Dataset {
  return loadDataSpec({ dataset, seed, normalize: 'standardize', ...(nTrain ? { nTrain } : {}), ...(nTest ? { nTest } : {}) });
}

/** Lines comparing a network before and after a change on a test split. */
async function measureChange(before: IsoMlp, after: IsoMlp, data: Dataset): Promise<Record<string, number>> {
  const { x, y, n } = data.test;
  const dOut = before.widths[before.widths.length - 1];
  const a = await isoLogits(before, x, n);
  const b = await isoLogits(after, x, n);
  const c = outputChange(a, b, n, dOut);
  return { accuracyBefore: logitAccuracy(a, y, dOut), accuracyAfter: logitAccuracy(b, y, dOut), ...c };
}

function print(json: boolean | undefined, obj: Record<string, unknown>, lines: string[]): void {
  process.stdout.write(json ? `${JSON.stringify(obj)}\n` : `${lines.join('\n')}\n`);
}

/** Register `urn isotropic train | resize | adapt | export`. */
export function registerIsotropic(program: Command): void {
  const iso = program.command('isotropic').description('Isotropic (de-individuated) MLPs after Bird 2026: train, diagonalise, grow, prune, export.');
  for (const add of [trainCommand, resizeCommand, adaptCommand, exportCommand]) add(iso);
}

function trainCommand(iso: Command): void {
  iso
    .command('train')
    .description('Train an isotropic-tanh MLP with AdamW and write it as a network file.')
    .requiredOption('--out <file>', 'network file to write')
    .option('--dataset <spec>', 'fashion-mnist[:dir] | spheres | idx:<images>,<labels> | cifar10:<dir>', 'fashion-mnist')
    .option('--widths <list>', 'input,hidden…,output', '784,100,100,10')
    .option('--o <mode>', 'intrinsic length: zero | constant | trainable', 'trainable')
    .option('--psi <mode>', 'linear correction ψ: none | constant | trainable', 'trainable')
    .option('--psi-decay <λ>', 'λ·Σψ² added to the loss', num, 0.1)
    .option('--epochs <n>', 'epochs', int, 1)
    .option('--batch <n>', 'batch size', int, 48)
    .option('--lr <lr>', 'AdamW learning rate', num, 1e-3)
    .option('--weight-decay <wd>', 'AdamW weight decay', num, 1e-3)
    .option('--n-train <n>', 'training samples kept (default all)', int)
    .option('--seed <n>', 'seed of init and batch order', int, 0)
    .option('--json', 'print the result as JSON')
    .action(async (o: { out: string; dataset: string; widths: string; o: IntrinsicLength; psi: PsiMode; psiDecay: number; epochs: number; batch: number; lr: number; weightDecay: number; nTrain?: number; seed: number; json?: boolean }) => {
      const data = loadData(o.dataset, o.seed, o.nTrain);
      const net = createIsoMlp({ widths: widthList(o.widths), oMode: o.o, psiMode: o.psi, seed: o.seed });
      const onEpoch = o.json ? undefined : (e: { epoch: number; loss: number; testAccuracy: number }) => process.stderr.write(`epoch ${e.epoch}/${o.epochs}  loss ${e.loss.toFixed(4)}  test ${(100 * e.testAccuracy).toFixed(2)}%\n`);
      const r = await trainIsotropic(net, data, { epochs: o.epochs, batch: o.batch, lr: o.lr, weightDecay: o.weightDecay, psiDecay: o.psiDecay, seed: o.seed, onEpoch });
      writeIsoMlp(o.out, r.net);
      print(o.json, { out: o.out, widths: r.net.widths, o: r.net.o, history: r.history, backend: r.backend.name, seconds: r.seconds }, [
        `wrote ${o.out}: ${r.net.widths.join('–')}, o = ${r.net.o.map((v) => v.toExponential(2)).join(', ')}, ${r.seconds.toFixed(1)} s on ${r.backend.name}`,
      ]);
    });
}

function resizeCommand(iso: Command): void {
  iso
    .command('resize')
    .description('Diagonalise a layer, then add (+k) scaffold neurons or remove (−k) the smallest-singular-value ones.')
    .argument('<net>', 'network file')
    .requiredOption('--out <file>', 'network file to write')
    .requiredOption('--delta <k>', 'neurons to add (> 0) or remove (< 0)', int)
    .option('--layer <l>', 'weight layer whose hidden layer is resized (0-based)', int, 1)
    .option('--diagonalise <how>', 'full | left | none', 'full')
    .option('--no-compensate', 'remove neurons without the o and ψ compensation')
    .option('--dataset <spec>', 'measure the change on this data set’s test split')
    .option('--json', 'print the result as JSON')
    .action(async (path: string, o: { out: string; delta: number; layer: number; diagonalise: Diagonalisation; compensate: boolean; dataset?: string; json?: boolean }) => {
      const before = readIsoMlp(path);
      const net = cloneIsoMlp(before);
      resizeLayer(net, o.layer, o.delta, null, { diagonalise: o.diagonalise, compensate: o.compensate });
      writeIsoMlp(o.out, net);
      if (o.dataset) await initBackend();
      const change = o.dataset ? await measureChange(before, net, loadData(o.dataset, 0)) : {};
      print(o.json, { out: o.out, widths: net.widths, ...change }, [`wrote ${o.out}: ${before.widths.join('–')} → ${net.widths.join('–')}`, ...Object.entries(change).map(([k, v]) => `${k}: ${v}`)]);
    });
}

function adaptCommand(iso: Command): void {
  iso
    .command('adapt')
    .description('Auto-adaptation: grow or prune a layer until exactly k of its neurons have singular value ≤ threshold.')
    .argument('<net>', 'network file')
    .requiredOption('--out <file>', 'network file to write')
    .option('--layer <l>', 'weight layer (0-based)', int, 0)
    .option('--scaffold <k>', 'scaffold neurons to keep', int, 2)
    .option('--threshold <s>', 'singular value at or below which a neuron is scaffold', num, 0.1)
    .option('--json', 'print the result as JSON')
    .action((path: string, o: { out: string; layer: number; scaffold: number; threshold: number; json?: boolean }) => {
      const net = readIsoMlp(path);
      const delta = autoAdapt(net, o.layer, null, { scaffold: o.scaffold, threshold: o.threshold });
      writeIsoMlp(o.out, net);
      print(o.json, { out: o.out, delta, widths: net.widths }, [`wrote ${o.out}: ${delta >= 0 ? '+' : ''}${delta} neurons, widths ${net.widths.join('–')}`]);
    });
}

function exportCommand(iso: Command): void {
  iso
    .command('export')
    .description('Export as the certified layered sparse model (diagonal layers keep only their diagonal).')
    .argument('<net>', 'network file')
    .requiredOption('--out <file>', 'model file to write')
    .option('--against <net>', 'certify against this network (e.g. the one before resizing); default: itself')
    .option('--alternate', 'fully diagonalise layers 1, 3, 5, … first')
    .option('--dataset <spec>', 'held-out data of the certificate', 'fashion-mnist')
    .option('--synthetic <n>', 'seeded samples around the data added to the certificate', int, 1000)
    .option('--json', 'print the result as JSON')
    .action(async (path: string, o: { out: string; against?: string; alternate?: boolean; dataset: string; synthetic: number; json?: boolean }) => {
      await initBackend();
      const net = readIsoMlp(path);
      const reference = o.against ? readIsoMlp(o.against) : readIsoMlp(path);
      if (o.alternate) diagonaliseAlternate(net);
      const data = loadData(o.dataset, 0);
      if (data.dIn !== net.widths[0]) throw new ConfigError(where(`the data has ${data.dIn} features but the network takes ${net.widths[0]}. Pass the data set it was trained on.`));
      const model = toLayeredIsotropic(net, 0);
      model.certificate = await certifyIsotropic(model, reference, data.test, { synthetic: o.synthetic });
      writeModel(o.out, model);
      const counts = weightCounts(net);
      print(o.json, { out: o.out, ...counts, certificate: model.certificate }, [
        `wrote ${o.out}: ${counts.nonzero} nonzero weights of ${counts.dense} dense (${(100 * counts.share).toFixed(1)}%)`,
        ...certificateLines(model.certificate),
      ]);
    });
}
