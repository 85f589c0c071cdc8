import { tf } from './tf.js';
import { NonFiniteLossError, prefix } from '../errors.js';
import type { Dataset } from '../data/dataset.js';
import { deriveSeed, createRng, permutation } from '../util/rng.js';
import { compactEvaluation, liveNeurons, type Compaction } from './compact.js';
import { evaluate, accuracyOn, type Evaluation } from './activity.js';
import { trainStep } from './step.js';
import { trainStepOnSupport } from './step-support.js';
import type { UrnModel } from './model.js';
import type { TrainOptions } from './options.js';
import type { EpochMetrics } from '../run/metrics.js';
import { compactTrainState, type TrainState } from './state.js';
import { readFloats } from './read.js';
import { assertBackendHealthy } from './backend.js';
import { deadOutputs } from '../core/activity.js';

const where = prefix('train');

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

/** Hooks an epoch calls: after each step and each batch. */
export interface EpochHooks {
  onStep?: (model: UrnModel) => void;
  onBatch?: (batch: number, batches: number, epoch: number) => void;
}

/** Mean loss terms over one epoch of seeded shuffled batches; throws `NonFiniteLossError`. */
async function fitEpoch(s: TrainState, data: Dataset, options: TrainOptions, epoch: number, hooks: EpochHooks): Promise<number[]> {
  const { n } = data.train;
  const B = options.batchSize;
  const batches = Math.ceil(n / B);
  const order = permutation(n, createRng(deriveSeed(options.seed, epoch)));
  let sums = tf.zeros([5]);
  for (let k = 0; k < batches; k++) {
    const from = k * B;
    const to = Math.min(n, from + B);
    const x = gatherRows(data.train.x, s.config.dIn, order, from, to);
    const y = oneHot(data.train.y, order, from, to, s.config.dOut);
    const terms = options.skipSilent ? await trainStepOnSupport(s.model, s.adam, x, y, options, s.lengths, s.support) : trainStep(s.model, s.adam, x, y, options, s.lengths);
    hooks.onStep?.(s.model);
    const next = tf.add(sums, terms);
    tf.dispose([x, y, terms, sums]);
    sums = next;
    hooks.onBatch?.(k + 1, batches, epoch);
  }
  const mean = Array.from(await readFloats(sums).finally(() => sums.dispose()), (v) => v / batches);
  assertBackendHealthy(); // a faulted GPU explains a bad loss better than the learning rate does
  if (!mean.every(Number.isFinite)) {
    throw new NonFiniteLossError(
      where(`the loss became ${mean[0]} in epoch ${epoch}. Lower the learning rate (now ${options.lr}) or the regulators; the last good checkpoint is kept.`),
    );
  }
  return mean;
}

/** What one epoch produced. */
export interface EpochOutcome {
  metrics: EpochMetrics;
  /** The evaluation over the training set (after any compaction), when this epoch was evaluated. */
  trainEval: Evaluation | null;
  compacted: Compaction | null;
}

/**
 * Run one epoch: the batches, then (on evaluated epochs) the accuracies and activity and any
 * compaction of dead neurons. `elapsed` is the run's time before this epoch, in seconds.
 *
 * ```ts
 * const { metrics } = await runEpoch(state, data, options, 3, 12.5, {});
 * ```
 */
export async function runEpoch(s: TrainState, data: Dataset, options: TrainOptions, epoch: number, elapsed: number, hooks: EpochHooks): Promise<EpochOutcome> {
  const t0 = performance.now();
  const before = { ...s.support };
  const mean = await fitEpoch(s, data, options, epoch, hooks);
  const supportSteps = s.support.steps - before.steps;
  const support = options.skipSilent ? { steps: supportSteps, meanNeurons: supportSteps ? (s.support.neurons - before.neurons) / supportSteps : 0 } : null;
  const evalNow = epoch % options.evalEvery === 0 || epoch === options.epochs;
  let trainEval: Evaluation | null = evalNow ? await evaluate(s.model, data.train) : null;
  const testAccuracy = evalNow && data.test.n ? await accuracyOn(s.model, data.test) : null;
  assertBackendHealthy(); // before compaction acts on what the GPU computed
  const activeNeurons = trainEval?.activeNeurons ?? null;
  let compacted: Compaction | null = null;
  if (trainEval && options.compact && epoch % options.compactEvery === 0) {
    const keep = liveNeurons(s.config, trainEval.stats);
    compacted = await compactTrainState(s, keep, options);
    if (compacted) trainEval = compactEvaluation(trainEval, keep, s.config.I);
  }
  const dead = trainEval ? deadOutputs(trainEval.stats, s.config) : [];
  const seconds = (performance.now() - t0) / 1000;
  const metrics: EpochMetrics = {
    epoch,
    loss: mean[0],
    crossEntropy: mean[1],
    weightTerm: mean[2],
    activityTerm: mean[3],
    lengthTerm: mean[4],
    trainAccuracy: trainEval?.accuracy ?? null,
    testAccuracy,
    activeNeurons,
    neurons: s.config.S,
    ...(compacted ? { compacted } : {}),
    ...(dead.length ? { deadOutputs: dead } : {}),
    ...(support ? { support } : {}),
    seconds,
    elapsed: elapsed + seconds,
  };
  return { metrics, trainEval, compacted };
}
