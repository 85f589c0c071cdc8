import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csrFromTriplets, Triplets } from '../../src/core/csr-build.js';
import { createRng } from '../../src/util/rng.js';

/** The obvious build: a map per row, duplicates summed in float64 in the order given. */
function reference(rows: number, r: number[], c: number[], v: number[]) {
  const perRow = Array.from({ length: rows }, () => new Map<number, number>());
  r.forEach((i, k) => perRow[i].set(c[k], (perRow[i].get(c[k]) ?? 0) + v[k]));
  const rowPtr = [0];
  const colIdx: number[] = [];
  const values: number[] = [];
  for (const m of perRow) {
    for (const j of [...m.keys()].sort((a, b) => a - b)) {
      colIdx.push(j);
      values.push(m.get(j)!);
    }
    rowPtr.push(colIdx.length);
  }
  return { rowPtr: Int32Array.from(rowPtr), colIdx: Int32Array.from(colIdx), values: Float32Array.from(values) };
}

test('csrFromTriplets equals a map-per-row build: any order, duplicates summed, columns ascending', () => {
  const rng = createRng(11);
  for (let trial = 0; trial < 30; trial++) {
    const rows = 1 + rng.int(40);
    const cols = 1 + rng.int(40);
    const count = rng.int(600);
    const sortedRows = trial % 3 === 0; // exporters push row by row; the others are any order
    const r = Array.from({ length: count }, () => rng.int(rows));
    if (sortedRows) r.sort((a, b) => a - b);
    const c = Array.from({ length: count }, () => rng.int(cols));
    if (trial % 6 === 0) c.sort((a, b) => a - b); // rows and columns in order (with trial % 3: no index array at all)
    const v = Array.from({ length: count }, () => rng.normal() * 10 ** (rng.int(8) - 4));
    const got = csrFromTriplets(rows, cols, Int32Array.from(r), Int32Array.from(c), Float64Array.from(v));
    const want = reference(rows, r, c, v);
    assert.deepEqual(got.rowPtr, want.rowPtr, `trial ${trial}`);
    assert.deepEqual(got.colIdx, want.colIdx, `trial ${trial}`);
    assert.deepEqual(got.values, want.values, `trial ${trial}: duplicates summed in the order given`);
    assert.equal(got.rows, rows);
    assert.equal(got.cols, cols);
  }
});

test('csrFromTriplets keeps empty rows and takes plain arrays', () => {
  const m = csrFromTriplets(4, 3, [2, 0, 2], [1, 2, 1], [0.5, 1, 0.25]);
  assert.deepEqual([...m.rowPtr], [0, 1, 1, 2, 2]);
  assert.deepEqual([...m.colIdx], [2, 1]);
  assert.deepEqual([...m.values], [1, 0.75]);
});

test('Triplets grows past its first capacity and hands back exactly what was pushed', () => {
  const t = new Triplets();
  for (let k = 0; k < 1000; k++) t.push(k % 7, (k * 13) % 5, k / 8);
  assert.equal(t.length, 1000);
  assert.equal(t.rows().length, 1000);
  assert.deepEqual([...t.rows().subarray(0, 8)], [0, 1, 2, 3, 4, 5, 6, 0]);
  assert.deepEqual([...t.cols().subarray(995)], [995 * 13 % 5, 996 * 13 % 5, 997 * 13 % 5, 998 * 13 % 5, 999 * 13 % 5]);
  assert.equal(t.values()[999], 999 / 8);
  for (const capacity of [0, 3, 1000]) {
    const u = new Triplets(capacity);
    for (let k = 0; k < 10; k++) u.push(k, k + 1, k / 2);
    assert.deepEqual([...u.rows()], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], `capacity ${capacity}`);
    assert.deepEqual([...u.values()], [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5], `capacity ${capacity}`);
  }
});
