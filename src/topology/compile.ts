import { DirectedGraph } from 'graphology';
import { neuronRole } from '../core/config.js';
import type { Snapshot } from '../core/snapshot.js';
import { firstActive } from '../core/activity.js';
import { GraphBoundError, prefix } from '../errors.js';
import { pruneSnapshot, type Pruned } from './prune.js';
import type { ThresholdRule } from '../core/threshold.js';
import type { NeuronAttributes, TopologyGraph } from './graph.js';

export type { NeuronAttributes, SynapseAttributes, TopologyGraph, TopologyGraphAttributes } from './graph.js';

const where = prefix('compile');

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
