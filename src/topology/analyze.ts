import type { AbstractGraph } from 'graphology-types';
import type { UrnConfig } from '../core/config.js';
import { ConfigError, prefix } from '../errors.js';
import { analyzeCsr, type CsrAnalysis } from './analyze-csr.js';
import { csrFromGraph, type EdgeWeightGetter } from './csr-graph.js';
import type { TopologyReport } from './report.js';

const where = prefix('analyze');

/**
 * Options of `analyze`.
 *
 * ```ts
 * analyze(graph, { getEdgeWeight: (_e, a) => Math.abs(a.weight), maxListed: 10 });
 * ```
 */
export interface AnalyzeOptions {
  /** How to read edge weights (used for the |w| shares of the geometry statistics). */
  getEdgeWeight: EdgeWeightGetter;
  /** The URN config; default: the graph's `config` attribute (set by `compile`). */
  config: Pick<UrnConfig, 'S' | 'I' | 'dIn' | 'dOut' | 'rule' | 'activation' | 'readout' | 'geometry'> | undefined;
  /** Longest neuron-id and SCC-size lists in the report. */
  maxListed: number;
}

/**
 * Defaults of `analyze`.
 *
 * ```ts
 * analyze(graph, { ...ANALYZE_DEFAULTS, maxListed: 8 });
 * ```
 */
export const ANALYZE_DEFAULTS: AnalyzeOptions = { getEdgeWeight: 'weight', config: undefined, maxListed: 64 };

function run(graph: AbstractGraph, options: Partial<AnalyzeOptions>): CsrAnalysis & { keys: string[] } {
  const o = { ...ANALYZE_DEFAULTS, ...options };
  const config = o.config ?? (graph.getAttribute('config') as AnalyzeOptions['config']);
  if (!config) {
    throw new ConfigError(where("the graph has no 'config' attribute. Compile it with compile() or pass options.config."));
  }
  const { csr, keys } = csrFromGraph(graph, o.getEdgeWeight);
  const n = csr.rows;
  const { I } = config;
  // Pairs compile found not live stay cut, so the analysis sees exactly the compiled emergent net.
  // (used only when every node has liveIterations)
  let cut: Uint8Array | undefined = new Uint8Array((I + 1) * n).fill(1);
  let coords: Float64Array | undefined = new Float64Array(3 * n);
  for (let c = 0; c < n; c++) {
    const a = graph.getNodeAttributes(keys[c]);
    if (cut && Array.isArray(a.liveIterations)) {
      for (const t of a.liveIterations as number[]) if (Number.isInteger(t) && t >= 0 && t <= I) cut[t * n + c] = 0;
    } else cut = undefined;
    if (coords && typeof a.x === 'number' && typeof a.y === 'number' && typeof a.z === 'number') {
      coords[3 * c] = a.x;
      coords[3 * c + 1] = a.y;
      coords[3 * c + 2] = a.z;
    } else coords = undefined;
  }
  if (cut) for (let c = 0; c < n; c++) cut[c] = 0;
  const attrs = graph.getAttributes();
  const pruning =
    attrs.removed && attrs.unusedInputs && attrs.unusedOutputs
      ? {
          removed: attrs.removed,
          unusedInputs: attrs.unusedInputs,
          unusedOutputs: attrs.unusedOutputs,
          edgesAboveThreshold: attrs.edgesAboveThreshold ?? csr.colIdx.length,
          edgesNotLive: attrs.edgesNotLive ?? 0,
        }
      : null;
  const res = analyzeCsr(
    { csr, config, cut, coords, threshold: (attrs.threshold as TopologyReport['threshold']) ?? null, pruning },
    o.maxListed,
  );
  return { ...res, keys };
}

/**
 * Analyse a neuron graph (from `compile`, or any directed graph with a `config`): layers and
 * widths of the unrolled computation, cross-checked against longest-path layering, strict-MLP
 * test, skip connections, recurrent loops and grid statistics. Graph nodes are neurons (integer
 * `index` attribute or key); the nodes' `liveIterations` attributes, when every node has one,
 * fix the live pairs (as compiled). Compiles the graph once into CSR; no recursion.
 *
 * ```ts
 * const report = analyze(compile(snap, { threshold: 1e-3 }));
 * report.layers.widths; report.strictMlp; report.skips.count;
 * ```
 */
export function analyze(graph: AbstractGraph, options: Partial<AnalyzeOptions> = {}): TopologyReport {
  return run(graph, options).report;
}

/**
 * Like `analyze`, and also write each node's unrolled layer (`layer`, −1 when not live), its
 * longest-path layer (`longestPathLayer`, −1 when cyclic or unreachable) and `reused` onto the
 * node attributes.
 *
 * ```ts
 * analyze.assign(graph);
 * graph.getNodeAttribute('12', 'layer'); // 1
 * ```
 */
analyze.assign = function assign(graph: AbstractGraph, options: Partial<AnalyzeOptions> = {}): TopologyReport {
  const { report, layers, longestPath, keys } = run(graph, options);
  for (let c = 0; c < keys.length; c++) {
    graph.mergeNodeAttributes(keys[c], {
      layer: layers.layer[c],
      longestPathLayer: longestPath ? longestPath[c] : -1,
      reused: layers.reused[c] === 1,
    });
  }
  return report;
};
