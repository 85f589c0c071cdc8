import { ConfigError, prefix } from '../errors.js';
import { refuseUnknownKeys } from '../util/keys.js';
import { DEFAULT_THRESHOLD, type ThresholdRule } from '../core/threshold.js';
import { ADAM_DEFAULTS, type AdamOptions } from './adam.js';
import { ACTIVITY_OF, ACTIVITY_OUTPUTS, ACTIVITY_REDUCTIONS, L1_MODES, REGULARIZER_DEFAULTS, type Regularizers } from './loss.js';
import { GRAD_MODES, type GradMode } from './step.js';
import { BIAS_INITS, WEIGHT_INITS, type BiasInit, type WeightInit } from './init.js';

/** Training options. The loss normalisation is documented on `Regularizers`. */
export interface TrainOptions extends AdamOptions, Regularizers {
  epochs: number;
  batchSize: number;
  /** Seed of the per-epoch shuffles. */
  seed: number;
  /** Write a checkpoint every k epochs (and always at the end). 0: only at the end. */
  checkpointEvery: number;
  /** Evaluate train/test accuracy and activity every k epochs (and always at the end). */
  evalEvery: number;
  /**
   * Compile and analyse the network every k evaluated epochs (and at the end), appending an
   * entry to the run's structure timeline (`timeline.msgpack`). 0 switches it off.
   */
  timelineEvery: number;
  /** Threshold of those snapshots: a number, or `{ relative: r }` (r·max|W|) or `{ quantile: q }`. */
  timelineThreshold: ThresholdRule;
  /** Gradients from the hand-written URN block ('custom', default) or tfjs autodiff. */
  grad: GradMode;
  /**
   * Drop hidden neurons that were exactly 0 on the whole training set at every iteration (see
   * `liveNeurons`). It uses the epoch's evaluation over the training set, so it runs on
   * evaluated epochs that are multiples of `compactEvery`. With a grid geometry the kept
   * neurons keep their cells (`GridGeometry.cells`), so the synapse lengths follow them.
   */
  compact: boolean;
  compactEvery: number;
  /**
   * Train each step on the batch's verified support only (`batchSupport`): the neurons non-zero
   * on some sample at some iteration, gathered out of W, with the gradient scattered back. The
   * same step as dense training up to float summation order (every other weight's data gradient
   * is exactly 0), at a cost that follows the live neurons rather than S; the L1 terms and Adam
   * still cover all of W. For dense training (`compact: false`) of relu networks; it pays on the
   * CPU backends, where the S² GEMMs dominate (checked on wasm and cpu). Default false.
   */
  skipSilent: boolean;
  /** Multiplier of the He-normal init's std √(2/S) (1: He normal as the paper says). */
  initScale: number;
  /**
   * How W is drawn: 'normal' (the default) or 'truncated', Keras's `he_normal` (cut at 2σ, same
   * std). The paper says "He normal", Keras's name for the truncated one; PyTorch's
   * `kaiming_normal_` is the plain normal.
   */
  weightInit: WeightInit;
  /**
   * How the biases start: 'zero' (as tfjs and Keras start them; the default) or 'uniform', each
   * from U(−1/√S, 1/√S) as PyTorch's `nn.Linear` starts them. The paper states W's init (He
   * normal) and not b's.
   */
  biasInit: BiasInit;
  /**
   * Added to the dOut output neurons' initial biases (0: none, so zero biases by default). With
   * relu outputs at 0 on every sample no gradient reaches the network; a small positive value
   * lights them at init. On the paper's spheres it prevents that death but does not reproduce
   * Figs. 3 and 4 any better (bench/RESULTS.md, "A lit read-out").
   */
  outputBias: number;
}

/**
 * The defaults of training, the same for `train()` and `urn train` (whose flags take these
 * values), so one call trains the same model through either.
 *
 * ```ts
 * resolveTrainOptions({ epochs: 5 }).lr === TRAIN_DEFAULTS.lr; // true
 * ```
 */
export const TRAIN_DEFAULTS: TrainOptions = {
  ...ADAM_DEFAULTS,
  ...REGULARIZER_DEFAULTS,
  lr: 3e-3,
  cW: 1e-5,
  cN: 1e-5,
  epochs: 30,
  batchSize: 32,
  seed: 1,
  checkpointEvery: 5,
  evalEvery: 1,
  timelineEvery: 5,
  timelineThreshold: DEFAULT_THRESHOLD,
  grad: 'custom',
  compact: true,
  compactEvery: 1,
  skipSilent: false,
  initScale: 1,
  weightInit: 'normal',
  biasInit: 'zero',
  outputBias: 0,
};

