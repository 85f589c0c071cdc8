import type { UrnConfig } from '../core/config.js';
import type { Snapshot } from '../core/snapshot.js';
import { pruneSnapshot } from '../topology/prune.js';
import { unrolledLayers } from '../topology/layers.js';
import { DEFAULT_THRESHOLD, type ResolvedThreshold, type ThresholdRule } from '../core/threshold.js';
import type { Edge } from './edges.js';

/** Default synapse threshold of the figures: 1 % of the largest |W_ij|. */

/**
 * The emergent network as the figures draw it: its neurons with a layer each, and its synapses
 * strongest first. Plain arrays, no graph.
 *
 * ```ts
 * const net = emergentNetwork(snap);
 * net.neurons.length; net.edges[0]; // the strongest live synapse
 * ```
 */
export interface NetworkView {
  config: UrnConfig;
  /** Neuron ids, ascending. */
  neurons: Int32Array;
  /** Layer Λ of each listed neuron (same order). */
  layer: Int32Array;
  /** Synapses between listed neurons, sorted by |W| descending. */
  edges: Edge[];
  threshold: ResolvedThreshold;
  /** How layers were found. */
  layering: string;
  /** Neuron coordinates (3·S) with a geometry. */
  coords?: Float32Array;
  /** Neurons the pruning removed (never active, unreachable, irrelevant, input-independent). */
  removed: number;
}

/** Options of `emergentNetwork`. */
export interface NetworkOptions {
  /** Synapses with |W_ij| at or below this are not part of the network. */
  threshold: ThresholdRule;
}

/**
 * The emergent network of a snapshot (`src/topology`): synapses above the threshold, the unrolled
 * computation over them, the live neurons and live synapses, each neuron at its unrolled layer Λ
 * (its depth: inputs 0, the paper's hidden layers 1, 2, …). Uses the activity statistics, when
 * present, to cut pairs that were 0 on every sample.
 *
 * ```ts
 * const net = emergentNetwork(snap, { threshold: { relative: 0.01 } });
 * ```
 */
export function emergentNetwork(snap: Snapshot, options: Partial<NetworkOptions> = {}): NetworkView {
  const p = pruneSnapshot(snap, { threshold: options.threshold ?? DEFAULT_THRESHOLD });
  const { layer } = unrolledLayers(p.csr, p.config, p.unrolled);
  const ids: number[] = [];
  for (let i = 0; i < layer.length; i++) if (p.kept[i] && layer[i] >= 0) ids.push(i);
  const listed = new Uint8Array(layer.length);
  for (const i of ids) listed[i] = 1;
  const edges: Edge[] = [];
  const { rowPtr, colIdx, values } = p.csr;
  for (let i = 0; i < p.csr.rows; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const j = colIdx[k];
      if (p.edgeLive[k] && listed[i] && listed[j]) edges.push({ source: p.csr.neuron[j], target: p.csr.neuron[i], weight: values[k] });
    }
  }
  edges.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.target - b.target || a.source - b.source);
  return {
    config: snap.config,
    neurons: Int32Array.from(ids, (c) => p.csr.neuron[c]),
    layer: Int32Array.from(ids, (c) => layer[c]),
    edges,
    threshold: p.threshold,
    layering: 'unrolled depth Λ',
    coords: snap.coords ?? p.coords,
    removed: p.removed.total,
  };
}
