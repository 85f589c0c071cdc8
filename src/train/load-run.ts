import { readCheckpoint, type Checkpoint } from '../run/checkpoint.js';
import { initBackend, type BackendName } from './backend.js';
import { createModel, disposeModel } from './model.js';
import { snapshotOf } from './snapshot-of.js';
import type { Snapshot } from '../core/snapshot.js';
import type { Dataset } from '../data/dataset.js';
import { loadDataSpec, specForModel, type DataSpec } from '../data/spec.js';

/** A checkpoint read back with its Snapshot and, when asked, its dataset and activity. */
export interface LoadedRun {
  checkpoint: Checkpoint;
  snapshot: Snapshot;
  data: Dataset | null;
  /** `measured`: activity measured on the training data; `none`: no activity (dead neurons found by reachability only). */
  activity: 'measured' | 'none';
  /** Why activity was asked for but not measured (print it: the structure then differs), else null. */
  warning: string | null;
}

/**
 * The warning for a run whose dataset cannot be rebuilt, so that no activity is measured.
 *
 * ```ts
 * process.stderr.write(`urn analyze: warning: ${noActivityWarning('runs/a')}\n`);
 * ```
 */
export function noActivityWarning(path: string): string {
  return `${path}: the run records no dataset spec, so no activity was measured: dead neurons are found by reachability only and the structure shown is not the trained network's. Retrain with 'urn train --out', or pass --no-activity.`;
}

/**
 * Read a run directory or checkpoint file. With `data`, rebuild the run's dataset from the spec
 * stored in the checkpoint; with `activity`, also measure every neuron's activity on the
 * training split (that is what tells dead neurons apart).
 *
 * ```ts
 * const { snapshot } = await loadRun('runs/spheres', { activity: true });
 * ```
 */
export async function loadRun(
  path: string,
  o: { activity: boolean; data?: boolean; backend?: BackendName | 'auto' },
): Promise<LoadedRun> {
  const checkpoint = readCheckpoint(path);
  const spec = checkpoint.train.data as DataSpec | undefined;
  const data = (o.activity || o.data) && spec?.dataset ? loadDataSpec(specForModel(spec, checkpoint.config.dOut)) : null;
  let snapshot: Snapshot;
  // With data, TensorFlow.js will run: pick the backend now (and silence tfjs's banner).
  if (data) await initBackend({ backend: o.backend ?? 'auto' });
  if (data && o.activity) {
    const model = createModel(checkpoint.config, checkpoint);
    snapshot = await snapshotOf(model, data.train);
    disposeModel(model);
  } else {
    snapshot = { config: checkpoint.config, W: checkpoint.W, b: checkpoint.b };
  }
  const measured = !!data && o.activity;
  const warning = o.activity && !data ? noActivityWarning(path) : null;
  return { checkpoint, snapshot, data, activity: measured ? 'measured' : 'none', warning };
}
