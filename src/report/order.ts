import type { UrnConfig } from '../urn/config.js';
import { neuronRole } from '../urn/config.js';
import type { ActivityStats, Snapshot } from '../urn/snapshot.js';
import { DEFAULT_THRESHOLD, thresholdValue, type EdgeThreshold } from './threshold.js';

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
   * `structure`: first iteration at which the input reaches the neuron through synapses above the threshold.
   */
  source: 'activity' | 'structure';
  /** S of the model. */
  total: number;
}

/**
 * First iteration l = 0..I at which each neuron is nonzero on some sample (`maxAbs > 0`), or −1.
 *
 * ```ts
 * firstActive(snap.activity, snap.config.S, snap.config.I);
 * ```
 */
export function firstActive(a: ActivityStats, S: number, I: number): Int32Array {
  const out = new Int32Array(S).fill(-1);
  for (let i = 0; i < S; i++) {
    for (let l = 0; l <= I; l++) {
      if (a.maxAbs[l * S + i] > 0) {
        out[i] = l;
        break;
      }
    }
  }
  return out;
}

/**
 * First iteration at which the input can reach each neuron through synapses with |W_ij| > threshold
 * (inputs at 0; residual rules keep inputs or outputs reached), or −1. Needs no data.
 *
 * ```ts
 * firstReachable(snap.config, snap.W, 1e-3);
 * ```
 */
export function firstReachable(cfg: Pick<UrnConfig, 'S' | 'I' | 'dIn' | 'dOut' | 'rule'>, W: Float32Array, threshold: number): Int32Array {
  const { S, I, dIn, dOut } = cfg;
  const out = new Int32Array(S).fill(-1);
  let cur = new Uint8Array(S);
  for (let i = 0; i < dIn; i++) {
    cur[i] = 1;
    out[i] = 0;
  }
  for (let t = 1; t <= I; t++) {
    const next = new Uint8Array(S);
    for (let i = 0; i < S; i++) {
      const row = i * S;
      for (let j = 0; j < S; j++) {
        if (cur[j] && Math.abs(W[row + j]) > threshold) {
          next[i] = 1;
          break;
        }
      }
    }
    if (cfg.rule === 'residual-input') for (let i = 0; i < dIn; i++) next[i] = 1;
    if (cfg.rule === 'residual-output') for (let o = S - dOut; o < S; o++) if (cur[o]) next[o] = 1;
    for (let i = 0; i < S; i++) if (next[i] && out[i] < 0) out[i] = t;
    cur = next;
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
  threshold: EdgeThreshold;
}

/**
 * The active neurons of a snapshot in display order: from its activity statistics when present
 * (the paper's Fig. 3), otherwise from the structure (first iteration reachable from the inputs).
 *
 * ```ts
 * const order = orderNeurons(snap); // order.source === 'activity' when snap.activity is set
 * ```
 */
export function orderNeurons(snap: Snapshot, options: Partial<OrderOptions> = {}): NeuronOrder {
  const { config } = snap;
  if (snap.activity) return orderByLayer(config, firstActive(snap.activity, config.S, config.I), 'activity');
  const thr = thresholdValue(snap.W, options.threshold ?? DEFAULT_THRESHOLD);
  return orderByLayer(config, firstReachable(config, snap.W, thr), 'structure');
}
