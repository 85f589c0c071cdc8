import { ConfigError, prefix } from '../errors.js';
import type { Split } from '../data/dataset.js';
import { splitTrainTest } from '../data/transform.js';
import { resolveConfig, type UrnConfig } from '../core/config.js';
import { disposeModel } from '../train/model.js';
import { readFloats } from '../train/read.js';
import { resolveTrainOptions, TRAIN_DEFAULTS, type TrainOptions } from '../train/options.js';
import { refuseUnknownKeys } from '../util/keys.js';
import type { ActivityStats } from '../core/snapshot.js';
import type { BackendName } from '../train/backend.js';
import { train } from '../train/train.js';
import { deriveSeed } from '../util/rng.js';
import { createFreeze } from './freeze.js';
import { gracefulForgetting } from './graceful.js';
import { headLayout, viewConfig, viewParams, writeView } from './layout.js';
import { measure } from './measure.js';
import { activityScores, reinitFree } from './prune.js';
import { writeLifelongTimeline, writeTaskModel } from './run-files.js';
import { taskSubnetwork, type TaskSubnetwork } from './structure.js';
import { CLNP_DEFAULTS, type ClnpOptions, type HeadLayout, type LifelongResult, type LifelongSpec, type LifelongTask, type TaskRecord } from './types.js';

const where = prefix('lifelong');

/** Options of `lifelong` besides the spec. */
export interface LifelongOptions {
  backend?: BackendName | 'auto';
  /** Called after each task with its timeline record and its certified sub-network. */
  onTask?: (record: TaskRecord, sub: TaskSubnetwork) => void | Promise<void>;
  /** Run directory: `lifelong.json` rewritten after each task, `task-<t>.urn` (certified) per task. */
  outDir?: string;
}

interface State {
  spec: LifelongSpec;
  mode: 'clnp' | 'fine-tune';
  clnp: ClnpOptions;
  lay: HeadLayout;
  full: UrnConfig;
  W: Float32Array;
  b: Float32Array;
  /** Neurons whose rows are frozen (CLNP: inputs and every recruited neuron; fine-tune: inputs). */
  active: Uint8Array;
  /** Rows that have been initialised (fine-tune keeps trained rows across tasks). */
  initialised: Uint8Array;
  recruitedBy: Int32Array;
  backend: BackendName | 'auto';
}

/** Refuse misspelt keys before the first task trains (a later task's would fail only after the earlier ones). */
function checkSpecKeys(spec: LifelongSpec): void {
  refuseUnknownKeys(spec.network, ['hidden', 'I', 'rule', 'activation', 'seed'], where('network'));
  refuseUnknownKeys(spec.clnp ?? {}, Object.keys(CLNP_DEFAULTS), where('clnp'));
  const trainKeys = Object.keys(TRAIN_DEFAULTS);
  refuseUnknownKeys(spec.options ?? {}, trainKeys, where('options'));
  for (const t of spec.tasks) refuseUnknownKeys(t.options ?? {}, trainKeys, where(`options of task '${t.name}'`));
}

