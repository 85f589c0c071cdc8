import { ConfigError, prefix } from '../../errors.js';
import type { UrnConfig } from '../../core/config.js';
import type { Rng } from '../../util/rng.js';

/** Miconi's (v2) reserve-neuron parameters; defaults from DiffRNN's rnn.py. */
export interface ReserveOptions {
  /** T_D: a hidden neuron whose outgoing norm is below it is sub-threshold. */
  threshold: number;
  /** k: sub-threshold (reserve) neurons kept. */
  margin: number;
  /** Probability per cycle of adding a neuron when fewer than k are sub-threshold. */
  pAdd: number;
  /** Probability per cycle that each sub-threshold neuron beyond k is deleted. */
  pDel: number;
  /** Probability per cycle of adding a neuron anyway. */
  pSpontaneous: number;
  /** Most hidden neurons (rnn.py: additions stop at 99). */
  maxHidden: number;
}

export const RESERVE_DEFAULTS: ReserveOptions = { threshold: 0.05, margin: 1, pAdd: 0.01, pDel: 0.05, pSpontaneous: 1e-4, maxHidden: 100 };

const where = prefix('grow-reserve');

/**
 * Validate reserve options (throws `ConfigError`).
 *
 * ```ts
 * checkReserve({ ...RESERVE_DEFAULTS, pAdd: 0.1 });
 * ```
 */
export function checkReserve(o: ReserveOptions): void {
  for (const k of ['pAdd', 'pDel', 'pSpontaneous'] as const) {
    if (!(o[k] >= 0 && o[k] <= 1)) throw new ConfigError(where(`${k} must be a probability in [0, 1], got ${o[k]}.`));
  }
  if (!(o.threshold > 0)) throw new ConfigError(where(`threshold must be > 0, got ${o.threshold}.`));
  if (!Number.isInteger(o.margin) || o.margin < 0) throw new ConfigError(where(`margin must be an integer ≥ 0, got ${o.margin}.`));
  if (!Number.isInteger(o.maxHidden) || o.maxHidden < 1) throw new ConfigError(where(`maxHidden must be an integer ≥ 1, got ${o.maxHidden}.`));
}

/**
 * Each hidden neuron's outgoing norm (Miconi v2), in hidden order:
 * normz_j = ½·(Σ_{o output} |W_oj| + dOut·Σ_{i not output} |W_ij| / H), with H hidden neurons.
 * (rnn.py has dOut = 4 outputs and counts only hidden rows; a URN's hidden neurons also project
 * to its input neurons, so those rows count as lateral too.)
 *
 * ```ts
 * const norms = outgoingNorms(cfg, W); // Float64Array of H values
 * ```
 */
export function outgoingNorms(cfg: Pick<UrnConfig, 'S' | 'dIn' | 'dOut'>, W: Float32Array): Float64Array {
  const { S, dIn, dOut } = cfg;
  const H = S - dIn - dOut;
  const out = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    const j = dIn + h;
    let lat = 0;
    let o = 0;
    for (let i = 0; i < S - dOut; i++) lat += Math.abs(W[i * S + j]);
    for (let i = S - dOut; i < S; i++) o += Math.abs(W[i * S + j]);
    out[h] = 0.5 * (o + (dOut * lat) / H);
  }
  return out;
}

/** What one cycle's structure step does: hidden indices (0..H-1) to delete, and whether to add one. */
export interface ReservePlan {
  remove: number[];
  add: boolean;
}

/**
 * One cycle of rnn.py's rule. If more than k neurons are sub-threshold, k of them (chosen at
 * random) are kept and each other one is deleted with probability pDel. Then, if fewer than k
 * of the remaining ones are sub-threshold, a neuron is added with probability pAdd; and with
 * probability pSpontaneous one is added anyway. Nothing is added at maxHidden − 1 or more.
 *
 * ```ts
 * const plan = reservePlan(outgoingNorms(cfg, W), RESERVE_DEFAULTS, createRng(1));
 * ```
 */
export function reservePlan(norms: Float64Array, o: ReserveOptions, rng: Rng): ReservePlan {
  const sub: number[] = [];
  norms.forEach((v, h) => v <= o.threshold && sub.push(h));
  const remove: number[] = [];
  if (sub.length > o.margin) {
    for (let k = sub.length - 1; k > 0; k--) {
      const r = rng.int(k + 1);
      [sub[k], sub[r]] = [sub[r], sub[k]];
    }
    for (const h of sub.slice(o.margin)) if (rng.next() < o.pDel) remove.push(h);
  }
  const H = norms.length - remove.length;
  const subLeft = sub.length - remove.length;
  const wantAdd = subLeft < o.margin && rng.next() < o.pAdd;
  const spontaneous = rng.next() < o.pSpontaneous;
  return { remove: remove.sort((a, b) => a - b), add: H < o.maxHidden - 1 && (wantAdd || spontaneous) };
}

/**
 * A new neuron's outgoing column (length S + 1, the network after the insertion at S − dOut):
 * random normal, scaled as rnn.py scales it so each half of its norm is T_D/2 — Σ|to outputs| =
 * T_D/2 and dOut·Σ|lateral|/H = T_D/2 — so it starts as a reserve neuron (normz = T_D/2).
 *
 * ```ts
 * const col = newOutgoing(cfg, RESERVE_DEFAULTS.threshold, rng);
 * ```
 */
export function newOutgoing(cfg: Pick<UrnConfig, 'S' | 'dIn' | 'dOut'>, threshold: number, rng: Rng): Float32Array {
  const S = cfg.S + 1;
  const at = cfg.S - cfg.dOut;
  const H = S - cfg.dIn - cfg.dOut;
  const col = new Float64Array(S);
  for (let i = 0; i < S; i++) col[i] = i === at ? 0 : rng.normal();
  const sumOf = (from: number, to: number) => col.slice(from, to).reduce((s, v) => s + Math.abs(v), 0) + 1e-8;
  const lat = sumOf(0, S - cfg.dOut);
  const out = sumOf(S - cfg.dOut, S);
  return Float32Array.from(col, (v, i) => (i < S - cfg.dOut ? (v * threshold * H) / (2 * cfg.dOut * lat) : (v * threshold) / (2 * out)));
}
