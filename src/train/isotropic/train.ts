import { tf } from '../tf.js';
import { createAdam } from '../adam.js';
import { initBackend, type BackendName, type BackendReport } from '../backend.js';
import { ConfigError, NonFiniteLossError, prefix } from '../../errors.js';
import type { Dataset } from '../../data/dataset.js';
import { createRng, deriveSeed, permutation } from '../../util/rng.js';
import type { IsoMlp, IsoMoments } from '../../core/isotropic-mlp.js';
import { zeroMoments } from './init.js';
import { logitAccuracy } from './compare.js';
import { disposeIsoTensors, fromAdamState, isoForward, isoLogits, readBack, toAdamState, toTensors } from './mlp.js';
import { readScalar } from '../read.js';

const where = prefix('isotropic train');

/** Options of `trainIsotropic`; defaults are Experiment 1's (AdamW 1e-3, decay 1e-3, batch 48). */
export interface IsoTrainOptions {
  epochs: number;
  batch: number;
  lr: number;
  /** AdamW's decoupled weight decay, applied to every trainable parameter as torch's AdamW does. */
  weightDecay: number;
  beta1: number;
  beta2: number;
  adamEpsilon: number;
  /** λ of the ψ regulariser λ·Σψ² added to the batch-mean cross-entropy ('Trainable+Decay'). */
  psiDecay: number;
  /** Seed of the batch order. */
  seed: number;
  backend: BackendName | 'auto';
  /** Called after every epoch (progress lines). */
  onEpoch?: (e: IsoEpoch) => void;
}

export const ISO_TRAIN_DEFAULTS: IsoTrainOptions = {
  epochs: 1,
  batch: 48,
  lr: 1e-3,
  weightDecay: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  adamEpsilon: 1e-8,
  psiDecay: 0,
  seed: 0,
  backend: 'auto',
};

/** One epoch's figures. */
export interface IsoEpoch {
  epoch: number;
  /** Mean training loss over the epoch's batches. */
  loss: number;
  testAccuracy: number;
}

/** What `trainIsotropic` returns; `net` is the trained network (the input is updated in place). */
export interface IsoTrainResult {
  net: IsoMlp;
  moments: IsoMoments;
  history: IsoEpoch[];
  backend: BackendReport;
  seconds: number;
}

/**
 * Accuracy of a network's argmax on a labelled split.
 *
 * ```ts
 * await isoAccuracy(net, data.test.x, data.test.y);
 * ```
 */
export async function isoAccuracy(net: IsoMlp, x: Float32Array, y: Int32Array): Promise<number> {
  return logitAccuracy(await isoLogits(net, x, y.length), y, net.widths[net.widths.length - 1]);
}

/**
 * Train an isotropic MLP on a classification dataset with AdamW and softmax cross-entropy
 * (batch mean), seeded batch order; continues from `moments` when given (e.g. after a resize).
 * Updates `net` in place and returns it with Adam's moments.
 *
 * ```ts
 * const { net: trained, moments } = await trainIsotropic(createIsoMlp({ widths: [784, 100, 100, 10] }), data, { epochs: 2 });
 * ```
 */
export async function trainIsotropic(net: IsoMlp, data: Dataset, options: Partial<IsoTrainOptions> = {}, moments?: IsoMoments): Promise<IsoTrainResult> {
  const o = { ...ISO_TRAIN_DEFAULTS, ...options };
  const dIn = net.widths[0];
  const dOut = net.widths[net.widths.length - 1];
  if (data.dIn !== dIn || data.nClasses !== dOut) {
    throw new ConfigError(where(`dataset '${data.name}' has ${data.dIn} features and ${data.nClasses} classes but the network is ${net.widths.join('–')}. Match its first and last widths to the data.`));
  }
  if (!Number.isInteger(o.epochs) || o.epochs < 0 || !Number.isInteger(o.batch) || o.batch < 1) {
    throw new ConfigError(where(`epochs must be an integer ≥ 0 and batch ≥ 1, got ${o.epochs} and ${o.batch}.`));
  }
  const backend = await initBackend({ backend: o.backend });
  const started = performance.now();
  const t = toTensors(net);
  const adam = createAdam(t.trainable, { lr: o.lr, beta1: o.beta1, beta2: o.beta2, epsilon: o.adamEpsilon }, toAdamState(net, moments ?? zeroMoments(net)));
  const history: IsoEpoch[] = [];
  const { x, y, n } = data.train;
  const xb = new Float32Array(o.batch * dIn);
  const yb = new Int32Array(o.batch);
  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const order = permutation(n, createRng(deriveSeed(o.seed, epoch)));
      let sum = 0;
      let batches = 0;
      for (let s0 = 0; s0 < n; s0 += o.batch) {
        const m = Math.min(o.batch, n - s0);
        for (let s = 0; s < m; s++) {
          xb.set(x.subarray(order[s0 + s] * dIn, (order[s0 + s] + 1) * dIn), s * dIn);
          yb[s] = y[order[s0 + s]];
        }
        const loss = tf.tidy(() => {
          const xt = tf.tensor2d(xb.subarray(0, m * dIn), [m, dIn]);
          const labels = tf.oneHot(tf.tensor1d(yb.subarray(0, m), 'int32'), dOut);
          const { value, grads } = tf.variableGrads(() => {
            let l = tf.losses.softmaxCrossEntropy(labels, isoForward(net, t, xt)) as tf.Scalar;
            if (o.psiDecay > 0 && net.psiMode === 'trainable') for (const p of t.psi) l = tf.add(l, tf.mul(o.psiDecay, tf.sum(tf.square(p))));
            return l;
          }, t.trainable);
          if (o.weightDecay > 0) for (const v of t.trainable) v.assign(tf.mul(v, 1 - o.lr * o.weightDecay));
          adam.step(t.trainable.map((v) => grads[v.name]));
          return value;
        });
        const lv = await readScalar(loss).finally(() => loss.dispose());
        if (!Number.isFinite(lv)) throw new NonFiniteLossError(where(`the loss became ${lv} in epoch ${epoch + 1}. Lower the learning rate.`));
        sum += lv;
        batches++;
      }
      await readBack(net, t);
      history.push({ epoch: epoch + 1, loss: sum / Math.max(batches, 1), testAccuracy: await isoAccuracy(net, data.test.x, data.test.y) });
      o.onEpoch?.(history[epoch]);
    }
    await readBack(net, t);
    return { net, moments: fromAdamState(net, await adam.state()), history, backend, seconds: (performance.now() - started) / 1000 };
  } finally {
    adam.dispose();
    disposeIsoTensors(t);
  }
}
