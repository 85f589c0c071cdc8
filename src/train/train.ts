import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tf } from './tf.js';
import { ConfigError, NonFiniteLossError, prefix } from '../errors.js';
import type { Dataset } from '../data/dataset.js';
import { deriveSeed, createRng, permutation } from '../util/rng.js';
import { createAdamL1 } from './adam.js';
import { compactEvaluation, compactState, identityIds, liveNeurons, type Compaction } from './compact.js';
import { evaluate, type Evaluation } from './activity.js';
import { initBackend, type BackendName, type BackendReport } from './backend.js';
import { readCheckpoint, writeCheckpoint, type Checkpoint } from './checkpoint.js';
import { resolveConfig, type UrnConfig, type UrnConfigInput } from '../core/config.js';
import { gridCoords, synapseLengthMatrix } from '../core/geometry.js';
import { initParams } from './init.js';
import { trainStep } from './step.js';
import { createModel, disposeModel, type UrnModel } from './model.js';
import { resolveTrainOptions, type TrainOptions } from './options.js';
import { appendMetrics, ensureRunDir, RUN_FILES, truncateMetrics, type EpochMetrics } from './run-dir.js';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import { timelineEntry } from '../topology/timeline.js';
import { appendTimeline, truncateTimeline } from '../topology/timeline-file.js';

/** What `train` is given. */
export interface TrainRequest {
  data: Dataset;
  /** The model config; `dIn`/`dOut` default to the dataset's. Ignored on resume (the checkpoint's wins). */
  config?: Partial<UrnConfigInput> & Pick<UrnConfigInput, 'S' | 'I'>;
  options?: Partial<TrainOptions>;
  /** Run directory for metrics.jsonl, checkpoint.msgpack and run.json. Optional for the API. */
  outDir?: string;
  /** Resume from `outDir`'s checkpoint. `options.epochs` may extend the run. */
  resume?: boolean;
  backend?: BackendName | 'auto';
  /** Called after every epoch, with the live model; return `false` to stop early. */
  onEpoch?: (m: EpochMetrics, ctx: EpochContext) => void | boolean | Promise<void | boolean>;
  /** Called after every batch (for progress bars). */
  onBatch?: (batch: number, batches: number, epoch: number) => void;
  /** Extra JSON-able description of the data, stored in the checkpoint (used by the CLI to resume). */
  dataSpec?: Record<string, unknown>;
  /** Initial W (S×S) and b instead of `initParams(config)` (ignored on resume). */
  init?: { W: Float32Array; b: Float32Array };
  /** Called after every optimisation step with the live model (lifelong learning re-imposes frozen weights here). */
  onStep?: (model: UrnModel) => void;
}

/** What `onEpoch` sees besides the metrics. */
export interface EpochContext {
  model: UrnModel;
  /** The evaluation over the training set, when this epoch was evaluated. */
  trainEval: Evaluation | null;
  options: TrainOptions;
  /** Current neuron index → index in the original network (changes when compaction runs). */
  neuronIds: Int32Array;
}

/** What `train` returns. The caller owns `model` and must `disposeModel` it. */
export interface TrainResult {
  model: UrnModel;
  history: EpochMetrics[];
  final: EpochMetrics | null;
  backend: BackendReport;
  options: TrainOptions;
  /** Epochs completed in total (including those before a resume). */
  epochs: number;
  /** Wall seconds of this call. */
  seconds: number;
  outDir?: string;
  /** The returned model's neuron index → index in the original network. */
  neuronIds: Int32Array;
  /** The compactions of this call, in order (also in the metrics' `compacted`). */
  compactions: (Compaction & { epoch: number })[];
}

const where = prefix('train');

function checkData(cfg: UrnConfig, data: Dataset): void {
  if (data.dIn !== cfg.dIn) {
    throw new ConfigError(
      where(`dataset '${data.name}' has ${data.dIn} input features but the model's dIn is ${cfg.dIn}. Use a model with dIn = ${data.dIn}${cfg.geometry ? ' or resize the images to the grid' : ''}.`),
    );
  }
  if (data.nClasses !== cfg.dOut) {
    throw new ConfigError(where(`dataset '${data.name}' has ${data.nClasses} classes but the model has dOut = ${cfg.dOut} outputs. Set dOut = ${data.nClasses}.`));
  }
  if (data.train.n < 1) throw new ConfigError(where(`dataset '${data.name}' has no training samples.`));
}

function oneHot(y: Int32Array, idx: Int32Array, from: number, to: number, k: number): tf.Tensor2D {
  const out = new Float32Array((to - from) * k);
  for (let r = from; r < to; r++) out[(r - from) * k + y[idx[r]]] = 1;
  return tf.tensor2d(out, [to - from, k]);
}

