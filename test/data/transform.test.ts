import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors.js';
import type { Dataset, Split } from '../../src/data/dataset.js';
import { loadIdxPair } from '../../src/data/idx.js';
import { makeSpheres } from '../../src/data/spheres.js';
import { featureStats, normalize, selectRows, splitTrainTest, subset } from '../../src/data/transform.js';
import { close, firstMismatch, IDX_DIR } from './fixtures.js';

const split = (rows: number[][], y?: number[]): Split => ({
  n: rows.length,
  x: Float32Array.from(rows.flat()),
  y: Int32Array.from(y ?? rows.map((_, i) => i)),
});

const tiny: Dataset = {
  name: 'tiny',
  dIn: 2,
  nClasses: 3,
  train: split([[0, 1], [2, 1], [4, 1]]),
  test: split([[2, 1], [6, 3]], [0, 1]),
};

/** Row s of a split as a plain array. */
const row = (s: Split, i: number) => Array.from(s.x.subarray(i * (s.x.length / s.n), (i + 1) * (s.x.length / s.n)));

describe('normalize', () => {
  it("'none' returns the dataset unchanged", () => {
    assert.equal(normalize(tiny, 'none'), tiny);
  });

  it("'standardize' uses train statistics for both splits, centring constant features", () => {
    const sd = Math.sqrt(8 / 3);
    const out = normalize(tiny, 'standardize');
    assert.equal(firstMismatch(out.train.x, [-2 / sd, 0, 0, 0, 2 / sd, 0]), -1);
    assert.equal(firstMismatch(out.test.x, [0, 0, 4 / sd, 2]), -1);
    assert.deepEqual(Array.from(tiny.train.x), [0, 1, 2, 1, 4, 1], 'input untouched');
    assert.equal(out.train.y, tiny.train.y);
  });

  it("'standardize' gives train features mean 0 and std 1 on spheres", () => {
    const out = normalize(makeSpheres({ nTrain: 500, nTest: 10 }), 'standardize');
    const { mean, std } = featureStats(out.train);
    for (let k = 0; k < mean.length; k++) {
      assert.ok(close(mean[k], 0, 0, 1e-6), `mean ${k}: ${mean[k]}`);
      assert.ok(close(std[k], 1, 1e-5), `std ${k}: ${std[k]}`);
    }
  });

  it("'unit' accepts image data in [0, 1] and rejects data outside it", () => {
    const img = loadIdxPair(`${IDX_DIR}/train-images-idx3-ubyte`, `${IDX_DIR}/train-labels-idx1-ubyte`);
    const ds: Dataset = { name: 'img', dIn: 784, nClasses: 10, train: img, test: img };
    assert.equal(normalize(ds, 'unit'), ds);
    assert.throws(() => normalize(tiny, 'unit'), ConfigError);
    assert.throws(() => normalize(tiny, 'bogus' as 'none'), ConfigError);
  });
});

describe('subset', () => {
  const data = makeSpheres({ nTrain: 200, nTest: 100, seed: 3 });

  it('the same seed gives the same subset, bit for bit', () => {
    const a = subset(data, { train: 50, test: 20, seed: 9 });
    const b = subset(data, { train: 50, test: 20, seed: 9 });
    assert.deepEqual(a, b);
    assert.equal(a.train.n, 50);
    assert.equal(a.test.n, 20);
    assert.equal(a.train.x.length, 50 * data.dIn);
  });

  it('another seed gives another subset; train does not depend on the test size', () => {
    const a = subset(data, { train: 50, seed: 9 });
    assert.notDeepEqual(subset(data, { train: 50, seed: 10 }).train.x, a.train.x);
    assert.deepEqual(subset(data, { train: 50, test: 7, seed: 9 }).train, a.train);
    assert.equal(a.test, data.test);
  });

  it('rows are distinct original rows with their labels, in original order', () => {
    const s = subset(data, { train: 30, seed: 2 }).train;
    const index = new Map<string, number>();
    for (let i = 0; i < data.train.n; i++) index.set(row(data.train, i).join(), i);
    let last = -1;
    for (let i = 0; i < s.n; i++) {
      const at = index.get(row(s, i).join());
      assert.ok(at !== undefined && at > last);
      assert.equal(s.y[i], data.train.y[at]);
      last = at;
    }
  });

  it('rejects sizes out of range', () => {
    assert.throws(() => subset(data, { train: 201 }), ConfigError);
    assert.throws(() => subset(data, { test: 0 }), ConfigError);
    assert.throws(() => subset(data, { train: 2.5 }), ConfigError);
  });
});

describe('splitTrainTest / selectRows', () => {
  const all = split(Array.from({ length: 50 }, (_, i) => [i, i + 100]), Array.from({ length: 50 }, (_, i) => i % 10));

  it('partitions the samples, seeded and deterministic', () => {
    const a = splitTrainTest(all, { testFraction: 0.2, seed: 4 });
    assert.equal(a.test.n, 10);
    assert.equal(a.train.n, 40);
    const firsts = [...a.train.x.filter((_, i) => i % 2 === 0), ...a.test.x.filter((_, i) => i % 2 === 0)].sort((p, q) => p - q);
    assert.deepEqual(firsts, Array.from({ length: 50 }, (_, i) => i));
    for (const s of [a.train, a.test]) for (let i = 0; i < s.n; i++) assert.equal(s.y[i], s.x[2 * i] % 10);
    assert.deepEqual(splitTrainTest(all, { testFraction: 0.2, seed: 4 }), a);
    assert.notDeepEqual(splitTrainTest(all, { testFraction: 0.2, seed: 5 }).test.x, a.test.x);
    assert.equal(splitTrainTest(all, { nTest: 7 }).test.n, 7);
  });

  it('rejects impossible splits', () => {
    assert.throws(() => splitTrainTest(all, { testFraction: 1 }), ConfigError);
    assert.throws(() => splitTrainTest(all, { nTest: 50 }), ConfigError);
    assert.throws(() => splitTrainTest(split([[1, 2]])), ConfigError);
  });

  it('selectRows picks rows in the given order', () => {
    const s = selectRows(all, [3, 0]);
    assert.deepEqual(Array.from(s.x), [3, 103, 0, 100]);
    assert.deepEqual(Array.from(s.y), [3, 0]);
  });
});
