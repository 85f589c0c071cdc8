import { ConfigError, NonFiniteLossError, prefix } from '../../errors.js';
import { resolveConfig, type UrnConfig, type UrnConfigInput } from '../../core/config.js';
import { initParams } from '../init.js';
import { identityIds, type CompactState } from '../compact.js';
import { createRng, deriveSeed, type Rng } from '../../util/rng.js';
import { taskKind, taskShape, type Task } from '../../data/task.js';
import { batchOutputs, disposeBatch, evaluateTask, taskBatch } from './batch.js';
import { taskLoss } from './forward.js';
import { createLive, disposeLive, liveNetwork, liveParams, liveSize, liveState, optimize, type LiveNet } from './live.js';
import { resolveStructureOptions, type StructureOptions } from './options.js';
import { newOutgoing, outgoingNorms, reservePlan } from './reserve.js';
import { growState, shrinkState } from './resize.js';
import type { StructureMetrics, StructureRecorder } from './record.js';
import { readFloats } from '../read.js';

/** What `trainStructure` is given. */
export interface StructureRequest {
  data: Task;
  /** Model config; S is set from dIn + `options.hidden` + dOut. Defaults: I 2, tanh, plain. */
  config?: Partial<Omit<UrnConfigInput, 'S' | 'dIn' | 'dOut'>>;
  options?: Parameters<typeof resolveStructureOptions>[0];
  /** Switch tasks during training: from step `from` on, train and score on `data` (Miconi's easy → hard → easy). */
  phases?: { from: number; data: Task }[];
  /** Gets the run's start, every evaluation and the end (e.g. `runDirRecorder(dir)`). */
  recorder?: StructureRecorder;
  /** Called after every evaluation; return false to stop. */
  onEval?: (m: StructureMetrics) => void | boolean;
}

/** What `trainStructure` returns: the plain URN it ends with (a gated one folded), its history and size trace. */
export interface StructureResult {
  network: CompactState;
  history: StructureMetrics[];
  final: StructureMetrics | null;
  /** Hidden neurons (gated: the size) after every step. */
  sizes: number[];
  options: StructureOptions;
  seconds: number;
}

const where = prefix('trainStructure');

function initialNet(data: Task, req: StructureRequest, o: StructureOptions): LiveNet {
  const { dIn, dOut } = taskShape(data);
  const cfg: UrnConfig = resolveConfig({ I: 2, activation: 'tanh', rule: 'plain', seed: o.seed, ...(req.config ?? {}), dIn, dOut, S: dIn + o.hidden + dOut } as UrnConfigInput);
  if (cfg.readout === 'linear') {
    throw new ConfigError(where(`a linear read-out is for dense training; the structure methods keep φ on their outputs. Drop readout, or train without a structure method.`));
  }
  if (o.method === 'grow-reserve' && cfg.activation !== 'tanh') {
    throw new ConfigError(where(`grow-reserve needs activation tanh (a new neuron starts at φ(0) = 0 and must still get a gradient). Pass --activation tanh.`));
  }
  return createLive({ config: cfg, ...initParams(cfg), neuronIds: identityIds(cfg.S) }, o, o.method === 'grow-gated' ? o.sizeInit : null);
}

/** One cycle of Miconi's add/delete rule on a live network; returns the (maybe rebuilt) network. */
async function reserveCycle(l: LiveNet, o: StructureOptions, rng: Rng): Promise<LiveNet> {
  const plan = reservePlan(outgoingNorms(l.config, await readFloats(l.W)), o.reserve, rng);
  if (!plan.remove.length && !plan.add) return l;
  let s = await liveState(l);
  if (plan.remove.length) s = shrinkState(s, plan.remove.map((h) => h + s.config.dIn));
  if (plan.add) s = growState(s, newOutgoing(s.config, o.reserve.threshold, rng));
  disposeLive(l);
  return createLive(s, o, null);
}