/**
 * The network `train()` and `urn train` build when not told otherwise: 64 neurons, 4 iterations,
 * plain rule, ReLU. The init seed defaults to the options' `seed`.
 *
 * ```ts
 * await train({ data }); // S = TRAIN_CONFIG_DEFAULTS.S, I = TRAIN_CONFIG_DEFAULTS.I
 * ```
 */
export const TRAIN_CONFIG_DEFAULTS = { S: 64, I: 4, rule: 'plain', activation: 'relu', readout: 'phi' } as const;

const where = prefix('train options');

/**
 * Merge options over `TRAIN_DEFAULTS` and validate them; throws `ConfigError`.
 *
 * ```ts
 * const o = resolveTrainOptions({ epochs: 50, lr: 7e-4, cW: 5e-7, cN: 2e-5 });
 * ```
 */
export function resolveTrainOptions(input: Partial<TrainOptions> = {}): TrainOptions {
  refuseUnknownKeys(input, Object.keys(TRAIN_DEFAULTS), 'train options');
  const o = { ...TRAIN_DEFAULTS, ...input };
  const int = (k: keyof TrainOptions, min: number) => {
    const v = o[k];
    if (!Number.isInteger(v) || (v as number) < min) {
      throw new ConfigError(where(`${k} must be an integer ≥ ${min}, got ${String(v)}.`));
    }
  };
  const num = (k: keyof TrainOptions, ok: (v: number) => boolean, rule: string) => {
    const v = o[k] as number;
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) {
      throw new ConfigError(where(`${k} must be ${rule}, got ${String(v)}.`));
    }
  };
  int('epochs', 0);
  int('batchSize', 1);
  int('seed', -(2 ** 31));
  int('checkpointEvery', 0);
  int('evalEvery', 1);
  int('timelineEvery', 0);
  int('compactEvery', 1);
  if (!GRAD_MODES.includes(o.grad)) throw new ConfigError(where(`grad must be one of ${GRAD_MODES.join(', ')}, got ${String(o.grad)}.`));
  if (!ACTIVITY_REDUCTIONS.includes(o.activityReduction ?? 'mean')) {
    throw new ConfigError(where(`activityReduction must be one of ${ACTIVITY_REDUCTIONS.join(', ')}, got ${String(o.activityReduction)}.`));
  }
  if (!ACTIVITY_OUTPUTS.includes(o.activityOutputs ?? 'include')) {
    throw new ConfigError(where(`activityOutputs must be one of ${ACTIVITY_OUTPUTS.join(', ')}, got ${String(o.activityOutputs)}.`));
  }
  if (!ACTIVITY_OF.includes(o.activityOf ?? 'state')) {
    throw new ConfigError(where(`activityOf must be one of ${ACTIVITY_OF.join(', ')}, got ${String(o.activityOf)}.`));
  }
  if (!L1_MODES.includes(o.l1 ?? 'subgradient')) throw new ConfigError(where(`l1 must be one of ${L1_MODES.join(', ')}, got ${String(o.l1)}.`));
  if (o.l1 === 'proximal' && o.grad !== 'custom') {
    throw new ConfigError(where(`l1 'proximal' needs grad 'custom' (the autodiff path only takes subgradients); drop grad '${o.grad}' or use l1 'subgradient'.`));
  }
  if (!WEIGHT_INITS.includes(o.weightInit)) throw new ConfigError(where(`weightInit must be one of ${WEIGHT_INITS.join(', ')}, got ${String(o.weightInit)}.`));
  if (!BIAS_INITS.includes(o.biasInit)) throw new ConfigError(where(`biasInit must be one of ${BIAS_INITS.join(', ')}, got ${String(o.biasInit)}.`));
  if (typeof o.compact !== 'boolean') throw new ConfigError(where(`compact must be true or false, got ${String(o.compact)}.`));
  if (typeof o.skipSilent !== 'boolean') throw new ConfigError(where(`skipSilent must be true or false, got ${String(o.skipSilent)}.`));
  if (o.skipSilent && o.grad !== 'custom') throw new ConfigError(where(`skipSilent needs grad 'custom' (the support step is the hand-written one); drop grad '${o.grad}' or skipSilent.`));
  num('lr', (v) => v > 0, '> 0');
  num('beta1', (v) => v >= 0 && v < 1, 'in [0, 1)');
  num('beta2', (v) => v >= 0 && v < 1, 'in [0, 1)');
  num('epsilon', (v) => v > 0, '> 0');
  num('initScale', (v) => v > 0, '> 0');
  num('outputBias', () => true, 'a finite number');
  for (const k of ['cW', 'cN', 'cSyn'] as const) num(k, (v) => v >= 0, '≥ 0');
  return o;
}
