/**
 * The light entry point: load a model file and predict, without TensorFlow.js.
 *
 * ```ts
 * import { readModel, predict, logitsView } from 'urn-engine/runtime';
 * const model = readModel('model.urn');
 * const logits = predict(model, x, n); // n×dOut, row-major
 * logitsView(logits, n, model.config.dOut).get(0, 1); // sample 0, output 1 (an ndarray view)
 * ```
 */
export { type DecodeOptions } from '../format/decode.js';
export { decodeModel, readModel } from './read-model.js';
export { checkFiniteOutputs, probeInputs } from './finite.js';
export { predict } from './predict.js';
export { createPool, POOL_DEFAULTS, type PoolOptions, type PredictPool } from './pool.js';
export { predictReplay } from './predict-replay.js';
export { predictLayered } from './predict-layered.js';
export { wasmKernelVariant, type WasmKernelVariant } from './wasm-kernel.js';
export { isotropicFactor } from './isotropic.js';
export { predictedClass } from './compare.js';
export { logitsView, csrToNdarray } from './views.js';
export type { SparseModel, ReplayModel, LayeredModel, Layer, LayerBlock, LayerActivation, Csr, Certificate } from '../core/sparse-model.js';
export { ModelFormatError, ShapeError, UrnError } from '../errors.js';
