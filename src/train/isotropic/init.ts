import { Matrix, QrDecomposition } from 'ml-matrix';
import { ConfigError, prefix } from '../../errors.js';
import { createRng, deriveSeed, type Rng } from '../../util/rng.js';
import { INTRINSIC_LENGTHS, PSI_MODES, type IntrinsicLength, type IsoMlp, type IsoMoments, type IsoParamSet, type PsiMode } from '../../core/isotropic-mlp.js';

const where = prefix('isotropic');

/** Options of `createIsoMlp`. */
export interface IsoMlpOptions {
  /** [dIn, hidden..., dOut], at least one hidden layer. */
  widths: number[];
  oMode: IntrinsicLength;
  /** Initial o of every hidden layer when oMode is not 'zero' (paper: 1e-6). */
  oInit: number;
  psiMode: PsiMode;
  epsilon: number;
  seed: number;
}

export const ISO_MLP_DEFAULTS: Omit<IsoMlpOptions, 'widths'> = { oMode: 'trainable', oInit: 1e-6, psiMode: 'trainable', epsilon: 1e-3, seed: 0 };

/**
 * A rows×cols matrix with orthonormal rows or columns (whichever are fewer), as torch's
 * `nn.init.orthogonal_`: QR of a seeded Gaussian matrix, signs fixed by R's diagonal.
 *
 * ```ts
 * const W = orthogonal(100, 784, createRng(1));
 * ```
 */
export function orthogonal(rows: number, cols: number, rng: Rng): Float32Array {
  const tall = rows >= cols;
  const r = tall ? rows : cols;
  const c = tall ? cols : rows;
  const g = new Matrix(r, c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) g.set(i, j, rng.normal());
  const qr = new QrDecomposition(g);
  const Q = qr.orthogonalMatrix;
  const R = qr.upperTriangularMatrix;
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const v = Q.get(i, j) * (R.get(j, j) < 0 ? -1 : 1);
      out[tall ? i * cols + j : j * cols + i] = v;
    }
  }
  return out;
}

/**
 * A new isotropic MLP: orthogonal weights, zero biases and ψ, o = 0 or `oInit` (Experiment 1's
 * initialisation), seeded.
 *
 * ```ts
 * const net = createIsoMlp({ widths: [784, 100, 100, 10], seed: 3 });
 * ```
 */
export function createIsoMlp(options: Partial<IsoMlpOptions> & Pick<IsoMlpOptions, 'widths'>): IsoMlp {
  const o = { ...ISO_MLP_DEFAULTS, ...options };
  const w = o.widths;
  if (!Array.isArray(w) || w.length < 3 || !w.every((x) => Number.isInteger(x) && x >= 1)) {
    throw new ConfigError(where(`widths must be ≥ 3 positive integers (input, hidden…, output), got ${String(w)}.`));
  }
  if (!INTRINSIC_LENGTHS.includes(o.oMode)) throw new ConfigError(where(`unknown intrinsic length '${o.oMode}'. Use ${INTRINSIC_LENGTHS.join(', ')}.`));
  if (!PSI_MODES.includes(o.psiMode)) throw new ConfigError(where(`unknown psi mode '${o.psiMode}'. Use ${PSI_MODES.join(', ')}.`));
  if (o.oMode !== 'zero' && !(o.oInit > 0)) throw new ConfigError(where(`oInit must be > 0 with o '${o.oMode}', got ${o.oInit}.`));
  if (!(o.epsilon > 0)) throw new ConfigError(where(`epsilon must be > 0, got ${o.epsilon}.`));
  const layers = w.length - 1;
  return {
    widths: [...w],
    W: Array.from({ length: layers }, (_, l) => orthogonal(w[l + 1], w[l], createRng(deriveSeed(o.seed, l)))),
    b: Array.from({ length: layers }, (_, l) => new Float32Array(w[l + 1])),
    psi: Array.from({ length: layers - 1 }, (_, l) => new Float32Array(w[l + 2])),
    o: Array.from({ length: layers - 1 }, () => (o.oMode === 'zero' ? 0 : o.oInit)),
    oMode: o.oMode,
    psiMode: o.psiMode,
    epsilon: o.epsilon,
  };
}

/** A deep copy of a network. */
export function cloneIsoMlp(net: IsoMlp): IsoMlp {
  return { ...net, widths: [...net.widths], W: net.W.map((a) => a.slice()), b: net.b.map((a) => a.slice()), psi: net.psi.map((a) => a.slice()), o: [...net.o] };
}

/** Zero Adam moments shaped like a network. */
export function zeroMoments(net: IsoMlp): IsoMoments {
  const zeros = (): IsoParamSet => ({
    W: net.W.map((a) => new Float32Array(a.length)),
    b: net.b.map((a) => new Float32Array(a.length)),
    psi: net.psi.map((a) => new Float32Array(a.length)),
    logO: net.o.map(() => 0),
  });
  return { t: 0, m: zeros(), v: zeros() };
}
