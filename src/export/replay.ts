import type { Snapshot } from '../core/snapshot.js';
import { ShapeError, prefix } from '../errors.js';
import type { ReplayModel } from '../core/sparse-model.js';
import { subCsr } from '../core/csr.js';
import { keptSynapses } from './kept.js';
import { unroll } from '../core/unroll.js';
import type { UrnConfig } from '../core/config.js';
import type { Csr } from '../core/csr.js';

const where = prefix('sparse replay');

/**
 * Which neurons the replay form must keep: those with some output-relevant pair (i, t) that
 * depends on the input or holds a nonzero constant. A neuron whose relevant pairs are all the
 * constant 0 contributes exactly nothing and is dropped; the outputs are always kept.
 *
 * ```ts
 * const keep = replayNeurons(snapshot.config, unrolled); // Uint8Array(S)
 * ```
 */
export function replayNeurons(cfg: Snapshot['config'], u: KeptUnrolled): Uint8Array {
  const { S, I, dOut } = cfg;
  const keep = new Uint8Array(S);
  for (let t = 0; t <= I; t++) {
    const o = t * S;
    for (let i = 0; i < S; i++) {
      if (u.need[o + i] && (u.dep[o + i] || u.constant[o + i] !== 0)) keep[i] = 1;
    }
  }
  for (let i = S - dOut; i < S; i++) keep[i] = 1;
  return keep;
}

/**
 * Export the replay form: the URN with synapses |W_ij| ≤ threshold dropped, restricted to the
 * neurons that can matter (see `replayNeurons`) and renumbered in increasing dense id. Replaying
 * it is exact up to the dropped synapses.
 *
 * ```ts
 * const m = toReplay(snapshot, 1e-3);
 * m.neurons.length; m.W.colIdx.length; // kept neurons and synapses
 * ```
 */
export function toReplay(snapshot: Pick<Snapshot, 'config' | 'W' | 'b'>, thresholdIn: number): ReplayModel {
  const threshold = thresholdIn === 0 ? 0 : thresholdIn; // -0 → 0
  const cfg = snapshot.config;
  const { S, dIn, dOut } = cfg;
  if (snapshot.b.length !== S) throw new ShapeError(where(`b must have S = ${S} entries, got ${snapshot.b.length}.`));
  const kept = keptSynapses(snapshot, threshold);
  const u = unrollKept(cfg, snapshot.b, kept);
  const keep = replayNeurons(cfg, u);
  const compact = new Int32Array(S).fill(-1);
  let K = 0;
  for (let i = 0; i < S; i++) if (keep[i]) compact[i] = K++;
  const neurons = new Int32Array(K);
  const b = new Float32Array(K);
  for (let i = 0; i < S; i++) {
    if (keep[i]) {
      neurons[compact[i]] = i;
      b[compact[i]] = snapshot.b[i];
    }
  }
  const W = subCsr(kept, keep);
  const inputIndex = new Int32Array(dIn);
  for (let k = 0; k < dIn; k++) inputIndex[k] = compact[k];
  const outputIndex = new Int32Array(dOut);
  for (let k = 0; k < dOut; k++) outputIndex[k] = compact[S - dOut + k];
  return { form: 'replay', config: structuredClone(cfg), threshold, neurons, W, b, inputIndex, outputIndex };
}

/**
 * The unroll of the replay form, in its older shape: relevance through constants, over dense
 * neuron ids. `dep` is `reachable` and `need` is `relevant` of `unroll(kept, cfg, { bias: b,
 * relevance: 'through-constants' })`.
 *
 * ```ts
 * const u = unrollKept(snapshot.config, snapshot.b, keptSynapses(snapshot, 1e-3));
 * u.need[u.I * u.S + outputNeuron(snapshot.config, 0)]; // 1
 * ```
 * @deprecated Use `unroll` with `relevance: 'through-constants'`.
 */
export function unrollKept(cfg: UrnConfig, b: Float32Array, kept: Csr): KeptUnrolled {
  const u = unroll(kept, cfg, { bias: b, relevance: 'through-constants' });
  return { S: cfg.S, I: cfg.I, dep: u.reachable, need: u.relevant, constant: u.constant };
}

/**
 * What `unrollKept` returns: per pair (neuron i, iteration t) at `t*S + i`, whether it depends on
 * x (`dep`), whether the read-out needs it (`need`) and its value when constant.
 *
 * ```ts
 * const { dep, need, constant }: KeptUnrolled = unrollKept(cfg, snap.b, kept);
 * ```
 */
export interface KeptUnrolled {
  S: number;
  I: number;
  dep: Uint8Array;
  need: Uint8Array;
  constant: Float64Array;
}
