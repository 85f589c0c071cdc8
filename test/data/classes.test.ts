import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keepClasses, padFeatures } from '../../src/data/classes.js';
import { makeSpheres } from '../../src/data/spheres.js';
import type { Dataset } from '../../src/data/dataset.js';
import { ConfigError } from '../../src/errors.js';

const four: Dataset = {
  name: 'toy',
  dIn: 2,
  nClasses: 4,
  train: { n: 4, x: Float32Array.of(0, 0, 1, 1, 2, 2, 3, 3), y: Int32Array.of(3, 1, 0, 2) },
  test: { n: 2, x: Float32Array.of(5, 5, 6, 6), y: Int32Array.of(2, 0) },
  image: { height: 1, width: 2, channels: 1 },
};

test('keepClasses keeps the first k classes in order', () => {
  const two = keepClasses(four, 2);
  assert.equal(two.nClasses, 2);
  assert.deepEqual(Array.from(two.train.y), [1, 0]);
  assert.deepEqual(Array.from(two.train.x), [1, 1, 2, 2]);
  assert.deepEqual(Array.from(two.test.y), [0]);
  assert.equal(keepClasses(four, 4), four);
  assert.throws(() => keepClasses(four, 1), ConfigError);
  assert.throws(() => keepClasses(four, 5), ConfigError);
});

test('padFeatures appends zero features and drops the image layout', () => {
  const p = padFeatures(four, 3);
  assert.equal(p.dIn, 3);
  assert.equal(p.image, undefined);
  assert.deepEqual(Array.from(p.test.x), [5, 5, 0, 6, 6, 0]);
  assert.equal(padFeatures(makeSpheres({ d: 4, nTrain: 10, nTest: 5 }), 4).dIn, 4);
  assert.throws(() => padFeatures(four, 1), ConfigError);
});
