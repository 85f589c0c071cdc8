/**
 * What the paper's Figs. 3 and 4 count, read off one finished spheres run directory: test
 * accuracy of the dense network, the active hidden neurons grouped by the iteration at which
 * they first fire (the paper's ordering of Fig. 3), the structure at threshold 0 (the live
 * subgraph, the paper's own test) and at the verified threshold export would choose, and, under
 * the residual-output rule, the share of the output read-out that each iteration adds (Eq. 6:
 * one hidden layer means the outputs are formed at t = 2 and later iterations add nothing).
 */
import { tf } from '../../src/train/tf.js';
import { loadRun } from '../../src/train/load-run.js';
import { createModel, disposeModel, forwardTensors, predictLogits } from '../../src/train/model.js';
import { initParams, type InitOptions } from '../../src/train/init.js';
import { resolveConfig, type UrnConfig, type UrnConfigInput } from '../../src/core/config.js';
import { readRunInfo } from '../../src/run/recorder.js';
import { accuracyOn } from '../../src/train/activity.js';
import { readFloats } from '../../src/train/read.js';
import { firstActive } from '../../src/core/activity.js';
import { compile, analyzePruned, pruneSnapshot, hiddenFromLayer } from '../../src/topology/index.js';
import { structureFidelity, type StructureFidelity } from '../../src/export/fidelity.js';
import { readTrialResult } from '../../src/sweep/trial-dir.js';
import { certifyWithout } from '../../src/export/ablate.js';
import type { Snapshot } from '../../src/core/snapshot.js';

export interface StructureAt {
  threshold: number;
  /** Active neurons per unrolled layer Λ = 0..depth (inputs, hidden…, outputs). */
  layerWidths: number[];
  /** Non-empty hidden layers Λ = 1..depth−1 (the paper's count: neurons sorted by first activation form these blocks). */
  hiddenLayers: number;
  /** Λ of the outputs: the longest chain of φ to them (under residual-output, outputs that keep accumulating make it I). */
  depth: number;
  strictMlp: boolean;
  /**
   * Neurons (inputs, hidden or outputs) live at several depths of the unrolled net (self-loops,
   * reuse: `analyze`'s `layers.reused`): the recurrent carry that stands in for layers 2 and 3
   * in some trials. 0 in a strict MLP.
   */
  reused: number;
  /** Neurons live at each unrolled iteration t = 0..I (inputs first, reused neurons counted each time). */
  livePerIteration: number[];
}

export interface SpheresSummary {
  testAccuracy: number;
  /** Hidden neurons active on the training set. */
  active: number;
  /** Hidden neurons by the first iteration l = 1..I at which they are non-zero. */
  widths: number[];
  /** `liveByFirstActive`: per iteration, its live hidden neurons by the iteration they first fired (the reuse that shortens later layers). */
  liveByFirstActive: number[][];
  exact: StructureAt;
  /** At the verified threshold (`structureFidelity`, the one `urn analyze` and `urn export --threshold auto` use). */
  verified: StructureAt | null;
  /** residual-output only: Σ|ΔN_out^(t)| share per iteration t = 1..I on the test set. */
  outputShareByIteration: number[] | null;
  /**
   * The network with every hidden neuron first active after t = 1 silenced (its outgoing weights
   * zeroed) against the dense one on the test set: is it, as a function, a one-hidden-layer net?
   */
  firstLayerOnly: { silenced: number; argmaxAgreement: number; maxAbsError: number };
  /**
   * residual-output only, on the verified structure: its hidden neurons past the first layer
   * (Λ ≥ 2) and export's certificate of that structure with them silenced. `pass` true: a
   * one-hidden-layer structure is the network's function too, and the deeper neurons are an
   * artefact of the threshold; false: they do work the outputs need. With no deeper neurons it
   * is the verified certificate itself. Null under the plain rule or without a verified threshold.
   */
  deeperSilenced: { neurons: number[]; argmaxAgreement: number; maxAbsError: number; maxRelError: number; pass: boolean } | null;
  /**
   * Outputs that are 0 on every test sample: under the plain rule a relu output can die, and the
   * class it stood for is then predicted only by a tie (argmax takes the first index), so a trial
   * can score 100% with a dead output. Such a network is degenerate; the figures report it.
   */
  deadOutputs: number;
  /** Share of test samples whose class is decided by a tie (the largest logit not unique): how the degenerate networks above score. */
  tiedSamples: number;
  /**
   * How often the active hidden neurons fire (the largest, over iterations, fraction of training
   * samples on which one is non-zero): how many fire on under 1% and under 5% of them, and how many
   * a random batch of 64 samples would show active on average (Σ 1 − (1 − p)^64), in case the
   * paper counted the neurons of its activity plot rather than of the whole data.
   */
  firing: { below1pct: number; below5pct: number; expectedOnBatch64: number };
  /**
   * Before training (the run's own seed and init scale): per output, the share of the first 1000
   * training samples on which it is exactly 0. A relu output dark on most samples passes little
   * gradient: a risk factor for a trial that never learns. Null without run.json.
   */
  initOutputsZero: number[] | null;
}

