export type { Csr, Certificate, ReplayModel, LayeredModel, Layer, LayerBlock, SparseModel } from './types.js';
export { keptSynapses, countNonzero } from './kept.js';
export { unrollKept, type Unrolled as KeptUnrolled } from './unrolled.js';
export { toReplay, replayNeurons } from './replay.js';
export { toLayered } from './layered.js';
export { predict } from './predict.js';
export { predictReplay } from './predict-replay.js';
export { predictLayered } from './predict-layered.js';
export { macsPerSample, synapseCount } from './cost.js';
export { compareLogits, predictedClass, REL_ERROR_FLOOR, type LogitComparison } from './compare.js';
export { syntheticInputs, type SyntheticOptions } from './synthetic.js';
export { certify, type CertifySamples } from './certify.js';
export { verify, denseLogits, certificationSamples, type VerifyData, type VerifyOptions, type DenseSource } from './verify.js';
export {
  chooseThreshold,
  thresholdCandidates,
  type ThresholdOptions,
  type ThresholdResult,
  type ThresholdSearch,
  type ThresholdTrial,
} from './threshold.js';
export { csrToNdarray, logitsView } from './views.js';
export { csrFromTriplets } from './csr-build.js';
