import { ConfigError, prefix } from '../../errors.js';
import type { IsoMlp, IsoMoments } from '../../core/isotropic-mlp.js';
import { hiddenCount } from '../../core/isotropic-mlp.js';
import { svdFull } from './linalg.js';
import { rotateHidden } from './rotate.js';

const where = prefix('isotropic');

/**
 * Throw `ConfigError` unless `layer` is a weight layer whose output is a hidden layer
 * (0 ≤ layer < hidden count), or, with `full`, also has a hidden layer before it (layer ≥ 1).
 *
 * ```ts
 * checkLayer(net, 1, true);
 * ```
 */
export function checkLayer(net: IsoMlp, layer: number, full = false): void {
  const lo = full ? 1 : 0;
  const hi = hiddenCount(net) - 1;
  if (!Number.isInteger(layer) || layer < lo || layer > hi) {
    throw new ConfigError(where(`layer must be an integer in [${lo}, ${hi}] for ${full ? 'full diagonalisation' : 'this operation'} of a ${net.widths.join('–')} network, got ${layer}. Pick a weight layer that feeds a hidden layer${full ? ' and reads one' : ''}.`));
  }
}

/**
 * The singular value of each neuron of hidden layer `layer` in its diagonal basis: the
 * min(m, n) singular values of W[layer] (m×n), descending, then zeros for the m − n neurons a
 * wide layer has beyond its input's rank.
 *
 * ```ts
 * neuronSingularValues(net, 0).filter((s) => s <= 0.1).length; // scaffold neurons
 * ```
 */
export function neuronSingularValues(net: IsoMlp, layer: number): Float64Array {
  const m = net.widths[layer + 1];
  const out = new Float64Array(m);
  out.set(svdFull(net.W[layer], m, net.widths[layer]).sigma);
  return out;
}

/**
 * Left-partial diagonalisation of weight layer `layer` (W = R·L·Qᵀ): W ← L·Qᵀ, b ← Rᵀ·b,
 * ψ into it ← Rᵀ·ψ, next layer W ← W·R, and Adam's state turned the same way. Neurons of the
 * hidden layer are then ordered by singular value. The function is unchanged (to rounding).
 *
 * ```ts
 * diagonaliseLeft(net, 0, moments);
 * ```
 */
export function diagonaliseLeft(net: IsoMlp, layer: number, moments: IsoMoments | null = null): Float64Array {
  checkLayer(net, layer);
  const m = net.widths[layer + 1];
  const n = net.widths[layer];
  const { R, sigma, QT } = svdFull(net.W[layer], m, n);
  rotateHidden(net, moments, layer, R.transpose());
  const W = new Float32Array(m * n);
  const qt = QT.to1DArray();
  for (let i = 0; i < sigma.length; i++) for (let c = 0; c < n; c++) W[i * n + c] = sigma[i] * qt[i * n + c];
  net.W[layer] = W;
  return sigma;
}

/**
 * Full diagonalisation of a middle weight layer: W ← L (exactly diagonal), b ← Rᵀ·b, and the
 * hidden layer before it turned by Qᵀ (W[layer-1] ← Qᵀ·W[layer-1], b[layer-1] ← Qᵀ·b[layer-1],
 * its ψ too), next layer W ← W·R; Adam's state turned the same way. Neurons then connect one
 * to one across this layer, ordered by singular value.
 *
 * ```ts
 * diagonaliseFull(net, 1, moments); // net.W[1] is now diagonal
 * ```
 */
export function diagonaliseFull(net: IsoMlp, layer: number, moments: IsoMoments | null = null): Float64Array {
  checkLayer(net, layer, true);
  const m = net.widths[layer + 1];
  const n = net.widths[layer];
  const { R, sigma, QT } = svdFull(net.W[layer], m, n);
  rotateHidden(net, moments, layer, R.transpose());
  rotateHidden(net, moments, layer - 1, QT);
  const W = new Float32Array(m * n);
  for (let i = 0; i < sigma.length; i++) W[i * n + i] = sigma[i];
  net.W[layer] = W;
  return sigma;
}

/**
 * Fully diagonalise every other middle layer (1, 3, 5, …): the most layers that can be diagonal
 * at once, since diagonalising layer l makes layers l ± 1 dense. For a deep network of equal
 * widths this halves the weights: the paper's asymptotic 50% sparsity.
 *
 * ```ts
 * diagonaliseAlternate(net); // layers 1, 3, … are diagonal
 * ```
 */
export function diagonaliseAlternate(net: IsoMlp, moments: IsoMoments | null = null): number[] {
  const done: number[] = [];
  for (let l = 1; l < hiddenCount(net); l += 2) {
    diagonaliseFull(net, l, moments);
    done.push(l);
  }
  return done;
}
