import { tf } from '../tf.js';
import { variableFrom } from '../model.js';
import type { AdamState } from '../adam.js';
import { ShapeError, prefix } from '../../errors.js';
import type { IsoMlp, IsoMoments, IsoParamSet } from '../../core/isotropic-mlp.js';
import { isotropicTanh } from './activation.js';
import { readFloats } from '../read.js';

const where = prefix('isotropic forward');

/** A network's parameters as tfjs tensors: variables for what trains, constants otherwise. */
export interface IsoTensors {
  W: tf.Variable[];
  b: tf.Variable[];
  /** ψ per hidden layer after the first; variables when psiMode is 'trainable'. */
  psi: tf.Tensor1D[];
  /** log o per hidden layer when oMode is 'trainable'. */
  logO: tf.Variable[];
  /** The trainable ones in Adam's order: W…, b…, ψ… (trainable), log o… (trainable). */
  trainable: tf.Variable[];
}

/**
 * Copy a network into tensors (the caller disposes them with `disposeIsoTensors`).
 *
 * ```ts
 * const tensors = toTensors(net); const logits = isoForward(net, tensors, x); disposeIsoTensors(tensors);
 * ```
 */
export function toTensors(net: IsoMlp): IsoTensors {
  const w = net.widths;
  const W = net.W.map((a, l) => variableFrom(a, [w[l + 1], w[l]]));
  const b = net.b.map((a, l) => variableFrom(a, [w[l + 1]]));
  const psiTrains = net.psiMode === 'trainable';
  const psi = net.psi.map((a, l) => (psiTrains ? variableFrom(a, [w[l + 2]]) : tf.tensor1d(Float32Array.from(a)))) as tf.Tensor1D[];
  const logO = net.oMode === 'trainable' ? net.o.map((o) => variableFrom(Float32Array.of(Math.log(o)), [])) : [];
  const trainable = [...W, ...b, ...(psiTrains ? (psi as tf.Variable[]) : []), ...logO];
  return { W, b, psi, logO, trainable };
}

/** Release the tensors of `toTensors`. */
export function disposeIsoTensors(t: IsoTensors): void {
  for (const x of [...t.W, ...t.b, ...t.psi, ...t.logO]) x.dispose();
}

/**
 * Read trained values back into the network (W, b, ψ, and o when trainable). In place.
 *
 * ```ts
 * await readBack(net, tensors);
 * ```
 */
export async function readBack(net: IsoMlp, t: IsoTensors): Promise<void> {
  const all = (vs: tf.Tensor[]) => Promise.all(vs.map(readFloats));
  const [W, b, psi, logO] = await Promise.all([all(t.W), all(t.b), all(net.psiMode === 'trainable' ? t.psi : []), all(net.oMode === 'trainable' ? t.logO : [])]);
  net.W = W;
  net.b = b;
  if (net.psiMode === 'trainable') net.psi = psi;
  if (net.oMode === 'trainable') net.o = logO.map((v) => Math.exp(v[0]));
}

/**
 * The logits of a batch (B×dIn → B×dOut): hidden layers z = W·h + b + ψ·f_prev, h = σ_iso(z),
 * the last layer affine. Call inside `tf.tidy`.
 *
 * ```ts
 * const logits = tf.tidy(() => isoForward(net, tensors, tf.tensor2d(x, [n, net.widths[0]])));
 * ```
 */
export function isoForward(net: IsoMlp, t: IsoTensors, x: tf.Tensor2D): tf.Tensor2D {
  if (x.shape[1] !== net.widths[0]) throw new ShapeError(where(`input has ${x.shape[1]} features but the network takes ${net.widths[0]}.`));
  const last = t.W.length - 1;
  let h: tf.Tensor2D = x;
  let f: tf.Tensor2D | null = null;
  for (let l = 0; l <= last; l++) {
    let z = tf.add(tf.matMul(h, t.W[l], false, true), t.b[l]) as tf.Tensor2D;
    if (f && net.psiMode !== 'none') z = tf.add(z, tf.mul(f, t.psi[l - 1])) as tf.Tensor2D;
    if (l === last) return z;
    const o = net.oMode === 'trainable' ? (tf.exp(t.logO[l]) as tf.Scalar) : net.o[l];
    ({ h, f } = isotropicTanh(z, o, net.epsilon));
  }
  throw new ShapeError(where('the network has no weight layers.'));
}

/**
 * Logits of a network for n rows (row-major Float32Array), in chunks; leaks no tensors.
 *
 * ```ts
 * const logits = await isoLogits(net, data.test.x, data.test.n);
 * ```
 */
export async function isoLogits(net: IsoMlp, x: Float32Array, n: number, batch = 2048): Promise<Float32Array> {
  const [dIn, dOut] = [net.widths[0], net.widths[net.widths.length - 1]];
  if (x.length !== n * dIn) throw new ShapeError(where(`expected ${n}×${dIn} = ${n * dIn} values, got ${x.length}.`));
  const t = toTensors(net);
  const out = new Float32Array(n * dOut);
  try {
    for (let s = 0; s < n; s += batch) {
      const m = Math.min(batch, n - s);
      const y = tf.tidy(() => isoForward(net, t, tf.tensor2d(x.subarray(s * dIn, (s + m) * dIn), [m, dIn])));
      out.set(await readFloats(y).finally(() => y.dispose()), s * dOut);
    }
  } finally {
    disposeIsoTensors(t);
  }
  return out;
}

/** The arrays of a parameter set in the order of `IsoTensors.trainable`. */
function ordered(net: IsoMlp, p: IsoParamSet): Float32Array[] {
  return [...p.W, ...p.b, ...(net.psiMode === 'trainable' ? p.psi : []), ...(net.oMode === 'trainable' ? p.logO.map((v) => Float32Array.of(v)) : [])];
}

/**
 * Adam's state for `createAdam(tensors.trainable, …)` from moments shaped like the network.
 *
 * ```ts
 * const adam = createAdam(tensors.trainable, opts, toAdamState(net, moments));
 * ```
 */
export function toAdamState(net: IsoMlp, mo: IsoMoments): AdamState {
  return { t: mo.t, m: ordered(net, mo.m), v: ordered(net, mo.v) };
}

/**
 * Moments shaped like the network from Adam's state (the inverse of `toAdamState`); entries of
 * parameters that do not train are zero.
 *
 * ```ts
 * const moments = fromAdamState(net, await adam.state());
 * ```
 */
export function fromAdamState(net: IsoMlp, s: AdamState): IsoMoments {
  const L = net.W.length;
  const H = net.o.length;
  const set = (arr: Float32Array[]): IsoParamSet => {
    let k = 0;
    const W = arr.slice(k, (k += L));
    const b = arr.slice(k, (k += L));
    const psi = net.psiMode === 'trainable' ? arr.slice(k, (k += H)) : net.psi.map((p) => new Float32Array(p.length));
    const logO = net.oMode === 'trainable' ? arr.slice(k, (k += H)).map((a) => a[0]) : net.o.map(() => 0);
    return { W, b, psi, logO };
  };
  return { t: s.t, m: set(s.m), v: set(s.v) };
}