const taskAt = (req: StructureRequest, step: number): Task =>
  (req.phases ?? []).filter((p) => p.from <= step).reduce<Task>((t, p) => p.data, req.data);

async function metricsAt(l: LiveNet, data: Task, step: number, meanLoss: number, elapsed: number): Promise<StructureMetrics> {
  const score = await evaluateTask(data, 'test', l.config, () => liveParams(l));
  const S = l.size ? (await liveNetwork(l)).config.S : l.config.S;
  const hidden = S - l.config.dIn - l.config.dOut;
  return {
    epoch: step, loss: meanLoss, crossEntropy: meanLoss, weightTerm: 0, activityTerm: 0, lengthTerm: 0,
    trainAccuracy: null, testAccuracy: score.accuracy, activeNeurons: null, neurons: S, seconds: 0, elapsed,
    testLoss: score.loss, hidden, size: await liveSize(l), task: data.name,
  };
}

function sampleIdx(n: number, B: number, rng: Rng): Int32Array {
  return Int32Array.from({ length: B }, () => rng.int(n));
}

/**
 * Train a URN whose size changes (or not) by a structure method: `grow-reserve` (Miconi v2:
 * start from one hidden neuron, keep exactly k sub-threshold reserve neurons, W, b and Adam's
 * moments grow and shrink in place), `grow-gated` (N3: a trainable size gating the hidden
 * neurons through the sin² staircase, plus the size loss) or `fixed`. Tasks: classification,
 * regression (MSE) or next-symbol sequences. Every step is one minibatch; a structure decision
 * follows each step.
 *
 * ```ts
 * const r = await trainStructure({ data: makeBrackets({ kind: 'easy' }), options: { method: 'grow-reserve', steps: 500 } });
 * console.log(r.network.config.S, r.final?.testAccuracy);
 * ```
 */
export async function trainStructure(req: StructureRequest): Promise<StructureResult> {
  try {
    return await runStructure(req);
  } finally {
    req.recorder?.close?.();
  }
}

async function runStructure(req: StructureRequest): Promise<StructureResult> {
  const t0 = performance.now();
  const o = resolveStructureOptions(req.options);
  let live = initialNet(req.data, req, o);
  const rng = createRng(deriveSeed(o.seed, 17));
  const history: StructureMetrics[] = [];
  const sizes: number[] = [];
  await req.recorder?.start({ config: live.config, options: o, data: req.data.name });
  let lossSum = 0;
  let since = 0;
  try {
    for (let step = 1; step <= o.steps; step++) {
      const data = taskAt(req, step);
      const kind = taskKind(data);
      const batch = taskBatch(data, 'train', sampleIdx(data.train.n, o.batchSize, rng), live.config);
      const cur = live;
      const loss = await optimize(cur, () => taskLoss(kind, batchOutputs(cur.config, liveParams(cur), batch), batch.y), o);
      disposeBatch(batch);
      if (!Number.isFinite(loss)) throw new NonFiniteLossError(where(`the loss became ${loss} at step ${step}. Lower the learning rate (now ${o.lr}).`));
      lossSum += loss;
      since++;
      if (o.method === 'grow-reserve') live = await reserveCycle(live, o, rng);
      sizes.push(await liveSize(live));
      if (step % o.evalEvery === 0 || step === o.steps) {
        const m = await metricsAt(live, data, step, lossSum / since, (performance.now() - t0) / 1000);
        lossSum = 0;
        since = 0;
        history.push(m);
        await req.recorder?.evaluation(m, await liveNetwork(live));
        if (req.onEval?.(m) === false) break;
      }
    }
    const network = await liveNetwork(live);
    await req.recorder?.end(network, history.length ? history[history.length - 1] : null);
    return { network, history, final: history.length ? history[history.length - 1] : null, sizes, options: o, seconds: (performance.now() - t0) / 1000 };
  } finally {
    disposeLive(live);
  }
}