function gatherRows(x: Float32Array, d: number, idx: Int32Array, from: number, to: number): tf.Tensor2D {
  const out = new Float32Array((to - from) * d);
  for (let r = from; r < to; r++) out.set(x.subarray(idx[r] * d, idx[r] * d + d), (r - from) * d);
  return tf.tensor2d(out, [to - from, d]);
}

/**
 * Train a URN on a dataset: Adam on the loss of Eq. 5 (+ Eq. 9 with a geometry), seeded
 * shuffles, per-epoch metrics (appended to `outDir/metrics.jsonl`), atomic checkpoints every
 * `checkpointEvery` epochs and at the end, exact resume. A non-finite loss throws
 * `NonFiniteLossError` and leaves the last good checkpoint untouched.
 *
 * ```ts
 * const data = makeSpheres({ d: 10, nTrain: 1000, nTest: 500 });
 * const { model, final } = await train({ data, config: { S: 64, I: 4 }, options: { epochs: 30, lr: 3e-3 } });
 * console.log(final?.testAccuracy);
 * disposeModel(model);
 * ```
 */
export async function train(req: TrainRequest): Promise<TrainResult> {
  const t0 = performance.now();
  const backend = await initBackend({ backend: req.backend ?? 'auto' });
  let ckpt: Checkpoint | null = null;
  if (req.resume) {
    if (!req.outDir) throw new ConfigError(where(`resume needs the run directory (outDir / --out).`));
    if (!existsSync(join(req.outDir, RUN_FILES.checkpoint))) {
      throw new ConfigError(where(`no checkpoint in ${req.outDir} to resume from. Run without --resume first.`));
    }
    ckpt = readCheckpoint(req.outDir);
  }
  let config = ckpt
    ? ckpt.config
    : resolveConfig({ dIn: req.data.dIn, dOut: req.data.nClasses, ...(req.config as Partial<UrnConfig>) } as UrnConfigInput);
  checkData(config, req.data);
  const savedOptions = (ckpt?.train.options ?? {}) as Partial<TrainOptions>;
  const options = resolveTrainOptions({ ...savedOptions, ...(req.options ?? {}) });
  let model = createModel(config, ckpt ?? req.init ?? initParams(config));
  let adam = createAdamL1([model.W, model.b], options, ckpt?.adam);
  const savedIds = ckpt?.train.neuronIds;
  let neuronIds = Array.isArray(savedIds) && savedIds.length === config.S ? Int32Array.from(savedIds as number[]) : identityIds(config.S);
  const compactions: (Compaction & { epoch: number })[] = [];
  /** S before any compaction (kept across resumes). */
  const originalS = typeof ckpt?.train.originalS === 'number' ? ckpt.train.originalS : config.S;
  /** d_ij^γ of the synapse-length term for the current neurons (rebuilt after a compaction). */
  const lengthsOf = (cfg: UrnConfig): tf.Tensor2D | undefined => {
    const coords = gridCoords(cfg);
    if (!coords || !(options.cSyn > 0)) return undefined;
    return tf.tensor2d(synapseLengthMatrix(coords, cfg.S, cfg.geometry!.beta, cfg.geometry!.gamma), [cfg.S, cfg.S]);
  };
  let lengths = lengthsOf(config);
  // Drop the neurons that were 0 on the whole training set (this epoch's evaluation): gathered on
  // typed arrays, the function on the training data is unchanged.
  const compactNow = (keep: Int32Array): Compaction | null => {
    if (keep.length === config.S) return null;
    const from = config.S;
    const next = compactState(
      { config, W: model.W.dataSync() as Float32Array, b: model.b.dataSync() as Float32Array, adam: adam.state(), neuronIds },
      keep,
    );
    adam.dispose();
    disposeModel(model);
    config = next.config;
    neuronIds = next.neuronIds;
    model = createModel(config, next);
    adam = createAdamL1([model.W, model.b], options, next.adam);
    if (lengths) {
      lengths.dispose();
      lengths = lengthsOf(config);
    }
    return { from, to: config.S };
  };

  let history: EpochMetrics[] = [];
  if (req.outDir) {
    ensureRunDir(req.outDir);
    history = truncateMetrics(req.outDir, ckpt ? ckpt.epoch : -1);
    truncateTimeline(req.outDir, ckpt ? ckpt.epoch : -1);
    atomicWriteFileSync(
      join(req.outDir, RUN_FILES.run),
      JSON.stringify({ config, options, data: req.dataSpec ?? { name: req.data.name }, backend }, null, 2),
    );
  }
  const save = (epoch: number) => {
    if (!req.outDir) return;
    writeCheckpoint(join(req.outDir, RUN_FILES.checkpoint), {
      config,
      epoch,
      W: model.W.dataSync() as Float32Array,
      b: model.b.dataSync() as Float32Array,
      adam: adam.state(),
      train: { options, data: req.dataSpec ?? { name: req.data.name }, neuronIds: Array.from(neuronIds), originalS },
    });
  };

  const { n } = req.data.train;
  const { dIn, dOut } = config;
  const B = options.batchSize;
  const batches = Math.ceil(n / B);
  const startEpoch = ckpt ? ckpt.epoch + 1 : 1;
  let elapsed = history.length ? history[history.length - 1].elapsed : 0;
  let done = startEpoch - 1;
  try {
    for (let epoch = startEpoch; epoch <= options.epochs; epoch++) {
      const te = performance.now();
      const order = permutation(n, createRng(deriveSeed(options.seed, epoch)));
      let sums = tf.zeros([5]);
      for (let k = 0; k < batches; k++) {
        const from = k * B;
        const to = Math.min(n, from + B);
        const x = gatherRows(req.data.train.x, dIn, order, from, to);
        const y = oneHot(req.data.train.y, order, from, to, dOut);
        const terms = trainStep(model, adam, x, y, options, lengths);
        req.onStep?.(model);
        const next = tf.add(sums, terms);
        tf.dispose([x, y, terms, sums]);
        sums = next;
        req.onBatch?.(k + 1, batches, epoch);
      }
      const mean = Array.from(sums.dataSync(), (v) => v / batches);
      sums.dispose();
      if (!mean.every(Number.isFinite)) {
        throw new NonFiniteLossError(
          where(`the loss became ${mean[0]} in epoch ${epoch}. Lower the learning rate (now ${options.lr}) or the regulators; the last good checkpoint is kept.`),
        );
      }
      const evalNow = epoch % options.evalEvery === 0 || epoch === options.epochs;
      let trainEval: Evaluation | null = null;
      let testAccuracy: number | null = null;
      if (evalNow) {
        trainEval = evaluate(model, req.data.train);
        testAccuracy = req.data.test.n ? evaluate(model, req.data.test).accuracy : null;
      }
      const activeNeurons = trainEval?.activeNeurons ?? null;
      let compacted: Compaction | null = null;
      if (trainEval && options.compact && epoch % options.compactEvery === 0) {
        const keep = liveNeurons(config, trainEval.stats);
        compacted = compactNow(keep);
        if (compacted) {
          trainEval = compactEvaluation(trainEval, keep, config.I);
          compactions.push({ ...compacted, epoch });
        }
      }
      const seconds = (performance.now() - te) / 1000;
      elapsed += seconds;
      const m: EpochMetrics = {
        epoch,
        loss: mean[0],
        crossEntropy: mean[1],
        weightTerm: mean[2],
        activityTerm: mean[3],
        lengthTerm: mean[4],
        trainAccuracy: trainEval?.accuracy ?? null,
        testAccuracy,
        activeNeurons,
        neurons: config.S,
        ...(compacted ? { compacted } : {}),
        seconds,
        elapsed,
      };
      history.push(m);
      done = epoch;
      if (req.outDir) appendMetrics(req.outDir, m);
      if (req.outDir && trainEval && options.timelineEvery > 0 && (epoch % options.timelineEvery === 0 || epoch === options.epochs)) {
        const snap = { config, W: model.W.dataSync() as Float32Array, b: model.b.dataSync() as Float32Array, coords: gridCoords(config), activity: trainEval.stats };
        const entry = timelineEntry(snap, { epoch, accuracy: testAccuracy, threshold: options.timelineThreshold });
        appendTimeline(req.outDir, { ...entry, neurons: config.S, compacted: compacted ?? null });
      }
      const last = epoch === options.epochs;
      if (!last && options.checkpointEvery > 0 && epoch % options.checkpointEvery === 0) save(epoch);
      const go = await req.onEpoch?.(m, { model, trainEval, options, neuronIds });
      if (go === false) break;
    }
    if (done >= startEpoch || !ckpt) save(done);
  } catch (e) {
    disposeModel(model);
    throw e;
  } finally {
    adam.dispose();
    lengths?.dispose();
  }
  return {
    model,
    history,
    final: history.length ? history[history.length - 1] : null,
    backend,
    options,
    epochs: done,
    seconds: (performance.now() - t0) / 1000,
    outDir: req.outDir,
    neuronIds,
    compactions,
  };
}
