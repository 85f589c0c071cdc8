/**
 * The sparse runtime against its peers, in one run: on each model, samples per second of our
 * TypeScript + WebAssembly runtime (the layered form; `predict` on one thread, and `createPool`'s
 * `predict` with its default threads, the batch as a plain Float32Array and in a
 * SharedArrayBuffer that its workers read in place), of onnxruntime-node (CPU) running our ONNX
 * export of the same network (its default threads, and one thread, as ours uses), and of the
 * dense tfjs forward, at each batch size; the ratios ours/peer are the result. Contenders take
 * turns in rounds (about `--seconds` each per round), so that the machine's load falls on all of
 * them alike; a ratio is the median over rounds of ours/peer within the round. The output states
 * each contender's threads and the load average before and after.
 *
 * Models (`--models`):
 * - `spheres`: a URN trained here on the 10-d spheres (residual-output, I = 4, S = `--S`), threshold
 *   chosen by `chooseThreshold`;
 * - `paper`: the size of the paper-spheres network (bench/RESULTS.md: layers 10 → 220 → 13 → 5 → 1,
 *   dense blocks), an MLP embedded in a plain URN (Eq. 1), random weights (speed needs no training);
 * - `fashion`: a URN trained here on Fashion-MNIST (residual-output, `--fashion-rule`: under plain,
 *   where a logit is one relu, 4 of 10 outputs kept weights, 42% test; see bench/RESULTS.md),
 *   relu, I = 3, S = `--fashion-S`, the first
 *   `--fashion-n` training images, L1 `--fashion-cW` applied as a proximal step (exact zeros),
 *   activity `--fashion-cN`, dead neurons compacted every epoch), threshold by `chooseThreshold`.
 *
 *   npm run bench -- sparse [--json] [flags]   (--help: every flag with its kind, default and meaning)
 *
 * Our kernels are the relaxed-SIMD build where Node.js takes it (≥ 21; 20 needs
 * `node --experimental-wasm-relaxed-simd --import tsx bench/run.ts sparse`); the output names them.
 */
import * as ort from 'onnxruntime-node';
import { availableParallelism, loadavg } from 'node:os';
import { train } from '../src/train/train.js';
import { makeSpheres } from '../src/data/spheres.js';
import { loadFashionMnist } from '../src/data/fashion-mnist.js';
import type { Dataset } from '../src/data/dataset.js';
import { snapshotOf } from '../src/train/snapshot-of.js';
import { createModel, disposeModel, predictLogits, type UrnModel } from '../src/train/model.js';
import type { Snapshot } from '../src/core/snapshot.js';
import type { BackendName } from '../src/train/backend.js';
import { initBackend } from '../src/train/backend.js';
import { chooseThreshold } from '../src/export/threshold.js';
import { toReplay } from '../src/export/replay.js';
import { toLayered } from '../src/export/layered.js';
import { predict } from '../src/runtime/predict.js';
import { createPool, POOL_DEFAULTS } from '../src/runtime/pool.js';
import { wasmKernelVariant } from '../src/runtime/wasm-kernel.js';
import { macsPerSample } from '../src/export/cost.js';
import { syntheticInputs } from '../src/export/synthetic.js';
import { compareLogits } from '../src/runtime/compare.js';
import type { LayeredModel } from '../src/core/sparse-model.js';
import { toOnnx } from '../src/export/onnx.js';
import { createRng } from '../src/util/rng.js';
import { median } from './util.js';
import { choice, choices, int, ints, num, parseFlags, type FlagValues } from './lib/flags.js';
import { BACKENDS } from '../src/train/backend.js';

export const flags = {
  models: choices(['spheres', 'paper', 'fashion'], ['spheres', 'paper', 'fashion'], 'the models measured'),
  batches: ints([1, 1024], 'batch sizes'),
  rounds: int(9, 'rounds, each contender in turn; ratios are the median over rounds'),
  seconds: num(0.2, 'seconds per contender per round'),
  backend: choice(BACKENDS, 'wasm', 'tfjs backend of the training and of the dense forward'),
  S: int(500, 'spheres: neurons'),
  epochs: int(30, 'spheres: training epochs'),
  'fashion-S': int(1000, 'fashion: neurons'),
  'fashion-n': int(6000, 'fashion: the first n training images'),
  'fashion-epochs': int(6, 'fashion: training epochs'),
  'fashion-cW': num(1e-3, 'fashion: c_W (L1, a proximal step)'),
  'fashion-cN': num(1e-3, 'fashion: c_N'),
  'fashion-activity-outputs': choice(['include', 'exclude'], 'include', 'fashion: whether the outputs are in the activity term'),
  'fashion-rule': choice(['residual-output', 'plain'], 'residual-output', 'fashion: the update rule'),
};
type Flags = FlagValues<typeof flags>;

type Run = () => Promise<unknown> | unknown;

