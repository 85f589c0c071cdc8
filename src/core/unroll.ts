import type { UrnConfig } from './config.js';
import { ShapeError, prefix } from '../errors.js';
import type { Csr } from './csr.js';
import { phiOfNeuron } from './phi.js';
import { ROLE_INPUT, ROLE_OUTPUT, nodeRoles, persistSource } from './roles.js';

const where = prefix('unroll');

/**
 * The parts of a config the unrolled computation depends on.
 *
 * ```ts
 * const cfg: UnrollConfig = { S: 22, I: 3, dIn: 10, dOut: 2, rule: 'plain', activation: 'relu' };
 * ```
 */
export type UnrollConfig = Pick<UrnConfig, 'S' | 'I' | 'dIn' | 'dOut' | 'rule' | 'activation' | 'readout'>;

/**
 * Options of `unroll`.
 *
 * ```ts
 * unroll(csr, cfg, { bias: snap.b, cut: deadPairs(snap.activity!, cfg) });
 * ```
 */
export interface UnrollOptions {
  /** Bias of each CSR node (length n), for the constants and folded biases; default all 0. */
  bias?: ArrayLike<number>;
  /**
   * Pairs (index t·n + i, t ≥ 1) to treat as the constant 0 when they would depend on the input:
   * pairs that were exactly 0 on every sample (see `deadPairs`), or pairs already known not to be
   * live. A flagged pair that is input-independent anyway keeps its computed constant.
   */
  cut?: Uint8Array;
  /**
   * How far output relevance reaches back. `'live'` (default): only through input-dependent
   * pairs, since a constant folds into the bias of the pair it feeds (the layered form, the
   * analysis). `'through-constants'`: also through constant pairs and into their predecessors,
   * for a form that recomputes constants from their own inputs (the replay form).
   */
  relevance?: 'live' | 'through-constants';
}

/**
 * The URN unrolled over its I iterations: one entry per pair (node i, iteration t), at index
 * `t * n + i`, t = 0..I. Pair (i, t) has edges from (j, t−1) for every synapse j → i in the CSR;
 * under `residual-output` an output also has the identity edge (o, t−1) → (o, t) (its value is
 * carried and φ(·) is added); under `residual-input` an input pair (i, t ≥ 1) holds x_i + φ(·),
 * so it depends on the input at every iteration.
 *
 * - `reachable`: the pair depends on the input x (forward reachability from the inputs at t = 0
 *   and from the re-injected inputs). Every other pair is a constant, in `constant`.
 * - `relevant`: the pair feeds the read-out, the outputs at t = I, through input-dependent pairs
 *   only (or through every pair, with `relevance: 'through-constants'`). A relevant constant is
 *   one that is folded into a live pair's bias. Under `residual-input` a live input pair also
 *   marks (i, 0) relevant: it re-uses x_i. What persists across φ is `persistSource`'s rule.
 * - `live` = reachable ∧ relevant: the emergent network.
 *
 * A live pair (i, t ≥ 1) computes, exactly,
 * `N_i^(t) = φ(Σ_{j live at t−1} W_ij N_j^(t−1) + foldedBias) + foldedOffset`
 * plus N_o^(t−1) for a `residual-output` output whose (o, t−1) is live, plus x_i for a
 * `residual-input` input. Every predecessor of a live pair is live or constant.
 *
 * ```ts
 * const u: Unrolled = unroll(csr, cfg, { bias: snap.b }); u.livePerIteration;
 * ```
 */
export interface Unrolled {
  /** Nodes and iterations: arrays below have (I + 1)·n entries. */
  n: number;
  I: number;
  reachable: Uint8Array;
  relevant: Uint8Array;
  live: Uint8Array;
  /** Value of every pair that does not depend on the input, in float64; 0 where reachable. */
  constant: Float64Array;
  /** For reachable pairs with t ≥ 1: b_i + Σ_{j constant at t−1} W_ij · constant(j, t−1); NaN elsewhere. */
  foldedBias: Float64Array;
  /** For reachable residual-output outputs whose (o, t−1) is a constant: that constant; else 0. */
  foldedOffset: Float64Array;
  /** Live pairs at each iteration t = 0..I. */
  livePerIteration: number[];
  /** Pairs that `cut` turned from input-dependent into the constant 0. */
  cutPairs: number;
}

/**
 * Unroll the URN of a CSR: input reachability, output relevance, live pairs, the constants of
 * input-independent pairs and the biases they fold into. O(I · edges) time. A CSR without
 * `neuron` ids is taken over dense neurons 0..S-1.
 *
 * ```ts
 * const csr = csrFromDense(snap.W, cfg.S, 1e-3);
 * const u = unroll(csr, cfg, { bias: snap.b });
 * u.live[cfg.I * csr.rows + (cfg.S - 1)]; // 1 when the last output depends on the input
 * ```
 */
