import { createIsoMlp, type IsoMlpOptions } from '../../../src/train/isotropic/init.js';
import type { IsoMlp } from '../../../src/core/isotropic-mlp.js';
import { createRng } from '../../../src/util/rng.js';
import type { Dataset } from '../../../src/data/dataset.js';

/** A small network with nonzero biases, ψ and o, so every term of the forward pass matters. */
export function busyNet(widths: number[], seed = 1, extra: Partial<IsoMlpOptions> = {}): IsoMlp {
  const net = createIsoMlp({ widths, seed, ...extra });
  const rng = createRng(seed + 100);
  for (const b of net.b) for (let k = 0; k < b.length; k++) b[k] = 0.3 * rng.normal();
  if (net.psiMode !== 'none') for (const p of net.psi) for (let k = 0; k < p.length; k++) p[k] = 0.2 * rng.normal();
  if (net.oMode !== 'zero') net.o = net.o.map((_, l) => 0.05 * (l + 1));
  return net;
}

/** n×d standard normal inputs. */
export function inputs(n: number, d: number, seed = 7): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * d }, () => rng.normal());
}

/**
 * An independent oracle: the isotropic MLP's logits in float64, written straight from the
 * paper's formulas (σ(z) = tanh(‖z;o‖)·z/‖z;o‖, ψ times the previous factor).
 */
export function oracleLogits(net: IsoMlp, x: Float32Array, n: number): Float64Array {
  const w = net.widths;
  const L = w.length - 1;
  const out = new Float64Array(n * w[L]);
  for (let s = 0; s < n; s++) {
    let h = Array.from(x.subarray(s * w[0], (s + 1) * w[0]), Number);
    let prevF = 0;
    for (let l = 0; l < L; l++) {
      const z = Array.from({ length: w[l + 1] }, (_, i) => {
        let a = net.b[l][i];
        for (let j = 0; j < w[l]; j++) a += net.W[l][i * w[l] + j] * h[j];
        if (l >= 1 && net.psiMode !== 'none') a += net.psi[l - 1][i] * prevF;
        return a;
      });
      if (l === L - 1) {
        out.set(z, s * w[L]);
        break;
      }
      const r = Math.sqrt(Math.abs(net.o[l] + z.reduce((a, v) => a + v * v, 0)));
      const ao = Math.abs(net.o[l]);
      prevF = r > net.epsilon ? Math.tanh(r) / r : ao > 0.01 ? Math.tanh(Math.sqrt(ao)) / Math.sqrt(ao) : 1;
      h = z.map((v) => v * prevF);
    }
  }
  return out;
}

/** max |a − b|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
}

/** Three Gaussian blobs in d dimensions (class k centred at 2·e_k), seeded: an easy task. */
export function blobs(d: number, nTrain: number, nTest: number, seed = 3): Dataset {
  const rng = createRng(seed);
  const split = (n: number) => {
    const x = new Float32Array(n * d);
    const y = new Int32Array(n);
    for (let s = 0; s < n; s++) {
      y[s] = s % 3;
      for (let k = 0; k < d; k++) x[s * d + k] = 0.7 * rng.normal() + (k === y[s] ? 2 : 0);
    }
    return { n, x, y };
  };
  return { name: 'blobs', dIn: d, nClasses: 3, train: split(nTrain), test: split(nTest) };
}
