import type { Csr, Layer, LayeredModel } from '../core/sparse-model.js';
import { csrFromTriplets, Triplets } from '../core/csr-build.js';
import type { IsoMlp } from '../core/isotropic-mlp.js';
import { ConfigError, prefix } from '../errors.js';

const where = prefix('isotropic export');

/** Weights with |w| > threshold of a rows×cols row-major matrix, as CSR. */
function keptCsr(W: Float32Array, rows: number, cols: number, threshold: number): Csr {
  const t = new Triplets();
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const w = W[i * cols + j];
      if (Math.abs(w) > threshold) t.push(i, j, w);
    }
  }
  return csrFromTriplets(rows, cols, t.rows(), t.cols(), t.values());
}

/**
 * An isotropic MLP as the layered sparse form: the MLP embedded in a URN (neurons numbered
 * layer by layer, S = Σ widths, I = weight layers, rule 'plain'), one layer per weight layer
 * with its kept weights (|w| > threshold; a diagonalised layer keeps only its diagonal), its
 * bias, ψ and activation (isotropic tanh with the layer's o on hidden layers, identity on the
 * logits). Runs in the TF-free runtime; certify it with `certifyIsotropic`.
 *
 * ```ts
 * diagonaliseFull(net, 1);
 * const model = toLayeredIsotropic(net, 0);
 * predict(model, x, n); // = the MLP's logits to float32 rounding
 * ```
 */
export function toLayeredIsotropic(net: IsoMlp, threshold = 0, seed = 0): LayeredModel {
  if (!(threshold >= 0) || !Number.isFinite(threshold)) throw new ConfigError(where(`threshold must be a finite number ≥ 0, got ${threshold}.`));
  const w = net.widths;
  const I = w.length - 1;
  const S = w.reduce((a, b) => a + b, 0);
  let first = w[0];
  const layers: Layer[] = [];
  for (let t = 1; t <= I; t++) {
    const n = w[t];
    const L: Layer = {
      neurons: Int32Array.from({ length: n }, (_, u) => first + u),
      bias: Float32Array.from(net.b[t - 1]),
      offset: new Float32Array(n),
      pre: [{ from: t - 1, matrix: keptCsr(net.W[t - 1], n, w[t - 1], threshold) }],
      skip: [],
      activation: t < I ? { kind: 'isotropic-tanh', o: net.o[t - 1], epsilon: net.epsilon } : { kind: 'identity' },
    };
    const psi = t >= 2 ? net.psi[t - 2] : undefined;
    if (psi && net.psiMode !== 'none' && psi.some((p) => p !== 0)) L.psi = Float32Array.from(psi);
    layers.push(L);
    first += n;
  }
  const dOut = w[I];
  return {
    form: 'layered',
    config: { S, I, dIn: w[0], dOut, rule: 'plain', activation: 'tanh', seed },
    threshold,
    layers,
    outLayer: new Int32Array(dOut).fill(I),
    outUnit: Int32Array.from({ length: dOut }, (_, k) => k),
    outOffset: new Float32Array(dOut),
  };
}

/**
 * Nonzero weights of a network (biases, ψ and o excluded) and of its dense form (Σ m·n).
 *
 * ```ts
 * const { nonzero, dense } = weightCounts(net); // share = nonzero / dense
 * ```
 */
export function weightCounts(net: IsoMlp): { nonzero: number; dense: number; share: number } {
  let nonzero = 0;
  let dense = 0;
  for (const W of net.W) {
    dense += W.length;
    for (let k = 0; k < W.length; k++) if (W[k] !== 0) nonzero++;
  }
  return { nonzero, dense, share: nonzero / dense };
}
