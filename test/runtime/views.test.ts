import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csrToNdarray, logitsView } from '../../src/runtime/views.js';
import { csrFromTriplets } from '../../src/core/csr-build.js';

test('csrFromTriplets sums duplicates and sorts columns; csrToNdarray materialises it', () => {
  const m = csrFromTriplets(2, 3, [1, 0, 1, 1], [2, 1, 0, 2], [0.5, 1, 2, 0.25]);
  assert.deepEqual([...m.rowPtr], [0, 1, 3]);
  assert.deepEqual([...m.colIdx], [1, 0, 2]);
  assert.deepEqual([...m.values], [1, 2, 0.75]);
  const d = csrToNdarray(m);
  assert.deepEqual(d.shape, [2, 3]);
  assert.equal(d.get(1, 2), 0.75);
  assert.equal(d.get(0, 0), 0);
});

test('logitsView is a zero-copy n×dOut view', () => {
  const y = Float32Array.of(1, 2, 3, 4, 5, 6);
  const v = logitsView(y, 3, 2);
  assert.equal(v.get(2, 1), 6);
  v.set(0, 0, 9);
  assert.equal(y[0], 9);
});
