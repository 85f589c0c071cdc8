import { tf } from './tf.js';
import type { UrnConfig } from '../core/config.js';
import { blockForward } from './block-forward.js';
import { readFloats } from './read.js';

/**
 * What the support path carries from one step to the next: the last batch's support (the next
 * batch's first guess) and running counts for reports.
 */
export interface SupportTracker {
  guess: Int32Array | null;
  /** Steps taken on a support, the forward rounds they needed, and the neurons they trained. */
  steps: number;
  rounds: number;
  neurons: number;
  /** Dense steps taken because the last support was too large to pay (`onSupport`). */
  denseSteps: number;
  /** Steps since the last support step while the support was too large. */
  waited: number;
  /** The largest support, as a share of S, that a step runs on (`SUPPORT_SHARE` by default; 1: every step). */
  share: number;
}

/**
 * A support above this share of S costs about what the dense step does: its gathers, check and
 * scatter grow with it while the S² Adam pass stays (`bench skip-silent` at S = 5000: 0.88× the
 * dense step's speed at 40%, 2.9× at 6%).
 */
export const SUPPORT_SHARE = 0.25;
/** While the support is too large, every this-many-th step measures it again. */
export const PROBE_EVERY = 16;

/** Whether the last support held at most the tracker's `share` of the S neurons. */
const small = (t: SupportTracker, S: number): boolean => t.guess !== null && t.guess.length <= t.share * S;

/**
 * Whether the next step runs on the support: the first step, then while the last support held
 * at most the tracker's `share` of the S neurons, and every `PROBE_EVERY`-th step otherwise (to see it
 * shrink). A step it declines is the dense step, counted in `denseSteps`.
 *
 * ```ts
 * const tracker = createSupportTracker();
 * const dense = !onSupport(tracker, cfg.S); // false: the first step measures the support
 * ```
 */
export function onSupport(t: SupportTracker, S: number): boolean {
  if (t.guess === null || small(t, S)) return true;
  t.waited += 1;
  if (t.waited < PROBE_EVERY) return void (t.denseSteps += 1), false;
  t.waited = 0;
  return true;
}

/**
 * The guess a support step starts from: the last support while it is small, else every neuron
 * (a probe: one plain forward, with nothing to gather or check).
 *
 * ```ts
 * const guess = startGuess(createSupportTracker(), cfg.S); // null: every neuron
 * ```
 */
export const startGuess = (t: SupportTracker, S: number): Int32Array | null => (small(t, S) ? t.guess : null);

/**
 * A tracker with no guess yet (the first batch starts from every neuron).
 *
 * ```ts
 * const tracker = createSupportTracker();
 * const always = createSupportTracker(1); // every step on the support, however large
 * ```
 */
export const createSupportTracker = (share = SUPPORT_SHARE): SupportTracker => ({ guess: null, steps: 0, rounds: 0, neurons: 0, denseSteps: 0, waited: 0, share });

/** A batch's support and the sub-network on it. */
export interface BatchSupport {
  /** Sorted neuron indices: the inputs, the outputs and every neuron non-zero somewhere. */
  ids: Int32Array;
  /** W[ids, ids] and b[ids]: W and b themselves when `ids` is every neuron. */
  W: tf.Tensor2D;
  b: tf.Tensor1D;
  /** The config of the sub-network: S = ids.length, the rest unchanged. */
  config: UrnConfig;
  /** Forward passes it took to verify. */
  rounds: number;
  /** The neurons of `ids` non-zero on some sample at some iteration (the next batch's guess). */
  live: Int32Array;
}

/** `ids` with the dIn inputs and the dOut outputs added, sorted. */
function withEnds(cfg: UrnConfig, ids: Iterable<number>): Int32Array {
  const keep = new Uint8Array(cfg.S);
  for (let i = 0; i < cfg.dIn; i++) keep[i] = 1;
  for (let i = cfg.S - cfg.dOut; i < cfg.S; i++) keep[i] = 1;
  for (const i of ids) keep[i] = 1;
  const out: number[] = [];
  keep.forEach((k, i) => k && out.push(i));
  return Int32Array.from(out);
}