/** Threads of each contender, as configured below (stated in the output, for a fair comparison). */
const THREADS = {
  ours: '1 (predict)',
  oursPool: `createPool's default: ${availableParallelism()} in all (the calling thread and ${availableParallelism() - 1} worker), batches of ≥ ${POOL_DEFAULTS.minBatch} split`,
  ort: `onnxruntime's default: intraOpNumThreads 0, one thread per physical core (${availableParallelism()} CPUs here), sequential execution`,
  ort1: 'intraOpNumThreads 1, interOpNumThreads 1',
};

/** Samples per second of each contender in each round: rounds of about `seconds` each, in turn. */
async function race(n: number, contenders: Record<string, Run>, rounds: number, seconds: number): Promise<Record<string, number[]>> {
  const rates: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (const f of Object.values(contenders)) for (let i = 0; i < 3; i++) await f(); // warm-up (and tier-up)
  for (let r = 0; r < rounds; r++) {
    for (const [name, f] of Object.entries(contenders)) {
      let reps = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < seconds * 1000 || reps < 2) (await f(), reps++);
      rates[name].push((n * reps) / ((performance.now() - t0) / 1000));
    }
  }
  return rates;
}

/** Median of a's rate over b's, round by round (each pair measured seconds apart, under the same load). */
const paired = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]));

/** The paper-spheres network's size as an MLP embedded in a plain URN (W block sub-diagonal). */
function paperSized(widths = [10, 220, 13, 5, 1]): Snapshot {
  const S = widths.reduce((a, b) => a + b, 0);
  const rng = createRng(1);
  const W = new Float32Array(S * S);
  const b = new Float32Array(S);
  for (let l = 1, off = 0; l < widths.length; l++) {
    const prev = off;
    off += widths[l - 1];
    for (let i = off; i < off + widths[l]; i++) {
      for (let j = prev; j < prev + widths[l - 1]; j++) W[i * S + j] = rng.normal() / Math.sqrt(widths[l - 1]);
      b[i] = 0.1 * rng.normal();
    }
  }
  return { config: { S, I: widths.length - 1, dIn: widths[0], dOut: widths.at(-1)!, rule: 'plain', activation: 'relu', seed: 1 }, W, b };
}

/** Train a URN and export it at the largest threshold within tolerance (layered form). */
async function trained(data: Dataset, config: Parameters<typeof train>[0]['config'], options: { epochs: number; cW: number; cN: number; compact: boolean; l1?: 'proximal'; grad?: 'custom'; activityOutputs?: 'include' | 'exclude' }, backend: BackendName) {
  const t0 = performance.now();
  const r = await train({ data, config, options: { lr: 3e-3, evalEvery: options.compact ? 1 : options.epochs, ...options }, backend });
  const snap = await snapshotOf(r.model);
  const chosen = await chooseThreshold(snap, data.test, { tolerance: 1e-2, synthetic: 500, seed: 1 });
  if (!chosen.ok) throw new Error(chosen.reason);
  const lm = chosen.model.form === 'layered' ? chosen.model : toLayered(chosen.model);
  lm.certificate = chosen.certificate;
  const info = { trainSeconds: (performance.now() - t0) / 1000, testAccuracy: r.final?.testAccuracy ?? null, threshold: chosen.threshold };
  return { dense: r.model, snap, lm, info };
}

/** The `spheres` or `fashion` model, trained under the flags, with the data it was trained on. */
async function trainedModel(name: 'spheres' | 'fashion', f: Flags) {
  if (name === 'spheres') {
    const data = makeSpheres({ d: 10, nTrain: 4000, nTest: 1000, seed: 1 });
    const cfg = { S: f.S, I: 4, rule: 'residual-output' as const, activation: 'relu' as const, seed: 1 };
    return { data, ...(await trained(data, cfg, { epochs: f.epochs, cW: 1e-4, cN: 1e-3, compact: false }, f.backend)) };
  }
  const data = fashionSubset(f['fashion-n']);
  const cfg = { S: f['fashion-S'], I: 3, rule: f['fashion-rule'], activation: 'relu' as const, seed: 1 };
  const opts = { epochs: f['fashion-epochs'], cW: f['fashion-cW'], cN: f['fashion-cN'], compact: true, l1: 'proximal' as const, grad: 'custom' as const, activityOutputs: f['fashion-activity-outputs'] };
  return { data, ...(await trained(data, cfg, opts, f.backend)) };
}

