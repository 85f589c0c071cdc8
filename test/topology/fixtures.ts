import type { Activation, UpdateRule, UrnConfig } from '../../src/core/config.js';
import type { ActivityStats, Snapshot } from '../../src/core/snapshot.js';
import { createRng, type Rng } from '../../src/util/rng.js';
import type { TopologyCsr } from '../../src/core/csr.js';
import type { Unrolled } from '../../src/core/unroll.js';
import type { TopologyGraph } from '../../src/topology/compile.js';

/** Float64-vs-float64 tolerance (same maths, different summation order). */
export const F64 = { rtol: 1e-9, atol: 1e-12 };

const phi = (a: Activation) => (a === 'relu' ? (z: number) => Math.max(0, z) : Math.tanh);

/** A nonzero weight of magnitude in [0.3, 1.3). */
export const weight = (rng: Rng) => (rng.next() < 0.5 ? -1 : 1) * (0.3 + rng.next());

/**
 * An MLP with the given layer widths embedded in a URN (paper Eq. 1): W block sub-diagonal,
 * S = Σ widths, I = layers − 1, inputs at the start and outputs at the end, input biases 0.
 */
export function mlpSnapshot(
  widths: number[],
  o: { rule?: UpdateRule; activation?: Activation; seed?: number; extra?: number } = {},
): { snap: Snapshot; offsets: number[] } {
  const extra = o.extra ?? 0;
  const S = widths.reduce((a, b) => a + b, 0) + extra;
  const dIn = widths[0];
  const dOut = widths[widths.length - 1];
  const config: UrnConfig = {
    S, I: widths.length - 1, dIn, dOut, rule: o.rule ?? 'plain', activation: o.activation ?? 'relu', seed: o.seed ?? 1,
  };
  const rng = createRng(o.seed ?? 1);
  const offsets: number[] = [];
  let off = 0;
  for (let k = 0; k < widths.length; k++) {
    // the extra hidden neurons sit just before the outputs
    if (k === widths.length - 1) off += extra;
    offsets.push(off);
    off += widths[k];
  }
  const W = new Float32Array(S * S);
  const b = new Float32Array(S);
  for (let k = 1; k < widths.length; k++) {
    for (let i = 0; i < widths[k]; i++) {
      b[offsets[k] + i] = 0.2 * rng.normal();
      for (let j = 0; j < widths[k - 1]; j++) W[(offsets[k] + i) * S + offsets[k - 1] + j] = weight(rng);
    }
  }
  return { snap: { config, W, b }, offsets };
}

/** n×d standard-normal inputs. */
export function inputs(n: number, d: number, seed = 7): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  for (let k = 0; k < x.length; k++) x[k] = rng.normal();
  return x;
}

/**
 * The oracle: the dense URN in float64 on one sample, synapses with |W| ≤ threshold dropped.
 * Returns every state N^(0..I), index t·S + i.
 */
export function denseStates(snap: Snapshot, x: ArrayLike<number>, threshold = 0): Float64Array {
  const { S, I, dIn, dOut, rule, activation } = snap.config;
  const f = phi(activation);
  const N = new Float64Array((I + 1) * S);
  for (let i = 0; i < dIn; i++) N[i] = x[i];
  for (let t = 1; t <= I; t++) {
    for (let i = 0; i < S; i++) {
      let z = snap.b[i];
      for (let j = 0; j < S; j++) {
        const w = snap.W[i * S + j];
        if (Math.abs(w) > threshold) z += w * N[(t - 1) * S + j];
      }
      let v = f(z);
      if (rule === 'residual-output' && i >= S - dOut) v += N[(t - 1) * S + i];
      if (rule === 'residual-input' && i < dIn) v += x[i];
      N[t * S + i] = v;
    }
  }
  return N;
}

/** Dense float64 logits of n samples (n×dOut). */
export function denseLogits(snap: Snapshot, x: Float64Array, n: number, threshold = 0): Float64Array {
  const { S, I, dIn, dOut } = snap.config;
  const out = new Float64Array(n * dOut);
  for (let s = 0; s < n; s++) {
    const N = denseStates(snap, x.subarray(s * dIn, (s + 1) * dIn), threshold);
    for (let k = 0; k < dOut; k++) out[s * dOut + k] = N[I * S + S - dOut + k];
  }
  return out;
}

/** Activity statistics of the float64 oracle over n samples (float32, like the trainer's). */
export function activityOf(snap: Snapshot, x: Float64Array, n: number): ActivityStats {
  const { S, I, dIn } = snap.config;
  const L = (I + 1) * S;
  const sum = new Float64Array(L);
  const maxAbs = new Float32Array(L);
  const nz = new Float64Array(L);
  for (let s = 0; s < n; s++) {
    const N = denseStates(snap, x.subarray(s * dIn, (s + 1) * dIn));
    for (let p = 0; p < L; p++) {
      const a = Math.abs(N[p]);
      sum[p] += a;
      if (a > maxAbs[p]) maxAbs[p] = a;
      if (a !== 0) nz[p]++;
    }
  }
  return {
    samples: n,
    meanAbs: Float32Array.from(sum, (v) => v / n),
    maxAbs,
    activeFraction: Float32Array.from(nz, (v) => v / n),
  };
}

