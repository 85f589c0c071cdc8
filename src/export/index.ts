export type { Certificate, ReplayModel, LayeredModel, Layer, LayerBlock, LayerActivation, SparseModel } from '../core/sparse-model.js';
export { keptSynapses, countNonzero } from './kept.js';
export { toReplay, replayNeurons, unrollKept, type KeptUnrolled } from './replay.js';
export { toLayered } from './layered.js';
export { predict } from '../runtime/predict.js';
export { predictReplay } from '../runtime/predict-replay.js';
export { predictLayered } from '../runtime/predict-layered.js';
export { macsPerSample, synapseCount } from './cost.js';
export { compareLogits, predictedClass, REL_ERROR_FLOOR, type LogitComparison } from '../runtime/compare.js';
export { syntheticInputs, type SyntheticOptions } from './synthetic.js';
export { certify, meetsRule, type CertifySamples, type PassRule } from './certify.js';
export { verify, denseLogits, certificationSamples, type VerifyData, type VerifyOptions, type DenseSource } from './verify.js';
export {
  chooseThreshold,
  thresholdCandidates,
  type ThresholdOptions,
  type ThresholdResult,
  type ThresholdSearch,
  type ThresholdTrial,
} from './threshold.js';
export { csrToNdarray, logitsView } from '../runtime/views.js';
export { exportModel, EXPORT_DEFAULTS, type ExportResult } from './export-model.js';
export { certifyWithout, type Ablation, type AblationOptions } from './ablate.js';
export { structureFidelity, ruleText, type StructureFidelity, type StructureThreshold, type FidelityOptions } from './fidelity.js';
export { analyzeRun, deadOutputWarning, ANALYZE_RUN_DEFAULTS, type AnalyzeRunOptions, type RunAnalysis, type SilenceSpec } from './analyze-run.js';
export { toOnnx, writeOnnx, ONNX_OPSET, ONNX_IR_VERSION } from './onnx.js';
export { encodeOnnxModel, decodeOnnxModel } from './onnx-proto.js';
export { toTfjsGraphModel, writeTfjs, readTfjs, TFJS_FILES, type TfjsGraphModel } from './tfjs.js';
export { toGraphml } from './graphml.js';
export { writeExport, EXPORT_FORMATS, type ExportFormat } from './write.js';
