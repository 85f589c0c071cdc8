import type { UrnConfig } from './config.js';
import type { ActivityStats } from './snapshot.js';
import { ShapeError, prefix } from '../errors.js';
import type { TopologyCsr } from './csr.js';
import { phiOf } from './phi.js';

const where = prefix('topology unroll');

/**
 * The parts of a config the unrolled computation depends on.
 *
 * ```ts
 * const cfg: UnrollConfig = { S: 22, I: 3, dIn: 10, dOut: 2, rule: 'plain', activation: 'relu' };
 * ```
 */
export type UnrollConfig = Pick<UrnConfig, 'S' | 'I' | 'dIn' | 'dOut' | 'rule' | 'activation'>;

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
 *   only. A relevant constant is one that is folded into a live pair's bias. Under
 *   `residual-input` a live input pair also marks (i, 0) relevant: it re-uses x_i.
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
 * Role flags of CSR nodes under a config: 1 for inputs, 2 for outputs, 0 for hidden neurons.
 *
 * ```ts
 * const roles = nodeRoles(csr, cfg); roles[0]; // 1: neuron 0 is an input
 * ```
 */
export function nodeRoles(csr: Pick<TopologyCsr, 'neuron'>, cfg: Pick<UrnConfig, 'S' | 'dIn' | 'dOut'>): Uint8Array {
  const roles = new Uint8Array(csr.neuron.length);
  for (let c = 0; c < roles.length; c++) {
    const id = csr.neuron[c];
    if (id < 0 || id >= cfg.S) throw new ShapeError(where(`node ${c} is neuron ${id}, outside 0..S-1 (S = ${cfg.S}).`));
    roles[c] = id < cfg.dIn ? 1 : id >= cfg.S - cfg.dOut ? 2 : 0;
  }
  return roles;
}

/**
 * Pairs that were exactly 0 on every sample of the activity statistics (maxAbs = 0), for t ≥ 1,
 * over dense neurons (n = S): the `cut` of `unroll` for a CSR built from the dense W.
 *
 * ```ts
 * const u = unroll(csr, cfg, { bias: snap.b, cut: deadPairs(snap.activity!, cfg) });
 * ```
 */
export function deadPairs(activity: ActivityStats, cfg: Pick<UrnConfig, 'S' | 'I'>): Uint8Array {
  const { S, I } = cfg;
  if (activity.maxAbs.length !== (I + 1) * S) {
    throw new ShapeError(where(`activity must have (I+1)·S = ${(I + 1) * S} entries, got ${activity.maxAbs.length}.`));
  }
  const dead = new Uint8Array((I + 1) * S);
  for (let p = S; p < dead.length; p++) if (activity.maxAbs[p] === 0) dead[p] = 1;
  return dead;
}

/**
 * Unroll the URN of a CSR: input reachability, output relevance, live pairs, the constants of
 * input-independent pairs and the biases they fold into. O(I · edges) time.
 *
 * ```ts
 * const csr = csrFromDense(snap.W, cfg.S, 1e-3);
 * const u = unroll(csr, cfg, { bias: snap.b });
 * u.live[cfg.I * csr.rows + (cfg.S - 1)]; // 1 when the last output depends on the input
 * ```
 */
export function unroll(csr: TopologyCsr, cfg: UnrollConfig, options: UnrollOptions = {}): Unrolled {
  const n = csr.rows;
  const { I } = cfg;
  const { rowPtr, colIdx, values } = csr;
  const bias = options.bias ?? new Float64Array(n);
  if (bias.length !== n) throw new ShapeError(where(`bias must have one entry per node (${n}), got ${bias.length}.`));
  const cut = options.cut;
  const P = (I + 1) * n;
  if (cut && cut.length !== P) throw new ShapeError(where(`cut must have (I+1)·n = ${P} entries, got ${cut.length}.`));
  const roles = nodeRoles(csr, cfg);
  const resOut = cfg.rule === 'residual-output';
  const resIn = cfg.rule === 'residual-input';
  const phi = phiOf(cfg.activation);
  const reachable = new Uint8Array(P);
  const relevant = new Uint8Array(P);
  const constant = new Float64Array(P);
  const foldedBias = new Float64Array(P).fill(NaN);
  const foldedOffset = new Float64Array(P);
  let cutPairs = 0;
  for (let i = 0; i < n; i++) if (roles[i] === 1) reachable[i] = 1;

  for (let t = 1; t <= I; t++) {
    const cur = t * n;
    const prev = cur - n;
    for (let i = 0; i < n; i++) {
      const carry = resOut && roles[i] === 2;
      let r = (resIn && roles[i] === 1) || (carry && reachable[prev + i] === 1);
      let z = bias[i];
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
        const j = prev + colIdx[k];
        if (reachable[j]) r = true;
        else z += values[k] * constant[j];
      }
      if (r && cut && cut[cur + i]) {
        cutPairs++;
        r = false;
        constant[cur + i] = 0;
        continue;
      }
      if (r) {
        reachable[cur + i] = 1;
        foldedBias[cur + i] = z;
        if (carry && !reachable[prev + i]) foldedOffset[cur + i] = constant[prev + i];
      } else {
        constant[cur + i] = phi(z) + (carry ? constant[prev + i] : 0);
      }
    }
  }

  for (let i = 0; i < n; i++) if (roles[i] === 2) relevant[I * n + i] = 1;
  for (let t = I; t >= 1; t--) {
    const cur = t * n;
    const prev = cur - n;
    for (let i = 0; i < n; i++) {
      if (!relevant[cur + i] || !reachable[cur + i]) continue;
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) relevant[prev + colIdx[k]] = 1;
      if (resOut && roles[i] === 2) relevant[prev + i] = 1;
      if (resIn && roles[i] === 1) relevant[i] = 1;
    }
  }

  const live = new Uint8Array(P);
  const livePerIteration = new Array<number>(I + 1).fill(0);
  for (let t = 0; t <= I; t++) {
    let c = 0;
    for (let p = t * n; p < (t + 1) * n; p++) {
      if (reachable[p] && relevant[p]) {
        live[p] = 1;
        c++;
      }
    }
    livePerIteration[t] = c;
  }
  return { n, I, reachable, relevant, live, constant, foldedBias, foldedOffset, livePerIteration, cutPairs };
}

/**
 * Edges of the CSR that carry a live value at some iteration: (j, t−1) and (i, t) both live.
 * The others only carry constants (already folded into `foldedBias`) or nothing relevant.
 *
 * ```ts
 * const liveEdge = liveEdges(csr, unroll(csr, cfg)); // Uint8Array, one flag per CSR edge
 * ```
 */
export function liveEdges(csr: TopologyCsr, u: Unrolled): Uint8Array {
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
