import { tf } from './tf.js';
import type { UrnConfig } from '../core/config.js';
import { gridCoords, synapseLengthMatrix } from '../core/geometry.js';
import { createAdamL1, type AdamState, type AdamL1 } from './adam.js';
import { compactState, identityIds, type Compaction } from './compact.js';
import { createModel, disposeModel, type UrnModel } from './model.js';
import type { TrainOptions } from './options.js';
import { readFloats } from './read.js';
import { createSupportTracker, type SupportTracker } from './support.js';

/** The live state of a training run: the model, its optimiser and the neuron bookkeeping. */
export interface TrainState {
  config: UrnConfig;
  model: UrnModel;
  adam: AdamL1;
  /** d_ij^γ of the synapse-length term for the current neurons, when it is on. */
  lengths: tf.Tensor2D | undefined;
  /** Current neuron index → index in the original network. */
  neuronIds: Int32Array;
  /** S before any compaction (kept across resumes). */
  originalS: number;
  /** The support path's guess and counts (`skipSilent`); a compaction starts a fresh one. */
  support: SupportTracker;
}

function lengthsOf(cfg: UrnConfig, options: TrainOptions): tf.Tensor2D | undefined {
  const coords = gridCoords(cfg);
  if (!coords || !(options.cSyn > 0)) return undefined;
  return tf.tensor2d(synapseLengthMatrix(coords, cfg.S, cfg.geometry!.beta, cfg.geometry!.gamma), [cfg.S, cfg.S]);
}

/**
 * Build the live state from parameters (and, on resume, the optimiser state and neuron ids).
 *
 * ```ts
 * const state = createTrainState(config, initParams(config), options);
 * ```
 */
export function createTrainState(
  config: UrnConfig,
  params: { W: Float32Array; b: Float32Array },
  options: TrainOptions,
  saved: { adam?: AdamState; neuronIds?: Int32Array; originalS?: number } = {},
): TrainState {
  const model = createModel(config, params);
  return {
    config,
    model,
    adam: createAdamL1([model.W, model.b], options, saved.adam),
    lengths: lengthsOf(config, options),
    neuronIds: saved.neuronIds && saved.neuronIds.length === config.S ? saved.neuronIds : identityIds(config.S),
    originalS: saved.originalS ?? config.S,
    support: createSupportTracker(),
  };
}

/**
 * Drop the neurons not in `keep` (gathered on typed arrays: the function on the training data is
 * unchanged), in place; null when nothing is dropped.
 *
 * ```ts
 * const c = await compactTrainState(state, keep, options); // keep: the neuron indices to keep
 * ```
 */
export async function compactTrainState(s: TrainState, keep: Int32Array, options: TrainOptions): Promise<Compaction | null> {
  if (keep.length === s.config.S) return null;
  const from = s.config.S;
  const [W, b, adam] = await Promise.all([readFloats(s.model.W), readFloats(s.model.b), s.adam.state()]);
  const next = compactState({ config: s.config, W, b, adam, neuronIds: s.neuronIds }, keep);
  disposeTrainState(s, { keepModel: false });
  Object.assign(s, createTrainState(next.config, next, options, { adam: next.adam, neuronIds: next.neuronIds, originalS: s.originalS }));
  return { from, to: s.config.S };
}

/**
 * Free the optimiser and length tensors, and the model unless `keepModel`.
 *
 * ```ts
 * disposeTrainState(state, { keepModel: true });
 * ```
 */
export function disposeTrainState(s: TrainState, o: { keepModel: boolean }): void {
  s.adam.dispose();
  s.lengths?.dispose();
  s.lengths = undefined;
  if (!o.keepModel) disposeModel(s.model);
}
