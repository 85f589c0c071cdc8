import type { Matrix } from 'ml-matrix';
import type { IsoMlp, IsoMoments, IsoParamSet } from '../../core/isotropic-mlp.js';
import { mulLeft, mulRightT } from './linalg.js';

/** The parameter arrays a rotation or resize touches. */
type Arrays = Pick<IsoParamSet, 'W' | 'b' | 'psi'>;

/**
 * Re-express hidden layer `j` (the output of weight layer j) in a rotated basis, new = U·old,
 * which leaves the function unchanged because the isotropic activation commutes with U:
 * W[j] ← U·W[j], b[j] ← U·b[j], ψ[j-1] ← U·ψ[j-1], W[j+1] ← W[j+1]·Uᵀ. Adam's first moment
 * turns the same way, exactly; its second moment with the squared entries of U (the diagonal of
 * U·diag(v)·Uᵀ), as Bird's reference code does. In place.
 *
 * ```ts
 * rotateHidden(net, moments, 0, Rt); // Rt: widths[1]×widths[1] orthogonal
 * ```
 */
export function rotateHidden(net: IsoMlp, moments: IsoMoments | null, j: number, U: Matrix): void {
  const n = net.widths[j + 1];
  const turn = (p: Arrays, square: boolean) => {
    p.W[j] = mulLeft(U, p.W[j], n, net.widths[j], square);
    p.b[j] = mulLeft(U, p.b[j], n, 1, square);
    if (j >= 1) p.psi[j - 1] = mulLeft(U, p.psi[j - 1], n, 1, square);
    p.W[j + 1] = mulRightT(U, p.W[j + 1], net.widths[j + 2], n, square);
  };
  turn(net, false);
  if (moments) {
    turn(moments.m, false);
    turn(moments.v, true);
  }
}

/**
 * Resize hidden layer `j` to `keep` neurons (the first ones) plus `add` new ones with zero
 * incoming row, bias and ψ; their outgoing columns come from `outgoing(rowOfNextLayer)`.
 * Adam's moments of new entries are zero. In place.
 *
 * ```ts
 * resizeHidden(net, null, 0, net.widths[1], 1, () => 0); // one scaffold neuron
 * ```
 */
export function resizeHidden(
  net: IsoMlp,
  moments: IsoMoments | null,
  j: number,
  keep: number,
  add: number,
  outgoing: (row: number) => number,
): void {
  const n = net.widths[j + 1];
  const nIn = net.widths[j];
  const nOut = net.widths[j + 2];
  const m = keep + add;
  const resize = (p: Arrays, fill: (row: number) => number) => {
    const W = new Float32Array(m * nIn);
    W.set(p.W[j].subarray(0, keep * nIn));
    p.W[j] = W;
    const b = new Float32Array(m);
    b.set(p.b[j].subarray(0, keep));
    p.b[j] = b;
    if (j >= 1) {
      const psi = new Float32Array(m);
      psi.set(p.psi[j - 1].subarray(0, keep));
      p.psi[j - 1] = psi;
    }
    const next = new Float32Array(nOut * m);
    for (let r = 0; r < nOut; r++) {
      next.set(p.W[j + 1].subarray(r * n, r * n + keep), r * m);
      for (let c = keep; c < m; c++) next[r * m + c] = fill(r);
    }
    p.W[j + 1] = next;
  };
  resize(net, outgoing);
  if (moments) {
    resize(moments.m, () => 0);
    resize(moments.v, () => 0);
  }
  net.widths[j + 1] = m;
}