function setup(spec: LifelongSpec, backend: BackendName | 'auto'): State {
  const { tasks, network } = spec;
  if (!tasks.length) throw new ConfigError(where('the spec has no tasks. Give at least one.'));
  checkSpecKeys(spec);
  const dIn = tasks[0].data.dIn;
  for (const t of tasks) {
    if (t.data.dIn !== dIn) throw new ConfigError(where(`task '${t.name}' has ${t.data.dIn} features, '${tasks[0].name}' ${dIn}. Pad them to one size (padFeatures).`));
  }
  const rule = network.rule ?? 'residual-input';
  const lay = headLayout(dIn, network.hidden, tasks.map((t) => t.data.nClasses), rule);
  const full = resolveConfig({ S: lay.S, I: network.I, dIn, dOut: lay.D, rule, activation: network.activation ?? 'relu', seed: network.seed ?? 0 });
  const active = new Uint8Array(lay.S).fill(1, 0, dIn); // inputs carry data only: zero rows, frozen
  const recruitedBy = new Int32Array(lay.S).fill(-1).fill(-2, 0, dIn);
  const mode = spec.mode ?? 'clnp';
  if (mode !== 'clnp' && mode !== 'fine-tune') throw new ConfigError(where(`mode must be clnp or fine-tune, got ${String(mode)}.`));
  const clnp = { ...CLNP_DEFAULTS, ...spec.clnp };
  if (!(clnp.epsilon >= 0 && clnp.epsilon < 1)) throw new ConfigError(where(`epsilon must be in [0, 1), got ${clnp.epsilon}.`));
  if (!Number.isInteger(clnp.candidates) || clnp.candidates < 1) throw new ConfigError(where(`candidates must be an integer ≥ 1, got ${clnp.candidates}.`));
  if (!(clnp.validationFraction > 0 && clnp.validationFraction < 1)) throw new ConfigError(where(`validationFraction must be in (0, 1), got ${clnp.validationFraction}.`));
  const S = lay.S;
  return { spec, mode, clnp, lay, full, W: new Float32Array(S * S), b: new Float32Array(S), active, initialised: Uint8Array.from(active), recruitedBy, backend };
}

/** Train one view with the frozen rows held fixed; returns its W, b and the activity over `train`. */
async function trainView(st: State, task: LifelongTask, cfg: UrnConfig, view: { W: Float32Array; b: Float32Array }, frozen: Uint8Array, tr: Split) {
  const freeze = createFreeze(view.W, view.b, cfg.S, frozen);
  const options: Partial<TrainOptions> = { ...st.spec.options, ...task.options, compact: false, checkpointEvery: 0, timelineEvery: 0 };
  options.evalEvery = Math.max(1, resolveTrainOptions(options).epochs);
  let stats: ActivityStats | null = null;
  try {
    const r = await train({
      data: { ...task.data, train: tr },
      config: cfg,
      options,
      init: view,
      backend: st.backend,
      onStep: (m) => freeze.apply(m),
      onEpoch: (_m, ctx) => {
        if (ctx.trainEval) stats = ctx.trainEval.stats;
      },
    });
    const [W, b] = await Promise.all([readFloats(r.model.W), readFloats(r.model.b)]).finally(() => disposeModel(r.model));
    return { W, b, stats: stats ?? (await measure(cfg, W, b, tr)).stats };
  } finally {
    freeze.dispose();
  }
}

/** Grade, cut and freeze (CLNP), or just measure (fine-tune); marks the recruits. */
async function settle(st: State, t: number, cfg: UrnConfig, trained: { W: Float32Array; b: Float32Array; stats: ActivityStats }, val: Split) {
  const n = cfg.S;
  if (st.mode === 'fine-tune') {
    const acc = (await measure(cfg, trained.W, trained.b, val)).accuracy;
    for (let i = n - cfg.dOut; i < n; i++) st.recruitedBy[i] = t;
    return { W: trained.W, threshold: null, validation: { unpruned: acc, pruned: acc }, recruited: 0 };
  }
  const score = activityScores(trained.stats.meanAbs, n, cfg.I);
  const before = st.active.slice(0, n);
  const g = await gracefulForgetting({ config: cfg, W: trained.W, b: trained.b, score, before, validation: val, ...st.clnp });
  let recruited = 0;
  for (let i = 0; i < n; i++) {
    if (!g.active[i] || st.active[i]) continue;
    st.active[i] = 1;
    st.recruitedBy[i] = t;
    if (i < n - cfg.dOut) recruited++;
  }
  return { W: g.W, threshold: g.threshold, validation: { unpruned: g.unpruned, pruned: g.pruned }, recruited };
}

