import { DirectedGraph } from 'graphology';
import type { UrnConfig } from '../core/config.js';
import { neuronRole } from '../core/config.js';
import type { Snapshot } from '../core/snapshot.js';
import { firstActive } from '../core/activity.js';
import { prefix } from '../errors.js';
import { GraphBoundError } from '../errors.js';
import { pruneSnapshot, type ConstantOutput, type Pruned, type RemovalCounts } from './prune.js';
import type { ResolvedThreshold, ThresholdRule } from '../core/threshold.js';

const where = prefix('compile');

/**
 * Attributes of a neuron node of a compiled graph (node key: the neuron id as a string).
 *
 * ```ts
 * graph.getNodeAttribute('12', 'foldedBias'); // [null, 0.31, null, null, null]
 * ```
 */
export interface NeuronAttributes {
  index: number;
  role: 'input' | 'hidden' | 'output';
  /** Grid coordinates, present with a geometry (GEXF writes them as the node position). */
  x?: number;
  y?: number;
  z?: number;
  /** The trained bias b_i. */
  bias: number;
  /** Iterations t at which the pair (i, t) is live. */
  liveIterations: number[];
  /** Per iteration t = 0..I: the bias inside φ with constant inputs folded in; null where not live (and at t = 0). */
  foldedBias: (number | null)[];
  /** Per iteration, residual-output outputs only: the constant carried into a live pair after φ; null where not live. */
  foldedOffset?: (number | null)[];
  /** Per iteration t = 0..I, from the activity statistics: mean and max of |N_i^(t)| over the samples. */
  meanActivity?: number[];
  maxActivity?: number[];
  /** First iteration with |N_i^(t)| > 0 on some sample, or null. */
  firstActive?: number | null;
  /** Written by `analyze.assign`: unrolled layer Λ, longest-path layer (−1 when none) and reuse. */
  layer?: number;
  longestPathLayer?: number;
  reused?: boolean;
}

/**
 * Attributes of a synapse edge j → i.
 *
 * ```ts
 * graph.getEdgeAttributes('3', '12'); // { weight: 0.8, liveIterations: [1] }
 * ```
 */
export interface SynapseAttributes {
  /** W_ij. */
  weight: number;
  /** Iterations t at which (j, t−1) → (i, t) is live. */
  liveIterations: number[];
}

/**
 * Attributes of a compiled graph.
 *
 * ```ts
 * graph.getAttribute('threshold'); // { value: 0.004, rule: { relative: 0.01 } }
 * ```
 */
export interface TopologyGraphAttributes {
  config: UrnConfig;
  threshold: ResolvedThreshold;
  /** Synapses with |W_ij| above the threshold, and how many of those are not live (not edges). */
  edgesAboveThreshold: number;
  edgesNotLive: number;
  removed: RemovalCounts;
  unusedInputs: number[];
  unusedOutputs: ConstantOutput[];
  /** Samples of the activity statistics that were used, or null. */
  activitySamples: number | null;
}

/**
 * A compiled neuron graph.
 *
 * ```ts
 * const graph: TopologyGraph = compile(snap);
 * ```
 */
export type TopologyGraph = DirectedGraph<NeuronAttributes, SynapseAttributes, TopologyGraphAttributes>;

/**
 * Options of `compile`.
 *
 * ```ts
 * compile(snap, { threshold: { quantile: 0.99 }, maxEdges: 50_000 });
 * ```
 */
export interface CompileOptions {
  /** Synapses with |W_ij| ≤ threshold are dropped (a number, `{ relative }` or `{ quantile }`). */
  threshold: ThresholdRule;
  /** Most edges the graph may have; above it `GraphBoundError` is thrown and nothing is built. */
  maxEdges: number;
  /** Cut pairs that were 0 on every sample (when the snapshot has activity). */
  useActivity: boolean;
}

/**
 * Defaults of `compile`.
 *
 * ```ts
 * compile(snap, { ...COMPILE_DEFAULTS, useActivity: false });
 * ```
 */
export const COMPILE_DEFAULTS: CompileOptions = { threshold: 0, maxEdges: 200_000, useActivity: true };

