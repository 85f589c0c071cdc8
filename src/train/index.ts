export { initBackend, backendReport, BACKENDS, type BackendName, type BackendReport } from './backend.js';
export { initParams } from './init.js';
export { createModel, disposeModel, forwardTensors, predictLogits, embed, type UrnModel, type ForwardResult } from './model.js';
export { lossTerms, REGULARIZER_DEFAULTS, type Regularizers, type LossTerms } from './loss.js';
export { createAdam, ADAM_DEFAULTS, type Adam, type AdamOptions, type AdamState } from './adam.js';
export { trainStep } from './step.js';
export { evaluate, type Evaluation } from './activity.js';
export { resolveTrainOptions, TRAIN_DEFAULTS, type TrainOptions } from './options.js';
export { train, type TrainRequest, type TrainResult, type EpochContext } from './train.js';
export {
  readCheckpoint,
  writeCheckpoint,
  encodeCheckpoint,
  decodeCheckpoint,
  checkpointSnapshot,
  CHECKPOINT_FILE,
  type Checkpoint,
} from './checkpoint.js';
export { readMetrics, RUN_FILES, type EpochMetrics } from './run-dir.js';
export { snapshotOf } from './snapshot-of.js';