function firingOf(activity: NonNullable<Snapshot['activity']>, cfg: Snapshot['config']): SpheresSummary['firing'] {
  const { S, I, dIn, dOut } = cfg;
  const out = { below1pct: 0, below5pct: 0, expectedOnBatch64: 0 };
  for (let i = dIn; i < S - dOut; i++) {
    let p = 0;
    for (let l = 1; l <= I; l++) p = Math.max(p, activity.activeFraction[l * S + i]);
    if (p === 0) continue;
    if (p < 0.01) out.below1pct++;
    if (p < 0.05) out.below5pct++;
    out.expectedOnBatch64 += 1 - (1 - p) ** 64;
  }
  return out;
}

/** Outputs whose logit is 0 on every sample, and the share of samples whose largest logit is tied. */
function degenerateOutputs(snapshot: Snapshot, logits: Float32Array, n: number): { deadOutputs: number; tiedSamples: number } {
  const { dOut } = snapshot.config;
  let deadOutputs = 0;
  for (let k = 0; k < dOut; k++) {
    let zero = true;
    for (let s = 0; s < n && zero; s++) zero = logits[s * dOut + k] === 0;
    if (zero) deadOutputs++;
  }
  let tied = 0;
  for (let s = 0; s < n; s++) {
    const row = Array.from(logits.subarray(s * dOut, (s + 1) * dOut));
    const top = Math.max(...row);
    if (row.filter((v) => v === top).length > 1) tied++;
  }
  return { deadOutputs, tiedSamples: tied / n };
}

function structureAt(snapshot: Snapshot, threshold: number): StructureAt {
  // From the typed arrays: the same report as analyze(compile(…)), at any number of edges (a
  // trial stopped early keeps millions at threshold 0, past compile's graph bound).
  const rep = analyzePruned(pruneSnapshot(snapshot, { threshold }));
  const w = rep.layers.widths;
  const hiddenLayers = w.slice(1, -1).filter((n) => n > 0).length;
  const { reused, livePairsPerIteration: livePerIteration } = rep.layers;
  return { threshold, layerWidths: w, hiddenLayers, depth: Math.max(0, w.length - 1), strictMlp: rep.strictMlp, reused, livePerIteration };
}

/** `deeperSilenced` of the summary (see there). */
async function deeperSilenced(snapshot: Snapshot, test: Parameters<typeof certifyWithout>[1], threshold: number): Promise<SpheresSummary['deeperSilenced']> {
  const neurons = hiddenFromLayer(compile(snapshot, { threshold }), 2);
  const a = await certifyWithout(snapshot, test, neurons, { threshold });
  const c = a.certificate;
  return { neurons, argmaxAgreement: c.argmaxAgreement, maxAbsError: c.maxAbsError, maxRelError: c.maxRelError, pass: a.pass };
}

