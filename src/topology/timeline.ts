import type { Snapshot } from '../core/snapshot.js';
import { countActive } from '../core/activity.js';
import { analyzePruned } from './analyze-pruned.js';
import { checkSnapshot, pruneSnapshot } from './prune.js';
import { countAboveThreshold, resolveThreshold, type ResolvedThreshold, type ThresholdRule } from '../core/threshold.js';

/**
 * One epoch of a run's structure timeline, kept small: counts and layer widths, never the
 * graph. `bounded` entries carry only the counts (see `timelineEntry`).
 *
 * ```ts
 * const e: TimelineEntry = timelineEntry(snap, { epoch: 12, accuracy: 0.97, threshold: 1e-3 });
 * ```
 */
export interface TimelineEntry {
  epoch: number;
  accuracy: number | null;
  threshold: ResolvedThreshold;
  /** Live neurons; when bounded: neurons active on the data (with activity) or touched by a synapse. */
  activeNeurons: number;
  /** Live edges; when bounded: synapses above the threshold. */
  edges: number;
  edgesAboveThreshold: number;
  layerWidths: number[] | null;
  /** Live neurons at each iteration t = 0..I (the paper's reading of Fig. 3). */
  iterationWidths: number[] | null;
  /** Edges spanning more than one layer. */
  skips: number | null;
  loops: { sccs: number; selfLoops: number; backEdges: number } | null;
  strictMlp: boolean | null;
  /** Whether unrolled and longest-path layers agree. */
  agree: boolean | null;
  /** True when the synapses above the threshold exceeded maxEdges and only counts were taken. */
  bounded: boolean;
  boundHit: string | null;
  /** Neurons in the (possibly compacted) dense model at this epoch; set by training. */
  neurons?: number;
  /** The compaction done at this epoch, if any; set by training. */
  compacted?: { from: number; to: number } | null;
}

/**
 * Options of `timelineEntry`.
 *
 * ```ts
 * timelineEntry(snap, { epoch: 5, accuracy: 0.9, threshold: { relative: 0.01 }, maxEdges: 500_000 });
 * ```
 */
export interface TimelineOptions {
  epoch: number;
  accuracy: number | null;
  threshold: ThresholdRule;
  /** Most synapses above the threshold that are analysed; above it the entry is bounded. */
  maxEdges: number;
  /** Cut pairs that were 0 on every sample (when the snapshot has activity). */
  useActivity: boolean;
}

/**
 * Defaults of `timelineEntry`.
 *
 * ```ts
 * timelineEntry(snap, { ...TIMELINE_DEFAULTS, epoch: 1 });
 * ```
 */
export const TIMELINE_DEFAULTS: Omit<TimelineOptions, 'epoch'> = {
  accuracy: null,
  threshold: 0,
  maxEdges: 1_000_000,
  useActivity: true,
};

/**
 * Measure one epoch's structure on typed arrays (no graphology graph, ever). First one scan of W
 * counts the synapses above the threshold; when there are more than `maxEdges` (a dense W early
 * in training) the entry is `bounded` and holds only those counts. Otherwise the snapshot is
 * pruned and analysed in CSR form (`analyzePruned`).
 *
 * ```ts
 * appendTimeline(runDir, timelineEntry(snap, { epoch, accuracy, threshold: { relative: 0.01 } }));
 * ```
 */
export function timelineEntry(
  snapshot: Snapshot,
  options: Partial<TimelineOptions> & Pick<TimelineOptions, 'epoch'>,
): TimelineEntry {
  const o = { ...TIMELINE_DEFAULTS, ...options };
  checkSnapshot(snapshot);
  const { S } = snapshot.config;
  const threshold = resolveThreshold(snapshot.W, o.threshold);
  const count = countAboveThreshold(snapshot.W, S, threshold.value);
  if (count.edges > o.maxEdges) {
    const act = o.useActivity ? snapshot.activity : undefined;
    const activeNeurons = act ? countActive(act, snapshot.config) : count.neurons;
    return {
      epoch: o.epoch,
      accuracy: o.accuracy,
      threshold,
      activeNeurons,
      edges: count.edges,
      edgesAboveThreshold: count.edges,
      layerWidths: null,
      iterationWidths: null,
      skips: null,
      loops: null,
      strictMlp: null,
      agree: null,
      bounded: true,
      boundHit: `${count.edges} synapses above threshold ${threshold.value} exceed maxEdges (${o.maxEdges}): counts only`,
    };
  }
  const p = pruneSnapshot(snapshot, { threshold: threshold.value, useActivity: o.useActivity });
  const r = analyzePruned(p);
  return {
    epoch: o.epoch,
    accuracy: o.accuracy,
    threshold,
    activeNeurons: r.neurons.active,
    edges: r.edges.count,
    edgesAboveThreshold: count.edges,
    layerWidths: r.layers.widths,
    iterationWidths: r.layers.livePairsPerIteration,
    skips: r.skips.count,
    loops: { sccs: r.loops.sccs, selfLoops: r.loops.selfLoops, backEdges: r.loops.backEdges },
    strictMlp: r.strictMlp,
    agree: r.layers.agree,
    bounded: false,
    boundHit: null,
  };
}
