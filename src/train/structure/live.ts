import { tf } from '../tf.js';
import type { UrnConfig } from '../../core/config.js';
import type { AdamState } from '../adam.js';
import { createAdamL1, type AdamL1 } from '../adam.js';
import { variableFrom } from '../model.js';
import { sign } from '../ops.js';
import type { CompactState } from '../compact.js';
import { gatherSquare, gatherVector } from '../compact.js';
import { foldGate, staircase, staircaseTensor } from './gate.js';
import type { StructuredParams } from './forward.js';
import type { StructureOptions } from './options.js';
import { readFloats, readScalar } from '../read.js';

/** A structured URN being trained: W, b, the gated size (grow-gated), Adam over all of them, the id map. */
export interface LiveNet {
  config: UrnConfig;
  W: tf.Variable<tf.Rank.R2>;
  b: tf.Variable<tf.Rank.R1>;
  size: tf.Variable<tf.Rank.R1> | null;
  adam: AdamL1;
  neuronIds: Int32Array;
}

/**
 * Build a live network from typed arrays (copied); `size` makes it gated.
 *
 * ```ts
 * const live = createLive({ config, W, b, neuronIds: identityIds(config.S) }, { lr: 3e-3, epsilon: 1e-7 }, null);
 * ```
 */
export function createLive(s: CompactState | (Omit<CompactState, 'adam'> & { adam?: AdamState }), o: Pick<StructureOptions, 'lr' | 'epsilon'>, size: number | null): LiveNet {
  const { S } = s.config;
  const W = variableFrom(Float32Array.from(s.W), [S, S]) as tf.Variable<tf.Rank.R2>;
  const b = variableFrom(Float32Array.from(s.b), [S]) as tf.Variable<tf.Rank.R1>;
  const sz = size === null ? null : (variableFrom(Float32Array.of(size), [1]) as tf.Variable<tf.Rank.R1>);
  const params = sz ? [W, b, sz] : [W, b];
  const adam = createAdamL1(params, { lr: o.lr, beta1: 0.9, beta2: 0.999, epsilon: o.epsilon }, s.adam);
  return { config: s.config, W, b, size: sz, adam, neuronIds: s.neuronIds };
}

/**
 * Release a live network's tensors.
 *
 * ```ts
 * disposeLive(net);
 * ```
 */
export function disposeLive(l: LiveNet): void {
  l.adam.dispose();
  tf.dispose([l.W, l.b, ...(l.size ? [l.size] : [])]);
}

/**
 * The live network's training state as typed arrays (what `growState` / `shrinkState` take).
 *
 * ```ts
 * const next = growState(await liveState(net), outgoing);
 * ```
 */
export async function liveState(l: LiveNet): Promise<CompactState> {
  const [W, b, adam] = await Promise.all([readFloats(l.W), readFloats(l.b), l.adam.state()]);
  return { config: l.config, W, b, adam, neuronIds: l.neuronIds };
}

/**
 * The tensors of the forward pass (with the staircase gate when gated). Call inside a tidy.
 *
 * ```ts
 * const out = tf.tidy(() => staticOutputs(net.config, liveParams(net), x));
 * ```
 */
export function liveParams(l: LiveNet): StructuredParams {
  return { W: l.W, b: l.b, ...(l.size ? { gate: staircaseTensor(l.config, l.size) } : {}) };
}

/**
 * The current size: the trainable size when gated, else the number of hidden neurons.
 *
 * ```ts
 * await liveSize(net); // e.g. 7
 * ```
 */
export async function liveSize(l: LiveNet): Promise<number> {
  return l.size ? readScalar(l.size) : l.config.S - l.config.dIn - l.config.dOut;
}

/**
 * One optimisation step: gradients of the task loss (+ λ(size − target)² when gated), Adam on
 * every parameter, then the outgoing-weight L1 step on the hidden columns. Returns the loss.
 *
 * ```ts
 * const loss = await optimize(net, () => taskLoss('regression', staticOutputs(net.config, liveParams(net), x), y), o);
 * ```
 */
export async function optimize(l: LiveNet, loss: () => tf.Scalar, o: StructureOptions): Promise<number> {
  const params = l.size ? [l.W, l.b, l.size] : [l.W, l.b];
  const target = o.sizeTarget ?? o.hidden;
  const value = tf.tidy(() => {
    const { value: v, grads } = tf.variableGrads(() => {
      const t = loss();
      return l.size ? (tf.add(t, tf.mul(o.sizeWeight, tf.sum(tf.square(tf.sub(l.size, target))))) as tf.Scalar) : t;
    }, params);
    l.adam.step(params.map((p) => grads[p.name]));
    if (o.l1 > 0) {
      const { S, dIn, dOut } = l.config;
      const cols = tf.concat([tf.zeros([1, dIn]), tf.ones([1, S - dIn - dOut]), tf.zeros([1, dOut])], 1);
      l.W.assign(tf.sub(l.W, tf.mul(sign(l.W), tf.mul(cols, o.l1))));
    }
    return v;
  });
  return readScalar(value).finally(() => value.dispose());
}

/**
 * The plain URN a live network computes: itself, or for a gated one its gate folded into W
 * with the shut neurons dropped (`foldGate`); Adam's W and b moments follow the kept neurons.
 *
 * ```ts
 * const { config, W, b } = await liveNetwork(net);
 * ```
 */
export async function liveNetwork(l: LiveNet): Promise<CompactState & { keep: Int32Array }> {
  const s = await liveState(l);
  if (!l.size) return { ...s, keep: Int32Array.from({ length: s.config.S }, (_, i) => i) };
  const f = foldGate(s.config, s.W, s.b, staircase(s.config, await liveSize(l)));
  const S = s.config.S;
  const sq = (a: Float32Array) => gatherSquare(a, S, f.keep);
  const adam = { t: s.adam.t, m: [sq(s.adam.m[0]), gatherVector(s.adam.m[1], f.keep)], v: [sq(s.adam.v[0]), gatherVector(s.adam.v[1], f.keep)] };
  return { config: f.config, W: f.W, b: f.b, adam, neuronIds: gatherVector(s.neuronIds, f.keep), keep: f.keep };
}