/** Under residual-output, how much of the outputs' final value each iteration adds (shares sum to 1). */
async function outputShares(snapshot: Snapshot, x: Float32Array, n: number): Promise<number[]> {
  const { config: cfg } = snapshot;
  const d = tf.tidy(() => {
    const W = tf.tensor2d(snapshot.W, [cfg.S, cfg.S]);
    const b = tf.tensor1d(snapshot.b);
    const { states } = forwardTensors(cfg, W, b, tf.tensor2d(x, [n, cfg.dIn]));
    const outs = states.map((s) => tf.slice(s, [0, cfg.S - cfg.dOut], [n, cfg.dOut]));
    return tf.stack(outs.map((o, t) => tf.sum(tf.abs(t === 0 ? o : tf.sub(o, outs[t - 1])))));
  });
  const deltas = Array.from(await readFloats(d).finally(() => d.dispose()));
  const total = deltas.reduce((a, v) => a + v, 0);
  return deltas.map((v) => (total > 0 ? v / total : 0));
}

/** Logits of `W` on the test inputs. */
async function logitsOf(snapshot: Snapshot, W: Float32Array, x: Float32Array, n: number): Promise<Float32Array> {
  const { config: cfg } = snapshot;
  const logits = tf.tidy(() => forwardTensors(cfg, tf.tensor2d(W, [cfg.S, cfg.S]), tf.tensor1d(snapshot.b), tf.tensor2d(x, [n, cfg.dIn])).logits);
  return readFloats(logits).finally(() => logits.dispose());
}

/** Silence the hidden neurons first active after t = 1 and compare with the dense network. */
async function firstLayerOnly(snapshot: Snapshot, first: Int32Array, dense: Float32Array, x: Float32Array, n: number): Promise<SpheresSummary['firstLayerOnly']> {
  const { S, dIn, dOut } = snapshot.config;
  const W = Float32Array.from(snapshot.W);
  let silenced = 0;
  for (let j = dIn; j < S - dOut; j++) {
    if (first[j] < 2) continue;
    silenced++;
    for (let i = 0; i < S; i++) W[i * S + j] = 0;
  }
  const [a, b] = [dense, await logitsOf(snapshot, W, x, n)];
  let agree = 0;
  let maxAbsError = 0;
  for (let s = 0; s < n; s++) {
    const row = (v: Float32Array) => Array.from(v.subarray(s * dOut, (s + 1) * dOut));
    const [ra, rb] = [row(a), row(b)];
    if (ra.indexOf(Math.max(...ra)) === rb.indexOf(Math.max(...rb))) agree++;
    for (let k = 0; k < dOut; k++) maxAbsError = Math.max(maxAbsError, Math.abs(ra[k] - rb[k]));
  }
  return { silenced, argmaxAgreement: agree / n, maxAbsError };
}

/**
 * Hidden neurons live at each iteration l = 1..I (non-zero on some sample), grouped by the
 * iteration f ≤ l at which they first fire: `rows[l − 1][f − 1]`. The diagonal is the paper's
 * layers (`widthsByFirstActive`); left of it are neurons firing again at a later iteration
 * (reused), which the paper's ordering counts in the layer where they first fired.
 *
 * ```ts
 * const [t1, t2, t3] = liveByFirstActive(snapshot.activity!, snapshot.config); // t3: [reused from 1, from 2, new]
 * ```
 */
export function liveByFirstActive(activity: Pick<NonNullable<Snapshot['activity']>, 'maxAbs'>, cfg: Snapshot['config']): number[][] {
  const { S, I, dIn, dOut } = cfg;
  const first = firstActive(activity, { S, I }, 1);
  const rows = Array.from({ length: I }, (_, l) => new Array<number>(l + 1).fill(0));
  for (let l = 1; l <= I; l++) {
    for (let i = dIn; i < S - dOut; i++) if (activity.maxAbs[l * S + i] > 0) rows[l - 1][first[i] - 1]++;
  }
  return rows;
}