/**
 * Replay only the live pairs of an unrolled URN, with the folded biases and offsets: the exact
 * emergent network. Logits of n samples (n×dOut); a constant output reads its constant.
 */
export function replayLive(csr: TopologyCsr, cfg: UrnConfig, u: Unrolled, x: Float64Array, n: number): Float64Array {
  const { S, I, dIn, dOut, rule } = cfg;
  const f = phi(cfg.activation);
  const m = csr.rows;
  const node = new Map<number, number>();
  for (let c = 0; c < m; c++) node.set(csr.neuron[c], c);
  const out = new Float64Array(n * dOut);
  const v = new Float64Array((I + 1) * m);
  for (let s = 0; s < n; s++) {
    v.fill(NaN); // anything that reads a non-live pair poisons the result
    const xs = x.subarray(s * dIn, (s + 1) * dIn);
    for (let c = 0; c < m; c++) if (u.live[c] && csr.neuron[c] < dIn) v[c] = xs[csr.neuron[c]];
    for (let t = 1; t <= I; t++) {
      for (let c = 0; c < m; c++) {
        const p = t * m + c;
        if (!u.live[p]) continue;
        let z = u.foldedBias[p];
        for (let k = csr.rowPtr[c]; k < csr.rowPtr[c + 1]; k++) {
          const q = (t - 1) * m + csr.colIdx[k];
          if (u.live[q]) z += csr.values[k] * v[q];
        }
        let val = f(z) + u.foldedOffset[p];
        const id = csr.neuron[c];
        if (rule === 'residual-output' && id >= S - dOut && u.live[p - m]) val += v[p - m];
        if (rule === 'residual-input' && id < dIn) val += xs[id];
        v[p] = val;
      }
    }
    for (let k = 0; k < dOut; k++) {
      const c = node.get(S - dOut + k);
      const p = I * m + (c ?? 0);
      out[s * dOut + k] = c !== undefined && u.live[p] ? v[p] : u.constant[p];
    }
  }
  return out;
}

/** A random sparse snapshot (W density `density`, scale ~1/sqrt(fan-in)), deterministic in seed. */
export function randomSnapshot(o: {
  S: number; I: number; dIn: number; dOut: number; rule: UpdateRule; activation: Activation; density: number; seed: number;
}): Snapshot {
  const config: UrnConfig = { S: o.S, I: o.I, dIn: o.dIn, dOut: o.dOut, rule: o.rule, activation: o.activation, seed: o.seed };
  const rng = createRng(o.seed);
  const W = new Float32Array(o.S * o.S);
  const std = 1.2 / Math.sqrt(Math.max(1, o.S * o.density));
  for (let k = 0; k < W.length; k++) if (rng.next() < o.density) W[k] = rng.normal() * std;
  const b = new Float32Array(o.S);
  for (let i = 0; i < o.S; i++) b[i] = 0.3 * rng.normal();
  return { config, W, b };
}

export const RULES: UpdateRule[] = ['plain', 'residual-output', 'residual-input'];
export const ACTS: Activation[] = ['relu', 'tanh'];

/**
 * Replay a compiled graph from its attributes alone (liveIterations, foldedBias, foldedOffset,
 * edge weights, unusedOutputs), as an exporter would: logits of n samples (n×dOut).
 */
export function replayGraph(g: TopologyGraph, x: Float64Array, n: number): Float64Array {
  const cfg = g.getAttribute('config');
  const { S, I, dIn, dOut, rule } = cfg;
  const f = phi(cfg.activation);
  const constants = new Map(g.getAttribute('unusedOutputs').map((o) => [o.neuron, o.value]));
  const out = new Float64Array(n * dOut);
  for (let s = 0; s < n; s++) {
    const v = new Map<string, number>(); // `${node}@${t}`
    const at = (k: string, t: number) => v.get(`${k}@${t}`);
    const xs = x.subarray(s * dIn, (s + 1) * dIn);
    for (let t = 0; t <= I; t++) {
      g.forEachNode((k, a) => {
        if (!a.liveIterations.includes(t)) return;
        if (t === 0) {
          v.set(`${k}@0`, xs[a.index]);
          return;
        }
        let z = a.foldedBias[t]!;
        g.forEachInEdge(k, (_e, ea, src) => {
          const u = at(src, t - 1);
          if (u !== undefined) z += ea.weight * u;
        });
        let val = f(z) + (a.foldedOffset?.[t] ?? 0);
        if (rule === 'residual-output' && a.role === 'output') val += at(k, t - 1) ?? 0;
        if (rule === 'residual-input' && a.role === 'input') val += xs[a.index];
        v.set(`${k}@${t}`, val);
      });
    }
    for (let k = 0; k < dOut; k++) {
      const id = S - dOut + k;
      out[s * dOut + k] = at(String(id), I) ?? constants.get(id)!;
    }
  }
  return out;
}
