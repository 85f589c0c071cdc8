export {
  UrnError,
  ConfigError,
  DataFormatError,
  ModelFormatError,
  ShapeError,
  NonFiniteLossError,
  BackendError,
  GraphBoundError,
  NonFiniteOutputError,
  ChecksumError,
  FileKindError,
  VerificationError,
  FileSystemError,
  RunDirError,
  ResourceError,
  SweepError,
} from './errors.js';
export * from './core/index.js';
export * from './train/index.js';
export * from './data/index.js';
export * from './topology/index.js';
export * from './export/index.js';
export * from './format/index.js';
export * from './run/index.js';
// The runtime's readers add the finite-output probe to the format's structural checks.
export { decodeModel, readModel, checkFiniteOutputs, probeInputs } from './runtime/index.js';
export * from './report/index.js';
export * from './train/structure/index.js';
export * from './lifelong/index.js';
export * from './train/isotropic/index.js';
export { toLayeredIsotropic, weightCounts } from './export/isotropic.js';
export { certifyIsotropic } from './export/isotropic-certify.js';
export { encodeIsoMlp, decodeIsoMlp, writeIsoMlp, readIsoMlp } from './format/isotropic-net.js';
export { isotropicFactor } from './runtime/isotropic.js';
export { createPool, POOL_DEFAULTS, type PoolOptions, type PredictPool } from './runtime/pool.js';
export { wasmKernelVariant, type WasmKernelVariant } from './runtime/wasm-kernel.js';
export * from './sweep/index.js';
