import type { TopologyCsr } from '../core/csr.js';
import type { UnrollConfig, Unrolled } from '../core/unroll.js';
import { nodeRoles, persistSource } from '../core/roles.js';

/**
 * Layers of the emergent network, read off the unrolled computation.
 *
 * The layer λ of a live pair is its depth: the longest chain of φ applications from the data.
 * - λ = 0 for a data pair: an input at t = 0, or under `residual-input` an input pair whose φ
 *   part has no live predecessor (it holds x_i plus a constant).
 * - Otherwise λ(i, t) = max(1 + λ(j, t−1) over live predecessors j, λ(o, t−1) for a carried
 *   `residual-output` output, 0 for a re-injected input).
 *
 * Under the plain rule λ(i, t) = t, so a feedforward emergent net has inputs at layer 0,
 * hidden layers 1..I−1 and outputs at I, as in the paper's Eq. 1. Under the residual rules λ
 * is the depth rather than the iteration: a computation that starts late from re-injected
 * inputs, or outputs that stop changing after L < I steps, give L layers, not I.
 *
 * The layer Λ of a neuron is λ at its read-out for outputs (t = I), and its smallest λ for other
 * neurons. A neuron whose live pairs hold different λ is recurrent reuse (one W row applied at
 * several depths), except `residual-output` outputs, whose different depths accumulate into
 * one read-out (`accumulating`). Without reuse Λ satisfies the longest-path recursion on the
 * live edges, so it equals the longest-path layering of the neuron graph.
 *
 * ```ts
 * const { layer, reused } = unrolledLayers(csr, cfg, unroll(csr, cfg));
 * ```
 */
export interface UnrolledLayers {
  /** λ per pair (index t·n + i), −1 where not live. */
  pairLayer: Int32Array;
  /** Λ per node, −1 for nodes with no live pair. */
  layer: Int32Array;
  /** 1 for nodes whose live pairs hold different λ (not counting `accumulating` outputs). */
  reused: Uint8Array;
  /** 1 for `residual-output` outputs whose read-out sums φ terms of different depths. */
  accumulating: Uint8Array;
}

/**
 * Layers of the unrolled computation (see `UnrolledLayers`); O(I · edges).
 *
 * ```ts
 * const u = unroll(csr, cfg);
 * const { layer } = unrolledLayers(csr, cfg, u); // layer[c]: Λ of node c
 * ```
 */
export function unrolledLayers(csr: TopologyCsr, cfg: UnrollConfig, u: Unrolled): UnrolledLayers {
  const { n, I, live } = u;
  const roles = nodeRoles(csr, cfg);
  const resOut = cfg.rule === 'residual-output';
  const pairLayer = new Int32Array((I + 1) * n).fill(-1);
  for (let i = 0; i < n; i++) if (live[i]) pairLayer[i] = 0;
  for (let t = 1; t <= I; t++) {
    const cur = t * n;
    const prev = cur - n;
    for (let i = 0; i < n; i++) {
      if (!live[cur + i]) continue;
      const src = persistSource(cfg.rule, roles[i], i, t, n); // a value carried across φ
      let best = src >= 0 && live[src] ? pairLayer[src] : -1;
      for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) {
        const j = prev + csr.colIdx[k];
        if (live[j] && pairLayer[j] + 1 > best) best = pairLayer[j] + 1;
      }
      pairLayer[cur + i] = best;
    }
  }
  const layer = new Int32Array(n).fill(-1);
  const reused = new Uint8Array(n);
  const accumulating = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let lo = Infinity;
    let hi = -1;
    for (let t = 0; t <= I; t++) {
      const l = pairLayer[t * n + i];
      if (l < 0) continue;
      if (l < lo) lo = l;
      if (l > hi) hi = l;
    }
    if (hi < 0) continue;
    const readOut = pairLayer[I * n + i];
    layer[i] = roles[i] === 2 && readOut >= 0 ? readOut : lo;
    if (lo !== hi) {
      if (resOut && roles[i] === 2) accumulating[i] = 1;
      else reused[i] = 1;
    }
  }
  return { pairLayer, layer, reused, accumulating };
}
