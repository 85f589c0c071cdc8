import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planMatMul } from '../../../src/train/kernels/matmul-plan.js';

test('plans plain, transposed and batched GEMMs', () => {
  assert.deepEqual(planMatMul([128, 1000], [1000, 1000], false, true), {
    batch: 1, M: 128, N: 1000, K: 1000, strideA: 0, strideB: 0, outShape: [128, 1000],
  });
  assert.deepEqual(planMatMul([5, 7], [5, 3], true, false)?.outShape, [7, 3]);
  const p = planMatMul([2, 3, 4, 5], [2, 3, 5, 6], false, false)!;
  assert.deepEqual([p.batch, p.strideA, p.strideB, p.outShape], [6, 20, 30, [2, 3, 4, 6]]);
  const q = planMatMul([1, 4, 5], [3, 5, 6], false, false)!;
  assert.deepEqual([q.batch, q.strideA, q.strideB, q.outShape], [3, 0, 30, [3, 4, 6]]);
});

test('declines what the addon does not cover (the original kernel runs instead)', () => {
  assert.equal(planMatMul([4, 5], [2, 5, 6], false, false), null); // different ranks
  assert.equal(planMatMul([2, 4, 5], [3, 5, 6], false, false), null); // batch 2 vs 3
  assert.equal(planMatMul([4, 5], [6, 7], false, false), null); // inner dims differ
});
