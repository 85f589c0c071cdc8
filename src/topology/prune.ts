import type { UrnConfig } from '../core/config.js';
import { checkSnapshot, type Snapshot } from '../core/snapshot.js';
import { gridCoords } from '../core/geometry.js';
import { csrFromDense, type TopologyCsr } from '../core/csr.js';
import { resolveThreshold, type ResolvedThreshold, type ThresholdRule } from '../core/threshold.js';
import { liveEdges, unroll, type Unrolled } from '../core/unroll.js';
import { deadPairs, everActive } from '../core/activity.js';

/**
 * Why a hidden neuron was removed (inputs and outputs never are).
 *
 * ```ts
 * REMOVAL_REASONS[p.reason[i] - 1]; // why neuron i was removed (when reason[i] > 0)
 * ```
 */
export type RemovalReason = 'neverActive' | 'unreachable' | 'irrelevant' | 'inputIndependent';

/**
 * Reason codes of `Pruned.reason`: 0 = kept, then the reasons in this order.
 *
 * ```ts
 * const why = p.reason[i] ? REMOVAL_REASONS[p.reason[i] - 1] : 'kept';
 * ```
 */
export const REMOVAL_REASONS: readonly RemovalReason[] = ['neverActive', 'unreachable', 'irrelevant', 'inputIndependent'];

/**
 * Removed hidden neurons by reason, and their total.
 *
 * ```ts
 * graph.getAttribute('removed'); // { neverActive: 4000, unreachable: 2, irrelevant: 800, inputIndependent: 70, total: 4872 }
 * ```
 */
export type RemovalCounts = Record<RemovalReason, number> & { total: number };

/**
 * An output that does not depend on the input: its logit is this constant.
 *
 * ```ts
 * for (const { neuron, value } of p.unusedOutputs) console.log(`logit ${neuron} is always ${value}`);
 * ```
 */
export interface ConstantOutput {
  /** Output neuron id (output k is S − dOut + k). */
  neuron: number;
  value: number;
}

/**
 * Options of `pruneSnapshot`.
 *
 * ```ts
 * pruneSnapshot(snap, { threshold: 1e-3, useActivity: false });
 * ```
 */
export interface PruneOptions {
  /** Synapses with |W_ij| ≤ threshold are dropped (see `ThresholdRule`). */
  threshold: ThresholdRule;
  /** Use `snapshot.activity` (when present) to cut pairs that were 0 on every sample. Default true. */
  useActivity?: boolean;
}

/**
 * A snapshot reduced to its emergent network on typed arrays, before any graph is built: the
 * thresholded synapses, the unrolled computation over them, and which neurons and edges are kept.
 *
 * ```ts
 * const p: Pruned = pruneSnapshot(snap, { threshold: 0 }); p.liveEdgeCount;
 * ```
 */
export interface Pruned {
  config: UrnConfig;
  threshold: ResolvedThreshold;
  /** Every synapse above the threshold, over all S neurons. */
  csr: TopologyCsr;
  /** The unrolled computation over `csr` (n = S), with the activity cut when used. */
  unrolled: Unrolled;
  /** 1 for kept neurons: live at some iteration, or an input or output. */
  kept: Uint8Array;
  /** Per neuron: 0 = kept, else 1 + index in `REMOVAL_REASONS`. */
  reason: Uint8Array;
  removed: RemovalCounts;
  /** Per CSR edge: 1 when live at some iteration (see `liveEdges`). */
  edgeLive: Uint8Array;
  /** Edges of the emergent network: live edges (both ends are then kept). */
  liveEdgeCount: number;
  /** Inputs with no live pair: x_i cannot affect the outputs. */
  unusedInputs: number[];
  /** Outputs whose read-out does not depend on the input. */
  unusedOutputs: ConstantOutput[];
  /** Neuron coordinates (3·S) when the config has a geometry. */
  coords?: Float32Array;
  /** Samples of the activity statistics that were used, or null. */
  activitySamples: number | null;
}

/**
 * Threshold a snapshot, unroll it and classify every neuron, on typed arrays only (no graph).
 * A hidden neuron without a live pair is removed, with the first reason that applies:
 * - `neverActive`: the activity statistics show |N_i^(l)| = 0 on every sample for all l ≥ 1;
 * - `inputIndependent`: no pair depends on the input, and some nonzero constant value of it
 *   feeds a live pair (it is folded into that pair's bias);
 * - `unreachable`: no pair depends on the input, and none of its constants matters;
 * - `irrelevant`: some pair depends on the input, but none feeds the read-out at t = I.
 * Folding is per pair and always complete, whatever the reason says about the neuron.
 *
 * ```ts
 * const p = pruneSnapshot(snap, { threshold: { relative: 0.01 } });
 * p.removed.total; p.liveEdgeCount;
 * ```
 */
export function pruneSnapshot(snap: Snapshot, options: PruneOptions): Pruned {
  checkSnapshot(snap);
  const config = snap.config;
  const { S, I, dIn, dOut } = config;
  const threshold = resolveThreshold(snap.W, options.threshold);
  const csr = csrFromDense(snap.W, S, threshold.value);
  const useActivity = (options.useActivity ?? true) && snap.activity !== undefined;
  const cut = useActivity ? deadPairs(snap.activity!, config) : undefined;
  const u = unroll(csr, config, { bias: snap.b, cut });
  const active = useActivity ? everActive(snap.activity!, config) : undefined;

  const kept = new Uint8Array(S);
  const reason = new Uint8Array(S);
  const removed: RemovalCounts = { neverActive: 0, unreachable: 0, irrelevant: 0, inputIndependent: 0, total: 0 };
  for (let i = 0; i < S; i++) {
    let live = false;
    let reach = false;
    let folded = false;
    for (let t = 0; t <= I; t++) {
      const p = t * S + i;
      if (u.live[p]) live = true;
      if (t >= 1 && u.reachable[p]) reach = true;
      if (!u.reachable[p] && u.relevant[p] && u.constant[p] !== 0) folded = true;
    }
    if (live || i < dIn || i >= S - dOut) {
      kept[i] = 1;
      continue;
    }
    const r: RemovalReason =
      active && !active[i] ? 'neverActive' : reach ? 'irrelevant' : folded ? 'inputIndependent' : 'unreachable';
    reason[i] = 1 + REMOVAL_REASONS.indexOf(r);
    removed[r]++;
    removed.total++;
  }

  const edgeLive = liveEdges(csr, u);
  let liveEdgeCount = 0;
  for (let k = 0; k < edgeLive.length; k++) liveEdgeCount += edgeLive[k];
  const unusedInputs: number[] = [];
  for (let i = 0; i < dIn; i++) {
    let used = false;
    for (let t = 0; t <= I && !used; t++) used = u.live[t * S + i] === 1;
    if (!used) unusedInputs.push(i);
  }
  const unusedOutputs: ConstantOutput[] = [];
  for (let o = S - dOut; o < S; o++) {
    if (!u.reachable[I * S + o]) unusedOutputs.push({ neuron: o, value: u.constant[I * S + o] });
  }
  const coords = snap.coords ?? gridCoords(config);
  return {
    config,
    threshold,
    csr,
    unrolled: u,
    kept,
    reason,
    removed,
    edgeLive,
    liveEdgeCount,
    unusedInputs,
    unusedOutputs,
    coords,
    activitySamples: useActivity ? snap.activity!.samples : null,
  };
}

export { checkSnapshot };
