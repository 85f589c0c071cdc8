import type { DirectedGraph } from 'graphology';
import type { ResolvedThreshold } from '../core/threshold.js';
import type { UrnConfig } from '../core/config.js';
import type { ConstantOutput, RemovalCounts } from './prune.js';

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
