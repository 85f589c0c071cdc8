import type { UrnConfig } from '../core/config.js';
import type { ConstantOutput, RemovalCounts } from './prune.js';
import type { SynapseGeometry } from './synapse-geometry.js';
import type { ResolvedThreshold } from '../core/threshold.js';

/**
 * What `analyze` found in a neuron graph: plain JSON (numbers, strings, arrays, objects), so
 * `JSON.parse(JSON.stringify(r))` deep-equals `r`. Lists of neurons are capped (`maxListed`).
 *
 * ```ts
 * const r: TopologyReport = analyze(compile(snap, { threshold: 1e-3 }));
 * r.layers.widths; // e.g. [10, 6, 4, 2]
 * ```
 */
export interface TopologyReport {
  config: Pick<UrnConfig, 'S' | 'I' | 'dIn' | 'dOut' | 'rule' | 'activation' | 'readout'>;
  /** The threshold the graph was compiled with, when known. */
  threshold: ResolvedThreshold | null;
  neurons: {
    /** Nodes in the graph (kept neurons, unused inputs and outputs included). */
    nodes: number;
    /** Nodes with a live pair, in all and by role. */
    active: number;
    input: number;
    hidden: number;
    output: number;
  };
  edges: { count: number; selfLoops: number };
  /** What compile removed, when the graph came from `compile` or `pruneSnapshot`. */
  pruning: {
    removed: RemovalCounts;
    unusedInputs: number[];
    unusedOutputs: ConstantOutput[];
    edgesAboveThreshold: number;
    edgesNotLive: number;
  } | null;
  layers: {
    /** Active neurons per unrolled layer Λ = 0..depth (see `UnrolledLayers`). */
    widths: number[];
    /** Live pairs at each iteration t = 0..I. */
    livePairsPerIteration: number[];
    /** Neurons used at several depths (recurrent reuse), their count and the first ids. */
    reused: number;
    reusedNeurons: number[];
    /** residual-output outputs that sum terms of different depths. */
    accumulatingOutputs: number;
    /** Widths of the longest-path layering of the neuron graph; null when it has a cycle (besides self-loops). */
    longestPath: number[] | null;
    /** Whether both layerings give every node the same layer. */
    agree: boolean;
    /** Nodes on which they differ (all nodes when longestPath is null). */
    disagreements: number;
  };
  /** At least one edge, and every edge goes from a layer k to k + 1 (no self-loops). */
  strictMlp: boolean;
  /** Histogram of Λ(target) − Λ(source) over edges between active nodes, self-loops excluded. */
  spans: Record<string, number>;
  /** Edges spanning more than one layer. */
  skips: { count: number; spans: Record<string, number> };
  /** Recurrent structure: SCCs with more than one neuron, self-loops, and edges against the layering. */
  loops: {
    sccs: number;
    largestScc: number;
    sccSizes: number[];
    selfLoops: number;
    /** Span < 0. */
    backEdges: number;
    /** Span 0, self-loops excluded. */
    sameLayerEdges: number;
  };
  /** Edges touching a node without a layer (only in graphs not made by `compile`). */
  unlayeredEdges: number;
  /** Grid statistics (paper Fig. 6), with a geometry. */
  geometry: SynapseGeometry | null;
}
