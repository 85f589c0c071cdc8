import { ConfigError, prefix } from '../errors.js';
import { cellsProblem } from './grid-cells.js';
import { refuseUnknownKeys } from '../util/keys.js';

/** Update rules of the paper: Eq. 3 (`plain`), Eq. 6 (`residual-output`), Eq. 7 (`residual-input`). */
export type UpdateRule = 'plain' | 'residual-output' | 'residual-input';
export const UPDATE_RULES: readonly UpdateRule[] = ['plain', 'residual-output', 'residual-input'];

/** Activation φ. */
export type Activation = 'relu' | 'tanh';
export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh'];

/**
 * How the output neurons compute: `phi`, φ like every other neuron (Eqs. 3 and 6 as written), or
 * `linear`, the pre-activation z itself (logits as a standard classifier reads them; a relu
 * output can then never go dark on every sample).
 */
export type Readout = 'phi' | 'linear';
export const READOUTS: readonly Readout[] = ['phi', 'linear'];

/**
 * Neuron geometry (paper Section 3): an X×Y×Z grid. Inputs fill the z=1 plane (so dIn = X·Y),
 * outputs sit at the centre of the top plane z=Z, and distances follow ds² = dx² + dy² + β·dz².
 */
export interface GridGeometry {
  grid: [number, number, number];
  /** β of Eq. 8: the squared length scale of the uplift direction. */
  beta: number;
  /** γ of Eq. 9: the power of the synapse length in the regulator. */
  gamma: number;
  /**
   * After compaction: the grid cell of each neuron, ascending. Neuron i sits where neuron
   * `cells[i]` of the full X×Y×Z network sits (see `gridCoords`). Absent: every cell, in order.
   */
  cells?: number[];
}

/** The structural config of a URN. Everything here is fixed for the life of a model. */
export interface UrnConfig {
  /** Total neurons. */
  S: number;
  /** Iterations of the update rule. */
  I: number;
  /** Input neurons: 0..dIn-1. */
  dIn: number;
  /** Output neurons: S-dOut..S-1; output k is neuron S-dOut+k. */
  dOut: number;
  rule: UpdateRule;
  activation: Activation;
  /** The outputs' activation (see `Readout`); absent: 'phi'. */
  readout?: Readout;
  /** Seed of the weight initialisation. */
  seed: number;
  /** Optional geometry; without it the network is permutation-symmetric. */
  geometry?: GridGeometry;
}

export type UrnConfigInput = Partial<UrnConfig> & Pick<UrnConfig, 'S' | 'I' | 'dIn' | 'dOut'>;

/** Every field of `UrnConfig`: `resolveConfig` refuses any other. */
export const CONFIG_KEYS: readonly (keyof UrnConfig)[] = ['S', 'I', 'dIn', 'dOut', 'rule', 'activation', 'readout', 'seed', 'geometry'];

export const CONFIG_DEFAULTS = {
  rule: 'plain' as UpdateRule,
  activation: 'relu' as Activation,
  seed: 0,
};

const where = prefix('urn config');

function intProblem(name: string, v: unknown, min = 1): string | null {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) return `${name} must be an integer ≥ ${min}, got ${String(v)}. Pass --${name} <integer>.`;
  return null;
}

/**
 * The one statement of what a valid URN config is: the first problem of `cfg`, or null. Both
 * `resolveConfig` and the model-file reader (`src/format`) use it.
 *
 * ```ts
 * configProblem({ S: 4, I: 2, dIn: 3, dOut: 2, rule: 'plain', activation: 'relu', seed: 0 }); // 'dIn + dOut (5) exceeds S (4). …'
 * ```
 */
export function configProblem(cfg: UrnConfig): string | null {
  const ints = intProblem('S', cfg.S) ?? intProblem('I', cfg.I) ?? intProblem('dIn', cfg.dIn) ?? intProblem('dOut', cfg.dOut);
  if (ints) return ints;
  if (!Number.isInteger(cfg.seed)) return `seed must be an integer, got ${cfg.seed}.`;
  if (cfg.dIn + cfg.dOut > cfg.S) return `dIn + dOut (${cfg.dIn + cfg.dOut}) exceeds S (${cfg.S}). Increase S or reduce the input size.`;
  if (!UPDATE_RULES.includes(cfg.rule)) return `unknown rule '${cfg.rule}'. Use one of ${UPDATE_RULES.join(', ')}.`;
  if (!ACTIVATIONS.includes(cfg.activation)) return `unknown activation '${cfg.activation}'. Use one of ${ACTIVATIONS.join(', ')}.`;
  if (cfg.readout !== undefined && !READOUTS.includes(cfg.readout)) return `unknown readout '${cfg.readout}'. Use one of ${READOUTS.join(', ')}.`;
  return cfg.geometry ? geometryProblem(cfg, cfg.geometry) : null;
}

