export { RUN_FILES, MODEL_EXTENSION, runFile, holdsRun, runModels } from './files.js';
export { lockRun, type LockInfo } from './lock.js';
export { openRunDir, type OpenRunOptions } from './open.js';
export { runRecorder, readRunInfo, type TrainRecorder, type RunStart, type RunInfo, type ResumeRecord } from './recorder.js';
export { readRun, type Run, type ReadRunOptions } from './read-run.js';
export {
  readCheckpoint,
  writeCheckpoint,
  encodeCheckpoint,
  decodeCheckpoint,
  checkpointSnapshot,
  CHECKPOINT_FILE,
  type Checkpoint,
  type AdamState,
} from './checkpoint.js';
export { readMetrics, appendMetrics, truncateMetrics, type EpochMetrics } from './metrics.js';
export { appendTimeline, readTimeline, truncateTimeline, TIMELINE_FILE } from './timeline-file.js';
