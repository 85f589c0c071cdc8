// Exploratory check (session 34; bench/RESULTS.md, "What kills the seeds that never learn"): a seed
// that dies under Fig. 3's reading is retrained from the same init (its own seed) with the
// regulators or the learning rate scaled. It tested the hypothesis that under Adam a weight whose
// only gradient is a regulator's moves about lr per step whatever that regulator's size; what it
// found is that the seeds die with both regulators off as well (the cross-entropy alone).
// Usage: node --import tsx scripts/adam-death.mts RUN_DIR [EPOCHS] [VARIANT …] > out.jsonl
//   EPOCHS: 3 by default; `sK` probes the first K steps of epoch 1 only and stops there.
//   RUN_DIR: a trial directory of `bench fig3`; its run.json gives the data spec, config and options.
//   VARIANT: comma-separated changes to the run's options, each `cN=0`, `cN=x0.25` (a factor),
//   `cW=…`, `lr=…`, `eps=…` (Adam's epsilon) or `swap` (the class labels reversed, y → dOut − 1 − y,
//   in training and test data: on the spheres output 0 then stands for the outer shell);
//   `as-run` for none. Default: as-run cN=x0.25 cN=x4 cW=x0.1 cN=0,cW=0.
//   Prints one JSON line per variant and epoch, and per variant, at init and after every step of
//   epoch 1, the L1 mass Σ|W|, the share of 256 training samples on which each output is exactly
//   0, the cross-entropy on those samples, and (session 35) each output's mean pre-activation z̄
//   on them with its change since the step before split in two: `fanIn`, what the output's own
//   incoming weights and bias moved (Σ_j ΔW_oj·N̄_j + Δb_o at the earlier states), and `rest`, what
//   the change of the states N^(I−1) feeding it moved. `litClass1`: per output, of the probe
//   samples on which it is lit, the share of class 1 as the data has it (the outer shell, also
//   under `swap`). `coherent` is lr·(Σ_j N̄_j + 1): the most the fan-in can move z̄ in one step
//   if every incoming weight moves by lr the same way.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/train/backend.js';
import { loadDataSpec, specForModel } from '../src/data/spec.js';
import { train } from '../src/train/train.js';
import { forwardTensors } from '../src/train/model.js';
import { resolveConfig } from '../src/core/config.js';
import { initParams } from '../src/train/init.js';
import { ConfigError } from '../src/errors.js';

const [dir, epochsArg, ...variantArgs] = process.argv.slice(2);
// `sK` in place of EPOCHS: probe the first K steps only, then stop.
const stepsOnly = epochsArg?.startsWith('s') ? Number(epochsArg.slice(1)) : Infinity;
const epochs = stepsOnly < Infinity ? 1 : Number(epochsArg ?? 3);
class Enough extends Error {}
await initBackend({});
const run = JSON.parse(readFileSync(`${dir}/run.json`, 'utf8'));
const cfg = resolveConfig(run.config);
// The data from run.json's spec (the checkpoint's too, for a bench trial): a copy of a trial
// directory with another spec in run.json trains the same init on other data.
const data = loadDataSpec(specForModel(run.data, cfg.dOut));
type Knob = 'cN' | 'cW' | 'lr' | 'epsilon';
/** The run's options with a variant's changes (`cN=0`, `lr=x0.1`, …), and whether the labels are swapped. */
function variant(spec: string): { o: Record<Knob, number>; swap: boolean } {
  const o: Record<Knob, number> = { cN: run.options.cN, cW: run.options.cW, lr: run.options.lr, epsilon: run.options.epsilon };
  let swap = false;
  if (spec === 'as-run') return { o, swap };
  for (const part of spec.split(',')) {
    if (part === 'swap') {
      swap = true;
      continue;
    }
    const m = /^(cN|cW|lr|eps)=(x?)([0-9.e+-]+)$/.exec(part);
    if (!m) throw new ConfigError(`variant ${part}: write cN=0, cN=x0.25, cW=…, lr=…, eps=… or swap.`);
    const k: Knob = m[1] === 'eps' ? 'epsilon' : (m[1] as Knob);
    o[k] = m[2] ? o[k] * Number(m[3]) : Number(m[3]);
  }
  return { o, swap };
}
/** The labels reversed (y → dOut − 1 − y). */
const swapped = (y: Int32Array) => Int32Array.from(y, (c) => cfg.dOut - 1 - c);
const probeN = 256;
const probeX = data.train.x.subarray(0, probeN * cfg.dIn);
const probeY = data.train.y.subarray(0, probeN);
const probeLabels = [probeY, swapped(probeY)].map((y) => tf.oneHot(tf.tensor1d(y, 'int32'), cfg.dOut));
interface Probe { dark: number[]; litClass1: (number | null)[]; crossEntropy: number; zMean: number[]; fanIn?: number[]; rest?: number[]; coherent?: number }
const r4 = (v: number) => Number(v.toPrecision(4));
/** Where the last probe stood: the mean states feeding the outputs, their weights and biases. */
let before: { nMean: Float32Array; Wout: Float32Array; bOut: Float32Array; zMean: number[] } | null = null;
/**
 * Per output, the share of the probe on which it is exactly 0, the mean pre-activation z̄ and,
 * against the last probe, the split of its change (see the header); and the probe's cross-entropy.
 */