function geometryProblem(cfg: UrnConfig, g: GridGeometry): string | null {
  if (!Array.isArray(g.grid) || g.grid.length !== 3) return `grid must be X,Y,Z (three integers), got ${String(g.grid)}.`;
  const [X, Y, Z] = g.grid;
  const ints = intProblem('grid X', X) ?? intProblem('grid Y', Y) ?? intProblem('grid Z', Z, 2);
  if (ints) return ints;
  if (g.cells !== undefined) {
    const why = cellsProblem(g.cells, X * Y * Z, cfg);
    if (why) return `geometry.cells ${why}`;
  } else if (X * Y * Z !== cfg.S) {
    return `grid ${X}×${Y}×${Z} holds ${X * Y * Z} neurons but S is ${cfg.S}. Set S = X·Y·Z.`;
  }
  if (cfg.dIn !== X * Y) return `with a grid the inputs fill the z=1 plane, so dIn must be X·Y = ${X * Y}, got ${cfg.dIn}.`;
  if (cfg.dOut > X * Y) return `dOut (${cfg.dOut}) does not fit in the top plane of ${X * Y} neurons.`;
  if (!(g.beta > 0) || !Number.isFinite(g.beta)) return `beta must be > 0, got ${g.beta}.`;
  if (!Number.isFinite(g.gamma) || g.gamma < 0) return `gamma must be ≥ 0, got ${g.gamma}.`;
  return null;
}

/**
 * Fill defaults and validate a URN config; throws `ConfigError` naming what to change.
 *
 * ```ts
 * const cfg = resolveConfig({ S: 64, I: 4, dIn: 10, dOut: 2 });
 * ```
 */
export function resolveConfig(input: UrnConfigInput): UrnConfig {
  refuseUnknownKeys(input, CONFIG_KEYS, 'urn config');
  const cfg: UrnConfig = { ...CONFIG_DEFAULTS, ...input } as UrnConfig;
  // 'phi' is stated by the field's absence, so configs from before it stay as they were.
  if (cfg.readout === 'phi' || cfg.readout === undefined) delete cfg.readout;
  const why = configProblem(cfg);
  if (why) throw new ConfigError(where(why));
  return cfg;
}

/**
 * The first neuron that φ skips: S − dOut under a linear read-out (the outputs take z), else S
 * (φ on every neuron). Training, the unroll and every sparse form apply φ to neurons below it.
 *
 * ```ts
 * linearFrom({ S: 10, dOut: 2, readout: 'linear' }); // 8
 * linearFrom({ S: 10, dOut: 2 }); // 10
 * ```
 */
export const linearFrom = (cfg: Pick<UrnConfig, 'S' | 'dOut' | 'readout'>): number => (cfg.readout === 'linear' ? cfg.S - cfg.dOut : cfg.S);

/**
 * How many of `ids` (dense neuron ids, ascending) take φ: those below `linearFrom(cfg)`, which
 * come first. The rest are the outputs of a linear read-out.
 *
 * ```ts
 * phiCount(Int32Array.of(0, 3, 8, 9), { S: 10, dOut: 2, readout: 'linear' }); // 2
 * ```
 */
export function phiCount(ids: ArrayLike<number>, cfg: Pick<UrnConfig, 'S' | 'dOut' | 'readout'>): number {
  const h = linearFrom(cfg);
  let r = 0;
  while (r < ids.length && ids[r] < h) r++;
  return r;
}

/** Index of output k. */
export const outputNeuron = (cfg: Pick<UrnConfig, 'S' | 'dOut'>, k: number): number => cfg.S - cfg.dOut + k;

/** Role of neuron i. */
export function neuronRole(cfg: Pick<UrnConfig, 'S' | 'dIn' | 'dOut'>, i: number): 'input' | 'hidden' | 'output' {
  if (i < cfg.dIn) return 'input';
  if (i >= cfg.S - cfg.dOut) return 'output';
  return 'hidden';
}