async function measure(name: string, dense: UrnModel, lm: LayeredModel, xPool: Float32Array, batches: number[], o: { rounds: number; seconds: number }) {
  const bytes = toOnnx(lm);
  const sessions = {
    ort: await ort.InferenceSession.create(bytes),
    ort1: await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 }),
  };
  const pool = createPool();
  const { dIn, dOut, S } = lm.config;
  const check = compareLogits(
    (await sessions.ort.run({ x: new ort.Tensor('float32', xPool.subarray(0, 256 * dIn), [256, dIn]) })).logits.data as Float32Array,
    predict(lm, xPool.subarray(0, 256 * dIn), 256),
    256,
    dOut,
  );
  const rows = [];
  for (const n of batches) {
    const x = xPool.subarray(0, n * dIn);
    // The same batch in a SharedArrayBuffer, which the pool's workers read in place (onnxruntime
    // refuses such a buffer, so it gets x).
    const xShared = new Float32Array(new SharedArrayBuffer(x.byteLength));
    xShared.set(x);
    const t = new ort.Tensor('float32', x, [n, dIn]);
    const rounds = await race(n, {
      ours: () => predict(lm, x, n),
      oursPool: () => pool.predict(lm, x, n),
      oursPoolShared: () => pool.predict(lm, xShared, n),
      ort: () => sessions.ort.run({ x: t }),
      ort1: () => sessions.ort1.run({ x: t }),
      denseTfjs: () => predictLogits(dense, x, n),
    }, o.rounds, o.seconds);
    const r = Object.fromEntries(Object.entries(rounds).map(([k, v]) => [k, median(v)]));
    const ratio = {
      oursOverOrt: paired(rounds.ours, rounds.ort), oursOverOrt1: paired(rounds.ours, rounds.ort1), oursOverDense: paired(rounds.ours, rounds.denseTfjs),
      poolOverOrt: paired(rounds.oursPool, rounds.ort), poolOverOurs: paired(rounds.oursPool, rounds.ours),
      poolSharedOverOrt: paired(rounds.oursPoolShared, rounds.ort),
    };
    rows.push({ batch: n, samplesPerSecond: r, ratio, perRound: rounds });
    const f = (v: number) => v.toFixed(2);
    console.log(`${name} batch ${n}: samples/s ours ${r.ours.toFixed(0)}, ours pool ${r.oursPool.toFixed(0)} (shared input ${r.oursPoolShared.toFixed(0)}), ort ${r.ort.toFixed(0)}, ort 1 thread ${r.ort1.toFixed(0)}, dense tfjs ${r.denseTfjs.toFixed(0)}; ours/ort ${f(ratio.oursOverOrt)}, pool/ort ${f(ratio.poolOverOrt)} (shared input ${f(ratio.poolSharedOverOrt)}), ours/ort1 ${f(ratio.oursOverOrt1)}, ours/dense ${f(ratio.oursOverDense)}, pool/ours ${f(ratio.poolOverOurs)}`);
  }
  await Promise.all(Object.values(sessions).map((s) => s.release()));
  const poolShares = { ...pool.shares };
  pool.close();
  return { widths: [dIn, ...lm.layers.map((L) => L.neurons.length)], S, macsPerSample: { layered: macsPerSample(lm), denseUrn: S * S * lm.config.I }, onnxBytes: bytes.length, ortVsOursMaxAbs: check.maxAbsError, poolShares, batches: rows };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const f = parseFlags('sparse', flags, args);
  const { models, batches, backend } = f;
  const o = { rounds: f.rounds, seconds: f.seconds };
  await initBackend({ backend });
  const kernels = wasmKernelVariant();
  const result: Record<string, unknown> = { backend, batches, rounds: o.rounds, seconds: o.seconds, ortVersion: ort.env.versions.common, node: process.version, kernels, threads: THREADS, loadBefore: loadavg() };
  console.log(`threads: ours ${THREADS.ours}, ort ${THREADS.ort}, ort1 ${THREADS.ort1}; our kernels ${kernels} (Node.js ${process.version}); load average ${loadavg().map((v) => v.toFixed(2)).join(' ')} on ${availableParallelism()} CPUs`);
  for (const name of models) {
    let dense: UrnModel;
    let lm: LayeredModel;
    let xPool: Float32Array;
    let info: Record<string, unknown> = {};
    const nPool = Math.max(...batches, 256);
    if (name === 'paper') {
      const snap = paperSized();
      dense = createModel(snap.config, snap);
      lm = toLayered(toReplay(snap, 0));
      xPool = syntheticInputs(makeSpheres({ d: 10, nTrain: 10, nTest: 500, seed: 2 }).test.x, 500, 10, nPool, { seed: 2 });
    } else {
      const t = await trainedModel(name, f);
      ({ dense, lm, info } = t);
      info.certificate = t.lm.certificate;
      xPool = syntheticInputs(t.data.test.x, t.data.test.n, t.data.dIn, nPool, { seed: 2 });
    }
    console.log(`${name}: layers ${[lm.config.dIn, ...lm.layers.map((L) => L.neurons.length)].join(' → ')}, ${macsPerSample(lm)} MACs/sample ${JSON.stringify(info)}`);
    result[name] = { ...info, ...(await measure(name, dense, lm, xPool, batches, o)) };
    disposeModel(dense);
  }
  result.loadAfter = loadavg();
  return result;
}

/** The first n Fashion-MNIST training images, and 1000 test images. */
function fashionSubset(n: number): Dataset {
  const d = loadFashionMnist();
  const cut = (s: Dataset['train'], k: number) => ({ n: k, x: s.x.slice(0, k * d.dIn), y: s.y.slice(0, k) });
  return { ...d, train: cut(d.train, n), test: cut(d.test, 1000) };
}
