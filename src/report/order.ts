import type { UrnConfig } from '../core/config.js';
import { neuronRole } from '../core/config.js';
import type { Snapshot } from '../core/snapshot.js';
import { pruneSnapshot } from '../topology/prune.js';
import type { ThresholdRule } from '../core/threshold.js';
import { DEFAULT_THRESHOLD } from '../core/threshold.js';
import { firstActive } from '../core/activity.js';

/** A run of consecutive neurons of one layer in a `NeuronOrder`. */
export interface LayerGroup {
  layer: number;
  start: number;
  count: number;
}

/**
 * The active neurons in the paper's display order (Fig. 3): by the iteration at which they first
 * fire, then inputs before hidden before outputs, then by id.
 *
 * ```ts
 * const o = orderNeurons(snap);
 * o.neurons[0]; o.groups; // [{ layer: 0, start: 0, count: 10 }, …]
 * ```
 */
export interface NeuronOrder {
  /** Neuron ids, in display order. */
  neurons: Int32Array;
  /** Layer of each listed neuron (same order): its first active iteration. */
  layer: Int32Array;
  groups: LayerGroup[];
  /**
   * `activity`: first iteration with |N_i| > 0 on some sample of the data;
   * `structure`: first iteration at which the neuron is live in the emergent network (see `firstLive`).
   */
  source: 'activity' | 'structure';
  /** S of the model. */
  total: number;
}


/**
 * First iteration at which each neuron carries a live value of the emergent network (depends on
 * the input and feeds the read-out, through synapses above the threshold), or −1. Needs no data.
 *
 * ```ts
 * firstLive(snap, { relative: 0.01 });
 * ```
 */
export function firstLive(snap: Snapshot, threshold: ThresholdRule): Int32Array {
  const { S, I } = snap.config;
  const { live } = pruneSnapshot(snap, { threshold }).unrolled;
  const out = new Int32Array(S).fill(-1);
  for (let i = 0; i < S; i++) {
    for (let t = 0; t <= I; t++) {
      if (live[t * S + i]) {
        out[i] = t;
        break;
      }
    }
  }
  return out;
}

/**
 * Order the neurons of a layer map (−1 = not shown) for display, grouped by layer.
 *
 * ```ts
 * orderByLayer(cfg, Int32Array.of(0, 1, -1, 2), 'structure');
 * ```
 */
export function orderByLayer(cfg: Pick<UrnConfig, 'S' | 'dIn' | 'dOut'>, layerOf: Int32Array, source: NeuronOrder['source']): NeuronOrder {
  const rank = { input: 0, hidden: 1, output: 2 } as const;
  const ids: number[] = [];
  for (let i = 0; i < layerOf.length; i++) if (layerOf[i] >= 0) ids.push(i);
  ids.sort((a, b) => layerOf[a] - layerOf[b] || rank[neuronRole(cfg, a)] - rank[neuronRole(cfg, b)] || a - b);
  const neurons = Int32Array.from(ids);
  const layer = Int32Array.from(ids, (i) => layerOf[i]);
  const groups: LayerGroup[] = [];
  for (let k = 0; k < ids.length; k++) {
    const g = groups[groups.length - 1];
    if (g && g.layer === layer[k]) g.count++;
    else groups.push({ layer: layer[k], start: k, count: 1 });
  }
  return { neurons, layer, groups, source, total: cfg.S };
}

/** Options of `orderNeurons`. */
export interface OrderOptions {
  /** Synapse threshold of the structural order (used without activity). */
  threshold: ThresholdRule;
}

/**
 * The active neurons of a snapshot in display order: from its activity statistics when present
 * (the paper's Fig. 3), otherwise from the structure (first iteration live in the emergent network).
 *
 * ```ts
 * const order = orderNeurons(snap); // order.source === 'activity' when snap.activity is set
 * ```
 */
export function orderNeurons(snap: Snapshot, options: Partial<OrderOptions> = {}): NeuronOrder {
  const { config } = snap;
  if (snap.activity) return orderByLayer(config, firstActive(snap.activity, config), 'activity');
  return orderByLayer(config, firstLive(snap, options.threshold ?? DEFAULT_THRESHOLD), 'structure');
}
