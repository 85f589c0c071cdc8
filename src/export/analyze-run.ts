import { graphFromPruned, COMPILE_DEFAULTS } from '../topology/compile.js';
import { pruneSnapshot } from '../topology/prune.js';
import { analyze } from '../topology/analyze.js';
import { analyzePruned } from '../topology/analyze-pruned.js';
import type { TopologyGraph } from '../topology/graph.js';
import type { TopologyReport } from '../topology/report.js';
import { loadRun, type LoadedRun } from '../train/load-run.js';
import { deadOutputs } from '../core/activity.js';
import { hiddenFromLayer } from '../topology/layer-members.js';
import { ConfigError, GraphBoundError } from '../errors.js';
import { structureFidelity, type FidelityOptions, type StructureFidelity } from './fidelity.js';
import { certifyWithout, type Ablation } from './ablate.js';

/** Hidden neurons to silence: their ids, or every hidden neuron at unrolled layer ≥ `fromLayer`. */
export type SilenceSpec = number[] | { fromLayer: number };

/** Options of `analyzeRun`. */
export interface AnalyzeRunOptions extends FidelityOptions {
  /** Measure every neuron's activity on the run's training data (tells dead neurons apart). */
  activity: boolean;
  /**
   * Build the graphology graph only up to this many live edges (see `compile`); above it the
   * report comes from the typed arrays (`analyzePruned`, the same report) and `graph` is null.
   */
  maxEdges: number;
  /** Also certify the structure with these hidden neurons silenced (see `certifyWithout`); needs data. */
  silence?: SilenceSpec;
}

/** Defaults of `analyzeRun`: activity measured, the verified threshold, `compile`'s edge bound. */
export const ANALYZE_RUN_DEFAULTS: AnalyzeRunOptions = { activity: true, maxEdges: COMPILE_DEFAULTS.maxEdges, threshold: 'verified' };

/** What `analyzeRun` found: the structure, and how faithful it is to the dense network. */
export interface RunAnalysis {
  /** The compiled graph, each node with its `layer`; null above `maxEdges` (see `graphSkipped`). */
  graph: TopologyGraph | null;
  report: TopologyReport;
  /** The structure's live edges (the graph's size, built or not). */
  liveEdges: number;
  /** Why no graph was built (`liveEdges` exceeds `maxEdges`), else null. */
  graphSkipped: string | null;
  activity: LoadedRun['activity'];
  /** Why activity was asked for but not measured, else null. */
  warning: string | null;
  /** The certificate of the structure shown (see `structureFidelity`). */
  fidelity: StructureFidelity;
  /** Outputs that read 0 on every training sample (`deadOutputs`; empty without activity). */
  deadOutputs: number[];
  /** The certificate with `silence`'s neurons silenced, at the structure's threshold; null when not asked. */
  ablation: Ablation | null;
}

/**
 * The warning for dead outputs: their classes are predicted only by ties; when all `dOut` are
 * dead, that the network is not learning (no gradient reaches it).
 *
 * ```ts
 * deadOutputWarning([0], 2); // 'output 0 reads 0 on every training sample: …'
 * deadOutputWarning([0, 1], 2); // 'every output reads 0 on every training sample: …'
 * ```
 */
export function deadOutputWarning(dead: number[], dOut: number): string | null {
  if (dead.length === 0) return null;
  if (dead.length === dOut) {
    return `every output reads 0 on every training sample: the cross-entropy passes no gradient, so the network is not learning, and with output biases of 0 or less it will not recover (the regulators only empty it). Retrain with another seed, or light the outputs at init (urn train --output-bias 0.1).`;
  }
  const which = `${dead.length > 1 ? 'outputs' : 'output'} ${dead.join(', ')}`;
  return `${which} ${dead.length > 1 ? 'read' : 'reads'} 0 on every training sample: a dead relu takes no gradient, and its class is predicted only when the logits tie (argmax's first index), so accuracy overstates this network. Retrain with another seed.`;
}

/**
 * Analyse a run: read its checkpoint, measure activity on its training data, choose the
 * threshold (by default the verified one, as `urn export --threshold auto`), compile the
 * emergent graph there (each node carries its `layer`, so GEXF and GraphML do too; above
 * `maxEdges` only the report, from the typed arrays) and certify
 * the pruned network against the dense one on the run's test split plus samples around it; with
 * `silence`, certify it again with those hidden neurons silenced. What `urn analyze` prints.
 *
 * ```ts
 * const a = await analyzeRun('runs/spheres');
 * a.report.layers.widths; a.fidelity.certificate?.argmaxAgreement; // 1 when verified
 * const b = await analyzeRun('runs/spheres', { silence: { fromLayer: 2 } });
 * b.ablation?.pass; // false: the layers past the first do work the outputs need
 * const early = await analyzeRun('runs/one-epoch'); // a near-dense W: too many edges for a graph
 * early.graph; // null, and early.graphSkipped says why; early.report is still the full report
 * ```
 */
export async function analyzeRun(path: string, options: Partial<AnalyzeRunOptions> = {}): Promise<RunAnalysis> {
  const o = { ...ANALYZE_RUN_DEFAULTS, ...options };
  const { snapshot, data, activity, warning } = await loadRun(path, { activity: o.activity, data: true });
  const test = data ? { x: data.test.x, n: data.test.n, y: data.test.y } : null;
  if (o.silence && !test) throw new ConfigError(`analyze: ${path} records no dataset, so silenced neurons cannot be certified. Analyze a run trained by urn train, or drop --silence.`);
  const fidelity = await structureFidelity(snapshot, test, o);
  const pruned = pruneSnapshot(snapshot, { threshold: fidelity.threshold });
  const liveEdges = pruned.liveEdgeCount;
  const graph = liveEdges <= o.maxEdges ? graphFromPruned(snapshot, pruned, { maxEdges: o.maxEdges }) : null;
  const report = graph ? analyze.assign(graph) : analyzePruned(pruned);
  const graphSkipped = graph ? null : `${liveEdges} live edges exceed maxEdges (${o.maxEdges}): the report comes from the typed arrays and no graph was built`;
  const dead = snapshot.activity ? deadOutputs(snapshot.activity, snapshot.config) : [];
  let ablation: Ablation | null = null;
  if (o.silence && test) {
    const neurons = Array.isArray(o.silence) ? o.silence : hiddenFromLayer(graphFor({ graph, liveEdges }, o.maxEdges), o.silence.fromLayer);
    ablation = await certifyWithout(snapshot, test, neurons, { threshold: fidelity.threshold, tolerance: fidelity.tolerance, minAgreement: fidelity.minAgreement, synthetic: o.synthetic });
  }
  return { graph, report, liveEdges, graphSkipped, activity, warning, fidelity, deadOutputs: dead, ablation };
}

/**
 * The analysis's graph where a caller needs one (silencing by layer, GEXF, GraphML), or a
 * `GraphBoundError` saying why there is none and what to do.
 *
 * ```ts
 * const a = await analyzeRun('runs/early', { maxEdges: 1e6 });
 * toGexf(graphFor(a, 1e6));
 * ```
 */
export function graphFor(a: Pick<RunAnalysis, 'graph' | 'liveEdges'>, maxEdges: number): TopologyGraph {
  if (a.graph) return a.graph;
  throw new GraphBoundError(
    `analyze: ${a.liveEdges} live edges exceed --max-edges (${maxEdges}), so no graph was built. GEXF, GraphML and --silence from-layer:k need one: raise --max-edges to ${a.liveEdges} or use a higher --threshold.`,
    a.liveEdges,
    maxEdges,
  );
}
