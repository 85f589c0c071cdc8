import type { Split } from '../data/dataset.js';
import { evaluate } from './activity.js';
import { gridCoords } from '../core/geometry.js';
import type { UrnModel } from './model.js';
import type { Snapshot } from '../core/snapshot.js';

/**
 * Read a live model off as a Snapshot (plain typed arrays), with activity statistics over a
 * data split when one is given. This is where tensors stop: topology, export and figures take
 * Snapshots.
 *
 * ```ts
 * const snap = snapshotOf(model, data.train);
 * const graph = compile(snap);
 * ```
 */
export function snapshotOf(model: UrnModel, activityOn?: Split): Snapshot {
  const snap: Snapshot = {
    config: model.config,
    W: Float32Array.from(model.W.dataSync() as Float32Array),
    b: Float32Array.from(model.b.dataSync() as Float32Array),
  };
  const coords = gridCoords(model.config);
  if (coords) snap.coords = coords;
  if (activityOn) snap.activity = evaluate(model, activityOn).stats;
  return snap;
}