export function unroll(csr: Csr, cfg: UnrollConfig, options: UnrollOptions = {}): Unrolled {
  const n = csr.rows;
  const P = (cfg.I + 1) * n;
  const bias = options.bias ?? new Float64Array(n);
  if (bias.length !== n) throw new ShapeError(where(`bias must have one entry per node (${n}), got ${bias.length}.`));
  if (options.cut && options.cut.length !== P) throw new ShapeError(where(`cut must have (I+1)·n = ${P} entries, got ${options.cut.length}.`));
  const roles = nodeRoles(csr, cfg);
  const fwd = forward(csr, cfg, roles, bias, options.cut);
  const relevant = backward(csr, cfg, roles, fwd.reachable, options.relevance ?? 'live');
  const live = new Uint8Array(P);
  const livePerIteration = new Array<number>(cfg.I + 1).fill(0);
  for (let p = 0; p < P; p++) {
    if (fwd.reachable[p] && relevant[p]) {
      live[p] = 1;
      livePerIteration[Math.floor(p / n)]++;
    }
  }
  return { n, I: cfg.I, relevant, live, livePerIteration, ...fwd };
}

type Forward = Pick<Unrolled, 'reachable' | 'constant' | 'foldedBias' | 'foldedOffset' | 'cutPairs'>;

/** Forward sweep: which pairs depend on x, the constants of the others and the folded biases. */
function forward(csr: Csr, cfg: UnrollConfig, roles: Uint8Array, bias: ArrayLike<number>, cut?: Uint8Array): Forward {
  const n = csr.rows;
  const P = (cfg.I + 1) * n;
  const { rowPtr, colIdx, values } = csr;
  const [phiHidden, phiOut] = [phiOfNeuron(cfg, false), phiOfNeuron(cfg, true)];
  const reachable = new Uint8Array(P);
  const constant = new Float64Array(P);
  const foldedBias = new Float64Array(P).fill(NaN);
  const foldedOffset = new Float64Array(P);
  let cutPairs = 0;
  for (let i = 0; i < n; i++) if (roles[i] === ROLE_INPUT) reachable[i] = 1;
  for (let t = 1; t <= cfg.I; t++) {
    const cur = t * n;
    const prev = cur - n;
    for (let i = 0; i < n; i++) {
      const src = persistSource(cfg.rule, roles[i], i, t, n);
      let r = src >= 0 && reachable[src] === 1;
      let z = bias[i];
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
        const j = prev + colIdx[k];
        if (reachable[j]) r = true;
        else z += values[k] * constant[j];
      }
      if (r && cut && cut[cur + i]) {
        cutPairs++;
      } else if (r) {
        reachable[cur + i] = 1;
        foldedBias[cur + i] = z;
        if (src >= 0 && !reachable[src]) foldedOffset[cur + i] = constant[src];
      } else {
        constant[cur + i] = (roles[i] === ROLE_OUTPUT ? phiOut : phiHidden)(z) + (src >= 0 ? constant[src] : 0);
      }
    }
  }
  return { reachable, constant, foldedBias, foldedOffset, cutPairs };
}

/** Backward sweep from the outputs at t = I: the pairs the read-out depends on. */
function backward(csr: Csr, cfg: UnrollConfig, roles: Uint8Array, reachable: Uint8Array, mode: 'live' | 'through-constants'): Uint8Array {
  const n = csr.rows;
  const relevant = new Uint8Array((cfg.I + 1) * n);
  for (let i = 0; i < n; i++) if (roles[i] === ROLE_OUTPUT) relevant[cfg.I * n + i] = 1;
  for (let t = cfg.I; t >= 1; t--) {
    const cur = t * n;
    const prev = cur - n;
    for (let i = 0; i < n; i++) {
      if (!relevant[cur + i] || (mode === 'live' && !reachable[cur + i])) continue;
      for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) relevant[prev + csr.colIdx[k]] = 1;
      const src = persistSource(cfg.rule, roles[i], i, t, n);
      if (src >= 0) relevant[src] = 1;
    }
  }
  return relevant;
}

/**
 * Edges of the CSR that carry a live value at some iteration: (j, t−1) and (i, t) both live.
 * The others only carry constants (already folded into `foldedBias`) or nothing relevant.
 *
 * ```ts
 * const liveEdge = liveEdges(csr, unroll(csr, cfg)); // Uint8Array, one flag per CSR edge
 * ```
 */
export function liveEdges(csr: Csr, u: Unrolled): Uint8Array {
  const { n, I, live } = u;
  const flags = new Uint8Array(csr.colIdx.length);
  for (let t = 1; t <= I; t++) {
    const cur = t * n;
    const prev = cur - n;
    for (let i = 0; i < n; i++) {
      if (!live[cur + i]) continue;
      for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) if (live[prev + csr.colIdx[k]]) flags[k] = 1;
    }
  }
  return flags;
}
