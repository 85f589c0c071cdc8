import type { Split } from '../data/dataset.js';
import type { Snapshot } from '../core/snapshot.js';
import { pruneSnapshot } from '../topology/prune.js';
import { unrolledLayers } from '../topology/layers.js';
import { chooseThreshold } from '../export/threshold.js';
import type { SparseModel } from '../core/sparse-model.js';
import type { TaskStructure } from './types.js';

/** Export options of a task's sub-network (those of `urn export`). */
export const TASK_EXPORT = { tolerance: 1e-2, minAgreement: 1, synthetic: 500, form: 'layered' as const };

/** A task's sub-network: its certified export and its structure. */
export interface TaskSubnetwork {
  structure: TaskStructure;
  /** The certified sparse model of the task (its head and what feeds it), or null when no threshold passed. */
  model: SparseModel | null;
}

/**
 * Export a task's view as a certified sparse model (`chooseThreshold`: the largest synapse
 * threshold keeping max relative logit error ≤ 1e-2 and argmax agreement 100% on the task's test
 * data plus samples around it) and read its structure at that threshold: the neurons of the
 * unrolled emergent network that feed the head, per layer Λ, and how many hidden ones earlier
 * tasks recruited. `snap.activity` (over the task's data) cuts pairs that were always 0.
 *
 * ```ts
 * const { structure, model } = await taskSubnetwork(snap, data.test, recruitedBy, t);
 * ```
 */
export async function taskSubnetwork(snap: Snapshot, test: Split, recruitedBy: Int32Array, task: number): Promise<TaskSubnetwork> {
  const r = await chooseThreshold(snap, { x: test.x, n: test.n, y: test.y }, TASK_EXPORT);
  const threshold = r.ok ? r.threshold : 0;
  const p = pruneSnapshot(snap, { threshold });
  const { layer, reused: multi } = unrolledLayers(p.csr, p.config, p.unrolled);
  const { S, dIn, dOut } = snap.config;
  const widths: number[] = [];
  let used = 0;
  let reused = 0;
  let recurrent = 0;
  for (let c = 0; c < layer.length; c++) {
    if (!p.kept[c] || layer[c] < 0) continue;
    const i = p.csr.neuron[c];
    while (widths.length <= layer[c]) widths.push(0);
    widths[layer[c]]++;
    recurrent += multi[c];
    if (i < dIn || i >= S - dOut) continue;
    used++;
    if (recruitedBy[i] >= 0 && recruitedBy[i] < task) reused++;
  }
  return {
    structure: { widths, depth: widths.length - 1, usedNeurons: used, reusedNeurons: reused, recurrentNeurons: recurrent, threshold, certified: r.ok },
    model: r.ok ? r.model : null,
  };
}