async function learnTask(st: State, t: number): Promise<{ record: TaskRecord; sub: TaskSubnetwork }> {
  const t0 = performance.now();
  const { tasks } = st.spec;
  const task = tasks[t];
  const S = st.full.S;
  const cfg = viewConfig(st.full, st.lay, t);
  const n = cfg.S;
  // CLNP reinitialises every free row of the view; fine-tuning only rows never trained (the new head).
  reinitFree(st.W, st.b, S, n, st.lay.dIn, st.mode === 'clnp' ? st.active : st.initialised, deriveSeed(st.full.seed, t));
  st.initialised.fill(1, 0, n);
  const { train: tr, test: val } = splitTrainTest(task.data.train, { testFraction: st.clnp.validationFraction, seed: deriveSeed(st.full.seed, 1000 + t) });
  const view = viewParams(st.W, st.b, S, n);
  const trained = await trainView(st, task, cfg, view, st.active.slice(0, n), tr);
  const s = await settle(st, t, cfg, trained, val);
  writeView(st.W, st.b, S, { W: s.W, b: trained.b });
  const accuracies: number[] = [];
  for (const [j, k] of tasks.slice(0, t + 1).entries()) {
    const v = viewParams(st.W, st.b, S, st.lay.viewS[j]);
    accuracies.push((await measure(viewConfig(st.full, st.lay, j), v.W, v.b, k.data.test)).accuracy);
  }
  const ev = await measure(cfg, s.W, trained.b, task.data.test);
  const sub = await taskSubnetwork({ config: cfg, W: s.W, b: trained.b, activity: ev.stats }, task.data.test, st.recruitedBy, t);
  let usedTotal = 0;
  for (let i = st.lay.dIn; i < st.lay.dIn + st.lay.hidden; i++) usedTotal += st.recruitedBy[i] >= 0 ? 1 : 0;
  const record: TaskRecord = {
    task: t,
    name: task.name,
    threshold: s.threshold,
    validation: s.validation,
    accuracyAfterLearning: ev.accuracy,
    accuracies,
    structure: sub.structure,
    recruited: s.recruited,
    usedTotal,
    freeNeurons: st.lay.hidden - usedTotal,
    seconds: (performance.now() - t0) / 1000,
  };
  return { record, sub };
}

/**
 * Never-Ending Structure Accumulation (the URN paper's Discussion) with CLNP (Golkar et al.
 * 2019): learn the tasks in order on one URN, each through its own head (`headLayout`). Per
 * task: train with L1 updating only the free rows (`createFreeze`), grade neurons by their mean
 * activity over the data and the I iterations, pick the activity threshold by graceful
 * forgetting, cut every synapse from an inactive into an active neuron (in W, so at every
 * iteration), freeze the active rows and reinitialise the free ones; synapses from active into
 * free neurons stay trainable (reuse). Compaction is off throughout (it would renumber neurons).
 * With `mode: 'fine-tune'` nothing is frozen, cut or reinitialised: the baseline.
 *
 * ```ts
 * const r = await lifelong({ network: { hidden: 100, I: 4 }, options: { epochs: 20, cW: 1e-5 }, tasks });
 * r.timeline.at(-1)!.accuracies; // every task's test accuracy after the last
 * ```
 */
export async function lifelong(spec: LifelongSpec, o: LifelongOptions = {}): Promise<LifelongResult> {
  const st = setup(spec, o.backend ?? 'auto');
  const timeline: TaskRecord[] = [];
  for (let t = 0; t < spec.tasks.length; t++) {
    const { record, sub } = await learnTask(st, t);
    timeline.push(record);
    if (o.outDir) {
      if (sub.model) writeTaskModel(o.outDir, t, sub.model);
      const { mode, full: config, lay: layout } = st;
      writeLifelongTimeline(o.outDir, { version: 1, mode, config, layout, tasks: spec.tasks.map((k) => k.name), timeline });
    }
    await o.onTask?.(record, sub);
  }
  return { config: st.full, W: st.W, b: st.b, recruitedBy: st.recruitedBy, layout: st.lay, timeline, mode: st.mode };
}
