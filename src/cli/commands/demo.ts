import { join } from 'node:path';
import type { Command } from 'commander';
import { compile } from '../../topology/compile.js';
import { analyze } from '../../topology/analyze.js';
import { formatReportTable } from '../../topology/format-table.js';
import { readModel } from '../../runtime/read-model.js';
import { predict } from '../../runtime/predict.js';
import { predictedClass } from '../../runtime/compare.js';
import { snapshotOf } from '../../train/snapshot-of.js';
import { disposeModel } from '../../train/model.js';
import { writeReport } from '../../report/write-report.js';
import { loadDataSpec, type DataSpec } from '../../data/spec.js';
import { runTrain, type TrainFlags } from './train.js';
import { ADAM_DEFAULTS } from '../../train/adam.js';
import { exportModel, certificateLines, sizeLine } from './export.js';

/**
 * The settings of the main job: the paper's spheres task (d = 10, 4000 training samples) at a
 * size that trains in about a minute on two CPU cores, with regulators strong enough for a
 * small network to emerge.
 */
export const DEMO_FLAGS: TrainFlags = {
  dataset: 'spheres',
  S: 256,
  I: 4,
  rule: 'plain',
  activation: 'relu',
  readout: 'phi',
  cW: 3e-4,
  cN: 3e-3,
  activityReduction: 'mean',
  activityOutputs: 'include',
  activityOf: 'state',
  initScale: 1,
  weightInit: 'normal',
  biasInit: 'zero',
  outputBias: 0,
  l1: 'proximal',
  csyn: 0,
  beta: 1,
  gamma: 1,
  epochs: 100,
  batch: 64,
  lr: 3e-3,
  epsilon: ADAM_DEFAULTS.epsilon,
  seed: 1,
  backend: 'auto',
  d: 10,
  nTrain: 4000,
  nTest: 1000,
  normalize: 'none',
  checkpointEvery: 10,
  evalEvery: 5,
};

const demoSpec: DataSpec = { dataset: 'spheres', seed: DEMO_FLAGS.seed, d: 10, nTrain: 4000, nTest: 1000, normalize: 'none' };

/** Register `urn demo`, the main job behind `npm start`. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('The whole path on the embedded spheres dataset: train, analyse, export, verify, report.')
    .option('--out <dir>', 'run directory', 'runs/demo')
    .option('--epochs <n>', 'epochs', Number, DEMO_FLAGS.epochs)
    .action(async (o: { out: string; epochs: number }) => {
      const say = (s: string) => process.stdout.write(`${s}\n`);
      say(`urn demo: S=${DEMO_FLAGS.S} neurons, I=${DEMO_FLAGS.I}, concentric 10-d spheres (4000 train / 1000 test)\n`);
      const t0 = performance.now();
      // The demo owns its run directory: a second `npm start` overwrites the first.
      const r = await runTrain({ ...DEMO_FLAGS, epochs: o.epochs, out: o.out, force: true });
      // The same data the run trained on (its spec is in the checkpoint too).
      const data = loadDataSpec(demoSpec);
      const snap = await snapshotOf(r.model, data.train);
      disposeModel(r.model);
      const f = r.final!;
      say(`\ntrained      ${r.epochs} epochs in ${r.seconds.toFixed(1)} s on ${r.backend.name}; test accuracy ${(100 * f.testAccuracy!).toFixed(1)}%`);
      const modelPath = join(o.out, 'model.urn');
      const originalS = r.compactions.length ? r.compactions[0].from : DEMO_FLAGS.S;
      const ex = await exportModel(snap, data.test, { out: modelPath, threshold: 'auto', originalS });
      // The structure at the threshold export certified: the one urn analyze shows by default.
      const report = analyze(compile(snap, { threshold: ex.threshold }));
      say(`\n${formatReportTable(report)}`);
      // Read the file back and run it with the TensorFlow.js-free runtime.
      const loaded = readModel(modelPath);
      const logits = predict(loaded, data.test.x, data.test.n);
      let correct = 0;
      for (let s = 0; s < data.test.n; s++) if (predictedClass(logits, s, loaded.config.dOut) === data.test.y[s]) correct++;
      // The snapshot's activity (training split) is the one analysed above; the test split certifies.
      const rep = await writeReport(o.out, { data: data.test, snapshot: snap });
      const L = report.layers;
      const loops = report.loops.sccs + report.loops.selfLoops;
      say('\nsummary');
      say(`structure    ${L.livePairsPerIteration.join(' → ')} (live neurons per iteration, at the certified threshold), ${report.skips.count} skips, ${loops} loops (${report.loops.sccs} SCCs, ${report.loops.selfLoops} self-loops)`);
      say(`neurons      ${report.neurons.active} active of ${originalS}${r.compactions.length ? ` (compacted to ${snap.config.S} during training)` : ''}`);
      say(`model        ${modelPath}: ${sizeLine(ex)}`);
      for (const line of certificateLines(ex.certificate)) say(line);
      say(`runtime      the file, run without TensorFlow.js: ${(100 * correct / data.test.n).toFixed(1)}% on ${data.test.n} test samples`);
      say(`report       ${rep.html}`);
      say(`run dir      ${o.out} (metrics.jsonl, checkpoint.msgpack, timeline.msgpack, run.json)`);
      say(`total        ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    });
}
