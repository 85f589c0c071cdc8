import type { UrnConfig } from './config.js';

/**
 * Coordinates of every neuron on the config's X×Y×Z grid, as `coords[3*i + k]` (x, y, z), with
 * z running 1..Z. Neurons 0..X·Y-1 are the input plane z=1 in row-major (y, x) order, matching a
 * row-major image resized to X×Y. The top plane z=Z is ordered so that its dOut cells nearest
 * the centre come last: they are the output neurons S-dOut..S-1. A compacted network
 * (`geometry.cells`) gets the coordinates of its cells only. Returns undefined without a
 * geometry.
 *
 * ```ts
 * const c = gridCoords(resolveConfig({ S: 3*3*2, I: 2, dIn: 9, dOut: 1, geometry: { grid: [3,3,2], beta: 1, gamma: 1 } }));
 * // c.slice(-3) is [1, 1, 2]: the output sits at the centre of the top plane
 * ```
 */
export function gridCoords(cfg: UrnConfig): Float32Array | undefined {
  if (!cfg.geometry) return undefined;
  const [X, Y, Z] = cfg.geometry.grid;
  const coords = new Float32Array(X * Y * Z * 3);
  let i = 0;
  const put = (x: number, y: number, z: number) => {
    coords[3 * i] = x;
    coords[3 * i + 1] = y;
    coords[3 * i + 2] = z;
    i++;
  };
  for (let z = 1; z < Z; z++) for (let y = 0; y < Y; y++) for (let x = 0; x < X; x++) put(x, y, z);
  // Top plane: sort cells by distance to the centre (ties by index, so it is deterministic),
  // keep the dOut nearest for the end, in row-major order among themselves.
  const cx = (X - 1) / 2;
  const cy = (Y - 1) / 2;
  const cells = Array.from({ length: X * Y }, (_, k) => k);
  const dist = (k: number) => ((k % X) - cx) ** 2 + (Math.floor(k / X) - cy) ** 2;
  const byCentre = [...cells].sort((a, b) => dist(a) - dist(b) || a - b);
  const outputs = new Set(byCentre.slice(0, cfg.dOut));
  const order = [...cells.filter((k) => !outputs.has(k)), ...cells.filter((k) => outputs.has(k))];
  for (const k of order) put(k % X, Math.floor(k / X), Z);
  const kept = cfg.geometry.cells;
  if (!kept) return coords;
  // A compacted network: neuron i sits in cell kept[i] of the full grid.
  const out = new Float32Array(kept.length * 3);
  kept.forEach((c, i) => out.set(coords.subarray(3 * c, 3 * c + 3), 3 * i));
  return out;
}

/**
 * Distance between neurons i and j on the uplift metric ds² = dx² + dy² + β·dz² (paper Eq. 8).
 *
 * ```ts
 * upliftDistance(coords, 0, 5, 2.0);
 * ```
 */
export function upliftDistance(coords: Float32Array, i: number, j: number, beta: number): number {
  const dx = coords[3 * i] - coords[3 * j];
  const dy = coords[3 * i + 1] - coords[3 * j + 1];
  const dz = coords[3 * i + 2] - coords[3 * j + 2];
  return Math.sqrt(dx * dx + dy * dy + beta * dz * dz);
}

/**
 * The S×S matrix of d_ij^γ for i ≠ j and 0 on the diagonal, row-major: the weights of the
 * synaptic-length regulator c_syn·Σ_{i≠j}|W_ij|·d_ij^γ (paper Eq. 9).
 *
 * ```ts
 * const D = synapseLengthMatrix(coords, S, beta, gamma);
 * ```
 */
export function synapseLengthMatrix(coords: Float32Array, S: number, beta: number, gamma: number): Float32Array {
  const D = new Float32Array(S * S);
  for (let i = 0; i < S; i++) {
    for (let j = 0; j < S; j++) {
      D[i * S + j] = i === j ? 0 : Math.pow(upliftDistance(coords, i, j, beta), gamma);
    }
  }
  return D;
}
