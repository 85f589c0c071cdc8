import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DENSE_MIN_DENSITY, packPanel, storeDense } from '../../src/runtime/pack-panel.js';
import { csrFromTriplets } from '../../src/core/csr-build.js';

test('packPanel: tiles of four rows interleaved by column, then the last rows row-major, zeros kept', () => {
  // A[r][c] = 10r + c + 1 for a 6×2 matrix, with A[1][0] left out (a zero)
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < 6; i++) for (let j = 0; j < 2; j++) if (!(i === 1 && j === 0)) (r.push(i), c.push(j), v.push(10 * i + j + 1));
  const panel = packPanel(csrFromTriplets(6, 2, r, c, v));
  assert.deepEqual(Array.from(panel), [1, 0, 21, 31, 2, 12, 22, 32, 41, 42, 51, 52]);
});

test('storeDense: dense from DENSE_MIN_DENSITY of entries nonzero; an empty matrix stays CSR', () => {
  const n = 20;
  const keep = Math.ceil(DENSE_MIN_DENSITY * n);
  const matrix = (k: number) => csrFromTriplets(4, 5, Array.from({ length: k }, (_, q) => Math.floor(q / 5)), Array.from({ length: k }, (_, q) => q % 5), Array.from({ length: k }, () => 1));
  assert.equal(storeDense(matrix(keep)), true);
  assert.equal(storeDense(matrix(keep - 1)), false);
  assert.equal(storeDense(csrFromTriplets(0, 3, [], [], [])), false);
});
