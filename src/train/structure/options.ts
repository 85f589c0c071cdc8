import { ConfigError, prefix } from '../../errors.js';
import { checkReserve, RESERVE_DEFAULTS, type ReserveOptions } from './reserve.js';
import { ADAM_DEFAULTS } from '../adam.js';

/** How the network's size changes: Miconi's reserve neurons, N3's gated size, or not at all. */
export type StructureMethod = 'grow-reserve' | 'grow-gated' | 'fixed';
/**
 * Every `StructureMethod`, for validation and CLI help.
 *
 * ```ts
 * STRUCTURE_METHODS.includes('grow-reserve'); // true
 * ```
 */
export const STRUCTURE_METHODS: readonly StructureMethod[] = ['grow-reserve', 'grow-gated', 'fixed'];

/**
 * Options of `trainStructure`.
 *
 * ```ts
 * const o: Partial<StructureOptions> = { method: 'grow-reserve', steps: 800, lr: 3e-3, epsilon: 1e-3 };
 * ```
 */
export interface StructureOptions {
  method: StructureMethod;
  /** Optimisation steps (Miconi's cycles), one minibatch each. */
  steps: number;
  batchSize: number;
  /** Adam's learning rate. */
  lr: number;
  /**
   * Adam's ε. Large values (about the size of a typical gradient) make small gradients take
   * plain SGD steps of lr·g/ε, so the L1 step competes with the gradient's size, not only its sign.
   */
  epsilon: number;
  /** Seed of the batches and of the structure decisions. */
  seed: number;
  /** Score the test split, append metrics and (with a run directory) a timeline entry every k steps. */
  evalEvery: number;
  /**
   * Hidden neurons at the start: grow-reserve starts from 1 (Miconi); for grow-gated it is the
   * largest size N_max (N3: 10); for fixed it is the size.
   */
  hidden: number;
  /**
   * A of the outgoing-weight L1, applied after each Adam step as W[:, j] −= A·sign(W[:, j]) on
   * every hidden neuron j's column (rnn.py: 1e-4, also for fixed sizes).
   */
  l1: number;
  reserve: ReserveOptions;
  /** grow-gated: λ of the size loss λ·(size − target)² (N3's released code: 0.32). */
  sizeWeight: number;
  /** grow-gated: the size the size loss pulls to; null: `hidden` (full width, as N3's c → 1). */
  sizeTarget: number | null;
  /** grow-gated: the initial size (N3: c ≈ 1e-5·randn, i.e. about 0). */
  sizeInit: number;
}

export const STRUCTURE_DEFAULTS: StructureOptions = {
  method: 'grow-reserve',
  steps: 2000,
  batchSize: 16,
  lr: 3e-3,
  epsilon: ADAM_DEFAULTS.epsilon,
  seed: 1,
  evalEvery: 100,
  hidden: 1,
  l1: 1e-4,
  reserve: RESERVE_DEFAULTS,
  sizeWeight: 0.32,
  sizeTarget: null,
  sizeInit: 0,
};

const where = prefix('structure options');

/**
 * Merge options over `STRUCTURE_DEFAULTS` (and `reserve` over `RESERVE_DEFAULTS`) and validate.
 *
 * ```ts
 * const o = resolveStructureOptions({ method: 'grow-gated', hidden: 10 });
 * ```
 */
export function resolveStructureOptions(input: Partial<Omit<StructureOptions, 'reserve'>> & { reserve?: Partial<ReserveOptions> } = {}): StructureOptions {
  const o: StructureOptions = { ...STRUCTURE_DEFAULTS, ...input, reserve: { ...RESERVE_DEFAULTS, ...(input.reserve ?? {}) } };
  if (!STRUCTURE_METHODS.includes(o.method)) throw new ConfigError(where(`method must be one of ${STRUCTURE_METHODS.join(', ')}, got '${String(o.method)}'.`));
  for (const k of ['steps', 'batchSize', 'evalEvery', 'hidden'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < (k === 'steps' ? 0 : 1)) throw new ConfigError(where(`${k} must be an integer ≥ 1, got ${o[k]}.`));
  }
  if (!(o.epsilon > 0)) throw new ConfigError(where(`epsilon must be > 0, got ${o.epsilon}.`));
  if (!(o.lr > 0)) throw new ConfigError(where(`lr must be > 0, got ${o.lr}.`));
  if (!(o.l1 >= 0)) throw new ConfigError(where(`l1 must be ≥ 0, got ${o.l1}.`));
  if (!(o.sizeWeight >= 0)) throw new ConfigError(where(`sizeWeight must be ≥ 0, got ${o.sizeWeight}.`));
  if (!Number.isFinite(o.sizeInit)) throw new ConfigError(where(`sizeInit must be a number, got ${o.sizeInit}.`));
  checkReserve(o.reserve);
  return o;
}
