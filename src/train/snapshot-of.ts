import type { Split } from '../data/dataset.js';
import { evaluate } from './activity.js';
import { gridCoords } from '../core/geometry.js';
import type { UrnModel } from './model.js';
import type { Snapshot } from '../core/snapshot.js';
import { readFloats } from './read.js';

/**
 * Read a live model off as a Snapshot (plain typed arrays), with activity statistics over a
 * data split when one is given. This is where tensors stop: topology, export and figures take
 * Snapshots. Reads asynchronously.
 *
 * ```ts
 * const snap = await snapshotOf(model, data.train);
 * const graph = compile(snap);
 * ```
 */
export async function snapshotOf(model: UrnModel, activityOn?: Split): Promise<Snapshot> {
  const [W, b] = await Promise.all([readFloats(model.W), readFloats(model.b)]);
  const snap: Snapshot = { config: model.config, W, b };
  const coords = gridCoords(model.config);
  if (coords) snap.coords = coords;
  if (activityOn) snap.activity = (await evaluate(model, activityOn)).stats;
  return snap;
}
