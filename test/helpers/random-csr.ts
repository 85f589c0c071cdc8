import { csrFromTriplets } from '../../src/core/csr-build.js';
import type { Csr } from '../../src/core/csr.js';
import { createRng } from '../../src/util/rng.js';

/** A rows×cols CSR matrix with each entry present with probability `density`, standard-normal values. */
export function randomCsr(rows: number, cols: number, density: number, seed: number): Csr {
  const rng = createRng(seed);
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if (rng.next() < density) (r.push(i), c.push(j), v.push(rng.normal()));
  return csrFromTriplets(rows, cols, r, c, v);
}