/**
 * Compile a snapshot into its emergent neuron graph: the live neurons (plus every input and
 * output), and an edge j → i with weight W_ij for each synapse above the threshold that is live
 * at some iteration (self-loops included). Synapses that only ever carry constants are folded
 * into the `foldedBias` of the pairs they feed. Throws `GraphBoundError` above `maxEdges`.
 *
 * ```ts
 * const graph = compile(snap, { threshold: { relative: 0.01 } });
 * graph.getAttribute('removed'); // { neverActive, unreachable, irrelevant, inputIndependent, total }
 * ```
 */
export function compile(snapshot: Snapshot, options: Partial<CompileOptions> = {}): TopologyGraph {
  const o = { ...COMPILE_DEFAULTS, ...options };
  return graphFromPruned(snapshot, pruneSnapshot(snapshot, o), o);
}

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Build the graphology graph of an already pruned snapshot (see `compile`), if it has at most
 * `maxEdges` live edges; throws `GraphBoundError` otherwise.
 *
 * ```ts
 * const p = pruneSnapshot(snap, { threshold: 1e-3 });
 * const graph = p.liveEdgeCount <= 1e5 ? graphFromPruned(snap, p) : null;
 * ```
 */
export function graphFromPruned(
  snapshot: Snapshot,
  p: Pruned,
  options: Partial<Pick<CompileOptions, 'maxEdges'>> = {},
): TopologyGraph {
  const maxEdges = options.maxEdges ?? COMPILE_DEFAULTS.maxEdges;
  if (p.liveEdgeCount > maxEdges) {
    throw new GraphBoundError(
      where(
        `${p.liveEdgeCount} live edges exceed maxEdges (${maxEdges}); no graph was built. ` +
          'Raise the threshold or maxEdges, or analyse the typed arrays with analyzePruned().',
      ),
      p.liveEdgeCount,
      maxEdges,
    );
  }
  const cfg = p.config;
  const { S, I } = cfg;
  const u = p.unrolled;
  const act = p.activitySamples !== null ? snapshot.activity : undefined;
  const graph: TopologyGraph = new DirectedGraph();
  graph.replaceAttributes({
    config: cfg,
    threshold: p.threshold,
    edgesAboveThreshold: p.csr.colIdx.length,
    edgesNotLive: p.csr.colIdx.length - p.liveEdgeCount,
    removed: p.removed,
    unusedInputs: p.unusedInputs,
    unusedOutputs: p.unusedOutputs,
    activitySamples: p.activitySamples,
  });
  const first = act ? firstActive(act, cfg) : undefined;
  for (let i = 0; i < S; i++) {
    if (!p.kept[i]) continue;
    const role = neuronRole(cfg, i);
    const attr: NeuronAttributes = { index: i, role, bias: snapshot.b[i], liveIterations: [], foldedBias: [] };
    if (p.coords) {
      attr.x = p.coords[3 * i];
      attr.y = p.coords[3 * i + 1];
      attr.z = p.coords[3 * i + 2];
    }
    const offset = cfg.rule === 'residual-output' && role === 'output' ? ([] as (number | null)[]) : undefined;
    for (let t = 0; t <= I; t++) {
      const q = t * S + i;
      const live = u.live[q] === 1;
      if (live) attr.liveIterations.push(t);
      attr.foldedBias.push(live && t > 0 ? num(u.foldedBias[q]) : null);
      offset?.push(live && t > 0 ? u.foldedOffset[q] : null);
    }
    if (offset) attr.foldedOffset = offset;
    if (act) {
      attr.meanActivity = [];
      attr.maxActivity = [];
      attr.firstActive = first![i] >= 0 ? first![i] : null;
      for (let t = 0; t <= I; t++) {
        attr.meanActivity.push(act.meanAbs[t * S + i]);
        attr.maxActivity.push(act.maxAbs[t * S + i]);
      }
    }
    graph.addNode(String(i), attr);
  }
  const { rowPtr, colIdx, values } = p.csr;
  for (let i = 0; i < S; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      if (!p.edgeLive[k]) continue;
      const j = colIdx[k];
      const liveIterations: number[] = [];
      for (let t = 1; t <= I; t++) if (u.live[(t - 1) * S + j] && u.live[t * S + i]) liveIterations.push(t);
      graph.addDirectedEdgeWithKey(`${j}>${i}`, String(j), String(i), { weight: values[k], liveIterations });
    }
  }
  return graph;
}
