// Exploratory check (session 34; bench/RESULTS.md, "What kills the seeds that never learn"): a seed
// that dies under Fig. 3's reading is retrained from the same init (its own seed) with the
// regulators or the learning rate scaled. It tested the hypothesis that under Adam a weight whose
// only gradient is a regulator's moves about lr per step whatever that regulator's size; what it
// found is that the seeds die with both regulators off as well (the cross-entropy alone).
// Usage: node --import tsx scripts/adam-death.mts RUN_DIR [EPOCHS] [VARIANT …] > out.jsonl
//   RUN_DIR: a trial directory of `bench fig3` (its run.json gives the data, config and options).
//   VARIANT: comma-separated changes to the run's options, each `cN=0`, `cN=x0.25` (a factor),
//   `cW=…` or `lr=…`; `as-run` for none. Default: as-run cN=x0.25 cN=x4 cW=x0.1 cN=0,cW=0.
//   Prints one JSON line per variant and epoch, and per variant, after every step of epoch 1, the
//   L1 mass Σ|W|, the share of 256 training samples on which each output is exactly 0, and the
//   cross-entropy on those samples.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/train/backend.js';
import { loadRun } from '../src/train/load-run.js';
import { train } from '../src/train/train.js';
import { forwardTensors } from '../src/train/model.js';
import { resolveConfig } from '../src/core/config.js';

const [dir, epochsArg, ...variantArgs] = process.argv.slice(2);
const epochs = Number(epochsArg ?? 3);
await initBackend({});
const run = JSON.parse(readFileSync(`${dir}/run.json`, 'utf8'));
const cfg = resolveConfig(run.config);
const { data } = await loadRun(dir, { activity: false, data: true });
type Knob = 'cN' | 'cW' | 'lr';
/** The run's options with a variant's changes (`cN=0`, `lr=x0.1`, …). */
function variant(spec: string): Record<Knob, number> {
  const o = { cN: run.options.cN as number, cW: run.options.cW as number, lr: run.options.lr as number };
  if (spec === 'as-run') return o;
  for (const part of spec.split(',')) {
    const m = /^(cN|cW|lr)=(x?)([0-9.e+-]+)$/.exec(part);
    if (!m) throw new Error(`variant ${part}: write cN=0, cN=x0.25, cW=… or lr=…`);
    const k = m[1] as Knob;
    o[k] = m[2] ? o[k] * Number(m[3]) : Number(m[3]);
  }
  return o;
}
const probeN = 256;
const probeX = data!.train.x.subarray(0, probeN * cfg.dIn);
const probeY = data!.train.y.subarray(0, probeN);
const probeLabels = tf.oneHot(tf.tensor1d(probeY, 'int32'), cfg.dOut);
/** Per output, the share of the probe on which it is exactly 0; and the probe's cross-entropy. */
function probe(W: tf.Tensor2D, b: tf.Tensor1D): { dark: number[]; crossEntropy: number } {
  const [logits, ce] = tf.tidy(() => {
    const l = forwardTensors(cfg, W, b, tf.tensor2d(probeX, [probeN, cfg.dIn])).logits;
    return [l, tf.losses.softmaxCrossEntropy(probeLabels, l)];
  });
  const values = logits.dataSync();
  const crossEntropy = ce.dataSync()[0];
  tf.dispose([logits, ce]);
  const dark = Array.from({ length: cfg.dOut }, (_, k) => {
    let zero = 0;
    for (let s = 0; s < probeN; s++) if (values[s * cfg.dOut + k] === 0) zero++;
    return zero / probeN;
  });
  return { dark, crossEntropy };
}
const specs = variantArgs.length ? variantArgs : ['as-run', 'cN=x0.25', 'cN=x4', 'cW=x0.1', 'cN=0,cW=0'];
for (const name of specs) {
  const o = variant(name);
  const l1: number[] = [];
  const steps: { dark: number[]; crossEntropy: number }[] = [];
  let epoch = 1;
  const t0 = Date.now();
  await train({
    data: data!,
    config: cfg,
    options: { ...run.options, epochs, ...o, checkpointEvery: 0, timelineEvery: 0 },
    onStep: (m) => {
      if (epoch !== 1) return;
      l1.push(tf.tidy(() => tf.sum(tf.abs(m.W)).dataSync()[0]));
      steps.push(probe(m.W, m.b));
    },
    onEpoch: (m) => {
      const { crossEntropy, trainAccuracy, activeNeurons, neurons } = m;
      console.log(JSON.stringify({ seed: cfg.seed, variant: name, ...o, epoch: m.epoch, crossEntropy, trainAccuracy, activeNeurons, neurons, seconds: (Date.now() - t0) / 1000 }));
      epoch = m.epoch + 1;
    },
  });
  console.log(JSON.stringify({ seed: cfg.seed, variant: name, ...o, l1PerStep: l1, probePerStep: steps }));
}