/** Hidden neurons grouped by the first iteration l = 1..I at which they are non-zero (the paper's ordering). */
export function widthsByFirstActive(activity: Pick<NonNullable<Snapshot['activity']>, 'maxAbs'>, cfg: Snapshot['config']): number[] {
  return liveByFirstActive(activity, cfg).map((row, l) => row[l]);
}

/**
 * Per output, the share of the first 1000 samples of `x` on which the network initialised with
 * `init` (the config's seed) gives exactly 0: how dark its relu outputs start.
 */
export async function outputsZeroAtInit(cfg: UrnConfig, init: InitOptions, x: Float32Array, nAll: number): Promise<number[]> {
  const n = Math.min(1000, nAll);
  const model = createModel(cfg, initParams(cfg, init));
  const logits = await predictLogits(model, x.subarray(0, n * cfg.dIn), n).finally(() => disposeModel(model));
  return Array.from({ length: cfg.dOut }, (_, k) => {
    let zero = 0;
    for (let s = 0; s < n; s++) if (logits[s * cfg.dOut + k] === 0) zero++;
    return zero / n;
  });
}

/** `initOutputsZero` of the summary (see there). */
async function initOutputsZero(dir: string, x: Float32Array, nAll: number): Promise<number[] | null> {
  const info = readRunInfo(dir);
  return info ? outputsZeroAtInit(resolveConfig(info.config as UrnConfigInput), info.options as InitOptions, x, nAll) : null;
}

/**
 * The structure's fidelity at the verified threshold. A sweep trial found that threshold already
 * (its result.json, from the same search on the same data): certify it again there, once, rather
 * than search again (about nine certificates, each minutes long on a near-dense S = 5000 trial); search only
 * when there is none or it no longer passes.
 */
export async function verifiedFidelity(dir: string, snapshot: Snapshot, test: Parameters<typeof structureFidelity>[1]): Promise<StructureFidelity> {
  const known = readTrialResult(dir)?.structure;
  if (known?.verified) {
    const f = await structureFidelity(snapshot, test, { threshold: known.threshold });
    if (f.pass) return f;
  }
  return structureFidelity(snapshot, test);
}

/** Summarise the run in `dir` (a run directory written by `train`). */
export async function summariseSpheresRun(dir: string): Promise<SpheresSummary> {
  const run = await loadRun(dir, { activity: true });
  if (!run.data || !run.snapshot.activity) throw new Error(`${dir}: the run records no dataset spec; cannot summarise it`);
  const { snapshot, data } = run;
  const cfg = snapshot.config;
  const model = createModel(cfg, snapshot);
  const testAccuracy = await accuracyOn(model, data.test).finally(() => disposeModel(model));
  const first = firstActive(snapshot.activity!, { S: cfg.S, I: cfg.I }, 1);
  const live = liveByFirstActive(snapshot.activity!, cfg);
  const widths = live.map((row, l) => row[l]);
  const fidelity = await verifiedFidelity(dir, snapshot, data.test);
  const dense = await logitsOf(snapshot, snapshot.W, data.test.x, data.test.n);
  return {
    testAccuracy,
    active: widths.reduce((a, w) => a + w, 0),
    widths,
    liveByFirstActive: live,
    exact: structureAt(snapshot, 0),
    verified: fidelity.pass ? structureAt(snapshot, fidelity.threshold) : null,
    outputShareByIteration: cfg.rule === 'residual-output' ? await outputShares(snapshot, data.test.x, data.test.n) : null,
    firstLayerOnly: await firstLayerOnly(snapshot, first, dense, data.test.x, data.test.n),
    deeperSilenced: cfg.rule === 'residual-output' && fidelity.pass ? await deeperSilenced(snapshot, data.test, fidelity.threshold) : null,
    ...degenerateOutputs(snapshot, dense, data.test.n),
    firing: firingOf(snapshot.activity!, cfg),
    initOutputsZero: await initOutputsZero(dir, data.train.x, data.train.n),
  };
}
