import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, prefix } from '../errors.js';
import type { Dataset } from '../data/dataset.js';
import { resolveConfig, type UrnConfig, type UrnConfigInput } from '../core/config.js';
import { gridCoords } from '../core/geometry.js';
import { timelineEntry } from '../topology/timeline.js';
import type { Evaluation } from './activity.js';
import { initBackend, type BackendName, type BackendReport } from './backend.js';
import type { Compaction } from './compact.js';
import { initParams } from './init.js';
import type { UrnModel } from './model.js';
import { resolveTrainOptions, TRAIN_CONFIG_DEFAULTS, type TrainOptions } from './options.js';
import { checkTrainMemory } from './memory.js';
import { checkResumeConflicts, resumeOptions } from './resume.js';
import { createTrainState, disposeTrainState, type TrainState } from './state.js';
import { runEpoch, type EpochOutcome } from './epoch.js';
import { readCheckpoint, type Checkpoint } from '../run/checkpoint.js';
import type { EpochMetrics } from '../run/metrics.js';
import { runRecorder, type RunStart, type TrainRecorder } from '../run/recorder.js';
import { RUN_FILES } from '../run/files.js';
import { readFloats } from './read.js';
import type { TimelineEntry } from '../topology/timeline.js';

/** What `train` is given. */
export interface TrainRequest {
  data: Dataset;
  /** The model config over `TRAIN_CONFIG_DEFAULTS`; `dIn`/`dOut` default to the dataset's, `seed` to the options'. On resume, fields given must match the run's. */
  config?: Partial<UrnConfigInput>;
  /** Options over `TRAIN_DEFAULTS`; on resume, over the run's recorded options (changes are recorded). */
  options?: Partial<TrainOptions>;
  /** Run directory, recorded through `runRecorder` (run.json, metrics, timeline, checkpoint). */
  outDir?: string;
  /** Resume from `outDir`'s checkpoint with its recorded options. */
  resume?: boolean;
  /** Overwrite a run that `outDir` already holds (otherwise that is a `RunDirError`). */
  force?: boolean;
  /** More recorders (like tfjs's fit() callbacks); `outDir` adds the run directory's own. */
  recorders?: TrainRecorder[];
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

/** The checkpoint (when resuming), config and options of a request, and the options changed on resume. */
function setup(req: TrainRequest): { ckpt: Checkpoint | null; config: UrnConfig; options: TrainOptions; changed: RunStart['changed'] } {
  const s = setupRun(req);
  if (s.options.cSyn > 0 && !s.config.geometry) {
    throw new ConfigError(where(`cSyn ${s.options.cSyn} (the synapse-length term) needs a geometry: give config.geometry (urn train --grid X,Y,Z), or set cSyn to 0.`));
  }
  if (s.options.skipSilent && s.config.activation !== 'relu') {
    throw new ConfigError(where(`skipSilent needs relu neurons (a ${s.config.activation} neuron is never exactly silent); drop skipSilent.`));
  }
  return s;
}

function setupRun(req: TrainRequest): { ckpt: Checkpoint | null; config: UrnConfig; options: TrainOptions; changed: RunStart['changed'] } {
  if (!req.resume) {
    const options = resolveTrainOptions(req.options);
    const config = resolveConfig({ ...TRAIN_CONFIG_DEFAULTS, seed: options.seed, dIn: req.data.dIn, dOut: req.data.nClasses, ...req.config } as UrnConfigInput);
    return { ckpt: null, config, options, changed: {} };
  }
  if (!req.outDir) throw new ConfigError(where('resume needs the run directory (outDir / --out).'));
  if (!existsSync(join(req.outDir, RUN_FILES.checkpoint))) throw new ConfigError(where(`no checkpoint in ${req.outDir} to resume from. Run without --resume first.`));
  const ckpt = readCheckpoint(req.outDir);
  checkResumeConflicts(ckpt, req.config, req.dataSpec);
  return { ckpt, config: ckpt.config, ...resumeOptions(ckpt, req.options) };
}

/** The state to save now, as a checkpoint. */
async function checkpointOf(s: TrainState, epoch: number, options: TrainOptions, data: Record<string, unknown>): Promise<Checkpoint> {
  const { model, config } = s;
  const [W, b, adam] = await Promise.all([readFloats(model.W), readFloats(model.b), s.adam.state()]);
  return { config, epoch, W, b, adam, train: { options, data, neuronIds: Array.from(s.neuronIds), originalS: s.originalS } };
}

/** Read the state once and hand the checkpoint to every recorder. */
async function checkpointAll(recorders: TrainRecorder[], s: TrainState, epoch: number, options: TrainOptions, data: Record<string, unknown>): Promise<void> {
  const c = await checkpointOf(s, epoch, options, data);
  for (const r of recorders) r.checkpoint(c);
}

/** The structure timeline entry of this epoch, when one is due. */
async function timelineOf(s: TrainState, out: EpochOutcome, options: TrainOptions, epoch: number): Promise<TimelineEntry | null> {
  if (!out.trainEval || !(options.timelineEvery > 0) || (epoch % options.timelineEvery !== 0 && epoch !== options.epochs)) return null;
  const { config, model } = s;
  const [W, b] = await Promise.all([readFloats(model.W), readFloats(model.b)]);
  const snap = { config, W, b, coords: gridCoords(config), activity: out.trainEval.stats };
  const entry = timelineEntry(snap, { epoch, accuracy: out.metrics.testAccuracy, threshold: options.timelineThreshold });
  return { ...entry, neurons: config.S, compacted: out.compacted ?? null };
}

/**
 * Train a URN on a dataset: Adam on the loss of Eq. 5 (+ Eq. 9 with a geometry), seeded
 * shuffles, per-epoch metrics, checkpoints every `checkpointEvery` epochs and at the end, exact
 * resume with the run's recorded options. Everything is recorded through recorders (`outDir`
 * adds the run directory's, `runRecorder`). The memory is estimated first (`checkTrainMemory`).
 * A non-finite loss throws `NonFiniteLossError` and leaves the last good checkpoint untouched.
 *
 * ```ts
 * const data = makeSpheres({ d: 10, nTrain: 1000, nTest: 500 });
 * const { model, final } = await train({ data, config: { S: 64, I: 4 }, options: { epochs: 30 } });
 * console.log(final?.testAccuracy);
 * disposeModel(model);
 * ```
 */
export async function train(req: TrainRequest): Promise<TrainResult> {
  const t0 = performance.now();
  const backend = await initBackend({ backend: req.backend ?? 'auto' });
  const recorders = [...(req.outDir ? [runRecorder(req.outDir, { resume: req.resume, force: req.force })] : []), ...(req.recorders ?? [])];
  try {
    const { ckpt, config, options, changed } = setup(req);
    checkData(config, req.data);
    checkTrainMemory(config, options.batchSize, backend.tfBackend, undefined, { lengths: config.geometry !== undefined && options.cSyn > 0 });
    const data = ckpt ? { ...(ckpt.train.data as Record<string, unknown>), ...req.dataSpec } : (req.dataSpec ?? { name: req.data.name });
    const ids = ckpt && Array.isArray(ckpt.train.neuronIds) ? Int32Array.from(ckpt.train.neuronIds as number[]) : undefined;
    const originalS = typeof ckpt?.train.originalS === 'number' ? ckpt.train.originalS : undefined;
    const s = createTrainState(config, ckpt ?? req.init ?? initParams(config, options), options, { adam: ckpt?.adam, neuronIds: ids, originalS });
    const start: RunStart = { config, options, data, backend, resumedFrom: ckpt ? ckpt.epoch : -1, changed };
    const history = recorders.map((r) => r.start(start))[0] ?? [];
    const compactions: TrainResult['compactions'] = [];
    const startEpoch = ckpt ? ckpt.epoch + 1 : 1;
    let done = startEpoch - 1;
    try {
      for (let epoch = startEpoch; epoch <= options.epochs; epoch++) {
        const out = await runEpoch(s, req.data, options, epoch, history.at(-1)?.elapsed ?? 0, req);
        history.push(out.metrics);
        done = epoch;
        if (out.compacted) compactions.push({ ...out.compacted, epoch });
        const tl = recorders.length ? await timelineOf(s, out, options, epoch) : null;
        for (const r of recorders) r.epoch(out.metrics, tl);
        const due = epoch !== options.epochs && options.checkpointEvery > 0 && epoch % options.checkpointEvery === 0;
        if (due && recorders.length) await checkpointAll(recorders, s, epoch, options, data);
        if ((await req.onEpoch?.(out.metrics, { model: s.model, trainEval: out.trainEval, options, neuronIds: s.neuronIds })) === false) break;
      }
      if ((done >= startEpoch || !ckpt) && recorders.length) await checkpointAll(recorders, s, done, options, data);
    } catch (e) {
      disposeTrainState(s, { keepModel: false });
      throw e;
    }
    disposeTrainState(s, { keepModel: true });
    const final = history.at(-1) ?? null;
    return { model: s.model, history, final, backend, options, epochs: done, seconds: (performance.now() - t0) / 1000, outDir: req.outDir, neuronIds: s.neuronIds, compactions };
  } finally {
    for (const r of recorders) r.end();
  }
}
