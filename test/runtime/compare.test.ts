import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareLogits, predictedClass, REL_ERROR_FLOOR, rowError } from '../../src/runtime/compare.js';
import { ShapeError } from '../../src/errors.js';

test('rowError: the largest |Δlogit| of a row, over the dense scale, and whether the class flips', () => {
  const dense = Float32Array.from([1, 4, -2, /* row 1 */ 0, 0, 0]);
  const sparse = Float32Array.from([9, 9, 9, /* row 0 of sparse, compared with dense row 1 */ 0, 1e-9, 0]);
  assert.deepEqual(rowError(Float32Array.from([1.5, 4, -2]), 0, dense, 0, 3), { abs: 0.5, rel: 0.5 / 4, flip: false });
  assert.deepEqual(rowError(Float32Array.from([5, 4, -2]), 0, dense, 0, 3), { abs: 4, rel: 1, flip: true });
  // All-zero dense logits: the relative error divides by the floor, and stays finite.
  const z = rowError(sparse, 1, dense, 1, 3);
  assert.equal(z.rel, Math.fround(1e-9) / REL_ERROR_FLOOR);
  assert.equal(z.flip, true, 'argmax of [0, 1e-9, 0] is 1, of [0, 0, 0] is 0');
  // A NaN logit is an infinite error, never within a tolerance.
  const nan = rowError(Float32Array.from([NaN, 4, -2]), 0, dense, 0, 3);
  assert.equal(nan.abs, Infinity);
  assert.equal(nan.rel, Infinity);
  assert.equal(predictedClass(Float32Array.from([-0.5]), 0, 1), 0, 'one logit: class 1 only when > 0');
});

test('compareLogits: the worst row, the agreement over all rows and both accuracies over the labelled ones', () => {
  const dense = Float32Array.from([1, 0, 0, 1, 2, 0, 0, 3]);
  const sparse = Float32Array.from([1, 0, 0.2, 1, 0, 2.5, 0, 3]);
  const c = compareLogits(sparse, dense, 4, 2, Int32Array.from([0, 1, 1]));
  assert.equal(c.maxAbsError, 2.5);
  assert.equal(c.maxRelError, 2.5 / 2);
  assert.equal(c.argmaxAgreement, 3 / 4);
  assert.equal(c.accuracyDense, 2 / 3);
  assert.equal(c.accuracySparse, 3 / 3);
  assert.throws(() => compareLogits(sparse, dense, 3, 2), ShapeError);
  assert.throws(() => compareLogits(sparse, dense, 4, 2, new Int32Array(5)), ShapeError);
  assert.equal(compareLogits(new Float32Array(0), new Float32Array(0), 0, 2).argmaxAgreement, 1);
});