/** One round on a guess U: the sub-network, the neurons of U non-zero somewhere, and the outside neurons whose z > 0 somewhere. */
async function round(cfg: UrnConfig, x: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D, U: Int32Array) {
  const whole = U.length === cfg.S; // every neuron: nothing to gather, nothing outside to check
  const config: UrnConfig = { ...cfg, S: U.length };
  delete config.geometry; // the lengths term is on the full W, in the Adam step
  const [nMaxT, Wsub, bsub, zMaxT] = tf.tidy(() => {
    const ut = whole ? null : tf.tensor1d(U, 'int32');
    const cols = ut ? (tf.gather(W, ut, 1) as tf.Tensor2D) : W; // S×|U|
    const sub = ut ? (tf.gather(cols, ut, 0) as tf.Tensor2D) : W;
    const bs = ut ? (tf.gather(b, ut) as tf.Tensor1D) : b;
    const { states } = blockForward(config, x, sub, bs);
    const nMax = tf.max(tf.abs(tf.concat(states.slice(1), 0)), 0);
    if (!ut) return [nMax];
    // z of every neuron at iterations 1..I from U's states at 0..I-1: exact for all of them
    // while the neurons outside U are 0 at every iteration, which is what is checked.
    const z = tf.add(tf.matMul(tf.concat(states.slice(0, cfg.I), 0), cols, false, true), b);
    return [nMax, sub, bs, tf.max(z, 0)];
  }) as [tf.Tensor1D, tf.Tensor2D?, tf.Tensor1D?, tf.Tensor1D?];
  const [nMax, zMax] = await Promise.all([readFloats(nMaxT), zMaxT ? readFloats(zMaxT) : new Float32Array(0)]);
  tf.dispose([nMaxT, ...(zMaxT ? [zMaxT] : [])]);
  const inU = new Uint8Array(cfg.S);
  U.forEach((i) => (inU[i] = 1));
  const outside: number[] = [];
  zMax.forEach((v, i) => !inU[i] && v > 0 && outside.push(i));
  return { W: Wsub ?? W, b: bsub ?? b, config, live: U.filter((_, k) => nMax[k] !== 0), outside };
}

/**
 * The batch's support, verified: the neurons non-zero on some sample at some iteration. The
 * ordinary forward (`blockForward`) runs on the sub-network of a guess U (with the inputs and
 * outputs), then every neuron outside U gets its pre-activation z at every iteration from U's
 * states; any with z > 0 on some sample joins U and the round repeats. When none does, every
 * neuron outside U is 0 throughout (relu: φ(z ≤ 0) = 0), so the sub-network's states are the
 * full network's, its loss is the full loss, and the data gradient of every weight or bias
 * outside W[U, U], b[U] is exactly 0 (its neuron is silent or its φ' is 0). Relu only: a tanh
 * neuron is never exactly silent. Reads two S-vectors a round, asynchronously. The caller
 * disposes the returned W and b unless `ids` is every neuron (they are then W and b).
 *
 * ```ts
 * const tracker = createSupportTracker();
 * const sup = await batchSupport(cfg, x, model.W, model.b, startGuess(tracker, cfg.S));
 * ```
 */
export async function batchSupport(cfg: UrnConfig, x: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D, guess: Int32Array | null): Promise<BatchSupport> {
  let U = guess ? withEnds(cfg, guess) : withEnds(cfg, Array.from({ length: cfg.S }, (_, i) => i));
  for (let rounds = 1; ; rounds++) {
    const r = await round(cfg, x, W, b, U);
    if (r.outside.length === 0) return { ids: U, W: r.W, b: r.b, config: r.config, rounds, live: r.live };
    tf.dispose([r.W, r.b]);
    U = withEnds(cfg, [...U, ...r.outside]);
  }
}

/**
 * Record a step on `sup` in the tracker: its live neurons become the next guess.
 *
 * ```ts
 * const tracker = createSupportTracker();
 * const sup = await batchSupport(cfg, x, model.W, model.b, startGuess(tracker, cfg.S));
 * recordStep(tracker, sup);
 * ```
 */
export function recordStep(t: SupportTracker, sup: BatchSupport): void {
  t.guess = sup.live;
  t.steps += 1;
  t.rounds += sup.rounds;
  t.neurons += sup.ids.length;
}

/**
 * A |U|×|U| block scattered into an S×S zero matrix at rows and columns `ids`: the rows through
 * a transpose, both by `scatterND` of whole rows.
 *
 * ```ts
 * const block = tf.ones([2, 2]) as tf.Tensor2D;
 * const gW = scatterSquare(block, Int32Array.from([0, 3]), 5); // block at rows and columns 0 and 3
 * ```
 */
export function scatterSquare(block: tf.Tensor2D, ids: Int32Array, S: number): tf.Tensor2D {
  return tf.tidy(() => {
    const idx = tf.tensor2d(ids, [ids.length, 1], 'int32');
    const byColumn = tf.scatterND(idx, tf.transpose(block), [S, ids.length]); // row j = column U⁻¹(j)
    return tf.scatterND(idx, tf.transpose(byColumn), [S, S]) as tf.Tensor2D;
  });
}
