export { lifelong, type LifelongOptions } from './lifelong.js';
export { headLayout, viewParams, writeView, viewConfig } from './layout.js';
export { createFreeze, type Freeze } from './freeze.js';
export { gracefulForgetting, type GracefulInput, type GracefulResult, type GracefulTrial } from './graceful.js';
export { activityScores, cutInactive, reinitFree, clnpCandidates } from './prune.js';
export { taskSubnetwork, TASK_EXPORT, type TaskSubnetwork } from './structure.js';
export { measure } from './measure.js';
export {
  CLNP_DEFAULTS,
  type ClnpOptions,
  type HeadLayout,
  type LifelongNetwork,
  type LifelongResult,
  type LifelongSpec,
  type LifelongTask,
  type TaskRecord,
  type TaskStructure,
} from './types.js';
export { readSpecFile, resolveSpecFile, type LifelongSpecFile, type TaskFileEntry } from './spec-file.js';
export { accumulatedSnapshot } from './accumulated.js';
export { writeLifelongTimeline, writeTaskModel, LIFELONG_FILES, type LifelongTimelineFile } from './run-files.js';
export { recertify } from './recertify.js';
