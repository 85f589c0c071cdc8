import type { UrnConfig } from './config.js';
import type { Csr } from './sparse-model.js';
import { phiOf } from './phi.js';

/**
 * The unrolled URN over kept synapses: one flag pair per (neuron i, iteration t), index `t*S + i`,
 * t = 0..I.
 */
export interface Unrolled {
  S: number;
  I: number;
  /** 1 where the pair depends on the input x (forward reachability from the inputs). */
  dep: Uint8Array;
  /** 1 where the pair can reach an output at the read-out step I (backward reachability). */
  need: Uint8Array;
  /** The value of every pair with dep = 0 (input-independent), in float64; 0 where dep = 1. */
  constant: Float64Array;
}

/**
 * Persistence source of pair (i, t ≥ 1) under the update rule: the pair whose value is added after
 * φ, as `t'*S + i`, or -1. residual-output: (o, t-1) for outputs; residual-input: (i, 0) = x_i.
 *
 * ```ts
 * persistSource(cfg, cfg.S - 1, 2); // S + S - 1 under residual-output: (o, 1)
 * ```
 */
export function persistSource(cfg: Pick<UrnConfig, 'S' | 'dIn' | 'dOut' | 'rule'>, i: number, t: number): number {
  if (cfg.rule === 'residual-output' && i >= cfg.S - cfg.dOut) return (t - 1) * cfg.S + i;
  if (cfg.rule === 'residual-input' && i < cfg.dIn) return i;
  return -1;
}

/**
 * Forward reachability from the inputs, backward reachability from the outputs and the
 * constant values of input-independent pairs, across the I iterations (edges (j, t-1) → (i, t)
 * for every kept synapse j → i, plus the persistence edges of the residual rules).
 *
 * Unlike `unroll` in `src/topology/unroll.ts` (which the layered form uses, and which folds
 * constants, so relevance stops at them), `need` also propagates through constant pairs: the
 * replay form recomputes constants from their own predecessors, so it must keep those too.
 * On input-dependent pairs the two agree: `dep = reachable` and `need ∧ dep = live`.
 *
 * ```ts
 * const u = unrollKept(snapshot.config, snapshot.b, keptSynapses(snapshot, 1e-3));
 * u.need[u.I * u.S + outputNeuron]; // 1
 * ```
 */
export function unrollKept(cfg: UrnConfig, b: Float32Array, kept: Csr): Unrolled {
  const { S, I, dIn, dOut } = cfg;
  const { rowPtr, colIdx, values } = kept;
  const P = (I + 1) * S;
  const dep = new Uint8Array(P);
  const need = new Uint8Array(P);
  const constant = new Float64Array(P);
  const phi = phiOf(cfg.activation);
  for (let i = 0; i < dIn; i++) dep[i] = 1;
  for (let t = 1; t <= I; t++) {
    const cur = t * S;
    const prev = cur - S;
    for (let i = 0; i < S; i++) {
      let d = 0;
      for (let k = rowPtr[i]; k < rowPtr[i + 1] && !d; k++) d = dep[prev + colIdx[k]];
      const src = persistSource(cfg, i, t);
      if (src >= 0 && dep[src]) d = 1;
      dep[cur + i] = d;
      if (d) continue;
      // Every in-neighbour and the persistence source are constants here.
      let z = b[i];
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) z += values[k] * constant[prev + colIdx[k]];
      constant[cur + i] = phi(z) + (src >= 0 ? constant[src] : 0);
    }
  }
  for (let o = S - dOut; o < S; o++) need[I * S + o] = 1;
  for (let t = I; t >= 1; t--) {
    const cur = t * S;
    const prev = cur - S;
    for (let i = 0; i < S; i++) {
      if (!need[cur + i]) continue;
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) need[prev + colIdx[k]] = 1;
      const src = persistSource(cfg, i, t);
      if (src >= 0) need[src] = 1;
    }
  }
  return { S, I, dep, need, constant };
}
