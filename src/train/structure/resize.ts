import { compactState, type CompactState } from '../compact.js';
import { ConfigError, ShapeError, prefix } from '../../errors.js';

const where = prefix('resize');

/**
 * Rows and columns of a row-major S×S matrix picked by `map` (new index → old index); a
 * `-1` entry is a new neuron whose row and column are 0. `gatherSquare` with room to grow.
 *
 * ```ts
 * reindexSquare(Float32Array.of(1, 2, 3, 4), 2, Int32Array.of(0, -1, 1)); // [1,0,2, 0,0,0, 3,0,4]
 * ```
 */
export function reindexSquare(a: Float32Array, S: number, map: Int32Array): Float32Array {
  const n = map.length;
  const out = new Float32Array(n * n);
  for (let r = 0; r < n; r++) {
    if (map[r] < 0) continue;
    const row = map[r] * S;
    for (let c = 0; c < n; c++) if (map[c] >= 0) out[r * n + c] = a[row + map[c]];
  }
  return out;
}

/**
 * Entries of a vector picked by `map`; `-1` entries are 0 (Int32: `fresh`).
 *
 * ```ts
 * reindexVector(Float32Array.of(5, 6), Int32Array.of(0, -1, 1)); // [5, 0, 6]
 * ```
 */
export function reindexVector<T extends Float32Array | Int32Array>(a: T, map: Int32Array, fresh = 0): T {
  const out = new (a.constructor as new (n: number) => T)(map.length);
  for (let k = 0; k < map.length; k++) out[k] = map[k] < 0 ? fresh : a[map[k]];
  return out;
}

/**
 * Insert one hidden neuron just before the outputs (index S − dOut), the compaction run the
 * other way: W, b and both Adam moments get a zero row and column (Adam's step count is kept),
 * then the new neuron's outgoing column is set to `outgoing` (length S + 1; its own entry and
 * its whole incoming row stay 0). With φ(0) = 0 (tanh) the new neuron's value is 0 at every
 * iteration, so the network's function is unchanged until training moves its incoming weights.
 * The new neuron's id is one past the largest id so far.
 *
 * ```ts
 * const next = growState(state, outgoing);
 * ```
 */
export function growState(s: CompactState, outgoing: Float32Array): CompactState {
  const { S, dOut } = s.config;
  if (s.config.geometry) throw new ConfigError(where(`growth needs a network without a grid geometry (new neurons have no cell). Drop --grid.`));
  if (outgoing.length !== S + 1) throw new ShapeError(where(`outgoing column has ${outgoing.length} entries, expected S + 1 = ${S + 1}.`));
  const at = S - dOut;
  const map = Int32Array.from({ length: S + 1 }, (_, k) => (k < at ? k : k === at ? -1 : k - 1));
  const sq = (a: Float32Array) => reindexSquare(a, S, map);
  const vec = (a: Float32Array) => reindexVector(a, map);
  const W = sq(s.W);
  for (let i = 0; i <= S; i++) if (i !== at) W[i * (S + 1) + at] = outgoing[i];
  let next = 0;
  for (const id of s.neuronIds) next = Math.max(next, id + 1);
  return {
    config: { ...s.config, S: S + 1 },
    W,
    b: vec(s.b),
    adam: { t: s.adam.t, m: [sq(s.adam.m[0]), vec(s.adam.m[1]), ...s.adam.m.slice(2)], v: [sq(s.adam.v[0]), vec(s.adam.v[1]), ...s.adam.v.slice(2)] },
    neuronIds: reindexVector(s.neuronIds, map, next),
  };
}

/**
 * Delete hidden neurons (given by their current indices): `compactState` keeping the rest.
 *
 * ```ts
 * const next = shrinkState(state, [3]);
 * ```
 */
export function shrinkState(s: CompactState, remove: readonly number[]): CompactState {
  const drop = new Set(remove);
  const keep = Int32Array.from({ length: s.config.S }, (_, i) => i).filter((i) => !drop.has(i));
  const out = compactState({ ...s, adam: { ...s.adam, m: s.adam.m.slice(0, 2), v: s.adam.v.slice(0, 2) } }, keep);
  return { ...out, adam: { ...out.adam, m: [...out.adam.m, ...s.adam.m.slice(2)], v: [...out.adam.v, ...s.adam.v.slice(2)] } };
}
