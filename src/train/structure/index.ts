export { trainStructure, type StructureRequest, type StructureResult } from './trainer.js';
export { resolveStructureOptions, STRUCTURE_DEFAULTS, STRUCTURE_METHODS, type StructureMethod, type StructureOptions } from './options.js';
export { checkReserve, newOutgoing, outgoingNorms, reservePlan, RESERVE_DEFAULTS, type ReserveOptions, type ReservePlan } from './reserve.js';
export { growState, shrinkState, reindexSquare, reindexVector } from './resize.js';
export { foldGate, smoothStep, staircase, staircaseTensor } from './gate.js';
export { sequenceOutputs, staticOutputs, taskLoss, type StructuredParams } from './forward.js';
export { evaluateTask, taskBatch, disposeBatch, batchOutputs, type TaskBatch, type TaskScore } from './batch.js';
export { runDirRecorder, type StructureMetrics, type StructureRecorder } from './record.js';