function probe(W: tf.Tensor2D, b: tf.Tensor1D, lr: number, labels: tf.Tensor): Probe {
  const { S, dOut, I } = cfg;
  const [logits, ce, feed, z] = tf.tidy(() => {
    const f = forwardTensors(cfg, W, b, tf.tensor2d(probeX, [probeN, cfg.dIn]));
    const n = f.states[I - 2]; // N^(I−1), what the outputs read at the last iteration
    const Wout = tf.slice(W, [S - dOut, 0], [dOut, S]);
    const zOut = tf.add(tf.matMul(n, Wout, false, true), tf.slice(b, [S - dOut], [dOut]));
    return [f.logits, tf.losses.softmaxCrossEntropy(labels, f.logits), tf.mean(n, 0), tf.mean(zOut, 0)];
  });
  const values = logits.dataSync();
  const crossEntropy = ce.dataSync()[0];
  const now = {
    nMean: Float32Array.from(feed.dataSync()),
    Wout: Float32Array.from(tf.tidy(() => tf.slice(W, [S - dOut, 0], [dOut, S])).dataSync()),
    bOut: Float32Array.from(b.dataSync().subarray(S - dOut)),
    zMean: Array.from(z.dataSync() as Float32Array),
  };
  tf.dispose([logits, ce, feed, z]);
  const dark = Array.from({ length: dOut }, (_, k) => {
    let zero = 0;
    for (let s = 0; s < probeN; s++) if (values[s * dOut + k] === 0) zero++;
    return zero / probeN;
  });
  const litClass1 = Array.from({ length: dOut }, (_, k) => {
    let lit = 0;
    let one = 0;
    for (let s = 0; s < probeN; s++) {
      if (values[s * dOut + k] === 0) continue;
      lit++;
      if (probeY[s] === 1) one++;
    }
    return lit ? r4(one / lit) : null;
  });
  const out: Probe = { dark, litClass1, crossEntropy: r4(crossEntropy), zMean: now.zMean.map(r4) };
  if (before) {
    const last = before;
    const fanIn = now.zMean.map((_, k) => {
      let d = now.bOut[k] - last.bOut[k];
      for (let j = 0; j < S; j++) d += (now.Wout[k * S + j] - last.Wout[k * S + j]) * last.nMean[j];
      return d;
    });
    out.fanIn = fanIn.map(r4);
    out.rest = now.zMean.map((zk, k) => r4(zk - last.zMean[k] - fanIn[k]));
    out.coherent = r4(lr * (last.nMean.reduce((a, v) => a + v, 0) + 1));
  }
  before = now;
  return out;
}
const specs = variantArgs.length ? variantArgs : ['as-run', 'cN=x0.25', 'cN=x4', 'cW=x0.1', 'cN=0,cW=0'];
for (const name of specs) {
  const { o, swap } = variant(name);
  const labels = probeLabels[swap ? 1 : 0];
  const trainData = swap
    ? { ...data, train: { ...data.train, y: swapped(data.train.y) }, test: { ...data.test, y: swapped(data.test.y) } }
    : data;
  const l1: number[] = [];
  before = null;
  const init = initParams(cfg, run.options);
  const [W0, b0] = [tf.tensor2d(init.W, [cfg.S, cfg.S]), tf.tensor1d(init.b)];
  const steps: Probe[] = [probe(W0, b0, o.lr, labels)];
  tf.dispose([W0, b0]);
  let epoch = 1;
  const t0 = Date.now();
  const done = train({
    data: trainData,
    config: cfg,
    options: { ...run.options, epochs, ...o, checkpointEvery: 0, timelineEvery: 0 },
    onStep: (m) => {
      if (epoch !== 1) return;
      l1.push(tf.tidy(() => tf.sum(tf.abs(m.W)).dataSync()[0]));
      steps.push(probe(m.W, m.b, o.lr, labels));
      if (steps.length > stepsOnly) throw new Enough();
    },
    onEpoch: (m) => {
      const { crossEntropy, trainAccuracy, activeNeurons, neurons } = m;
      console.log(JSON.stringify({ seed: cfg.seed, variant: name, ...o, epoch: m.epoch, crossEntropy, trainAccuracy, activeNeurons, neurons, seconds: (Date.now() - t0) / 1000 }));
      epoch = m.epoch + 1;
    },
  });
  await done.catch((e: unknown) => {
    if (!(e instanceof Enough)) throw e;
  });
  console.log(JSON.stringify({ seed: cfg.seed, variant: name, ...o, l1PerStep: l1, probePerStep: steps }));
}
