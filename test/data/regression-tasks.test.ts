import { test } from 'node:test';
import assert from 'node:assert/strict';
import { besselJ0, makeBessel } from '../../src/data/bessel.js';
import { makeSpirals } from '../../src/data/spirals.js';
import { loadTaskSpec } from '../../src/data/task-spec.js';
import { taskKind, taskShape } from '../../src/data/task.js';
import { ConfigError } from '../../src/errors.js';

test('J₀ matches reference values (Abramowitz & Stegun, table 9.1)', () => {
  assert.equal(besselJ0(0), 1);
  assert.ok(Math.abs(besselJ0(1) - 0.7651976865579666) < 1e-14);
  assert.ok(Math.abs(besselJ0(5) - -0.1775967713143383) < 1e-13);
  assert.ok(Math.abs(besselJ0(2.404825557695773)) < 1e-13); // first zero
  assert.equal(besselJ0(-3), besselJ0(3));
});

test('bessel: min-max scaled to [-1, 1] and split 80/20', () => {
  const d = makeBessel({ n: 500, seed: 2 });
  assert.equal(d.train.n + d.test.n, 500);
  assert.equal(d.test.n, 100);
  const all = [...d.train.y, ...d.test.y];
  assert.ok(Math.abs(Math.min(...all) + 1) < 1e-6 && Math.abs(Math.max(...all) - 1) < 1e-6);
  // Each sample keeps its pair: y is J₀ of the unscaled x.
  const x = (d.train.x[0] + 1) * 2 * Math.PI - 2 * Math.PI;
  const lo = besselJ0(3.8317059702075125); // J₀'s minimum on [-2π, 2π], at the first zero of J₁
  // (the grid misses the exact minimum by < 1e-4 at this spacing)
  assert.ok(Math.abs(d.train.y[0] - ((2 * (besselJ0(x) - lo)) / (1 - lo) - 1)) < 2e-4);
  assert.throws(() => makeBessel({ n: 2 }), ConfigError);
});

test('spirals: 5 balanced classes in [-1, 1]²', () => {
  const d = makeSpirals({ n: 1000, seed: 1 });
  assert.equal(d.dIn, 2);
  assert.equal(d.nClasses, 5);
  assert.equal(d.train.n + d.test.n, 1000);
  const counts = new Array(5).fill(0);
  for (const y of [...d.train.y, ...d.test.y]) counts[y]++;
  assert.deepEqual(counts, [200, 200, 200, 200, 200]);
  for (const v of d.train.x) assert.ok(v >= -1 && v <= 1);
  assert.throws(() => makeSpirals({ classes: 1 }), ConfigError);
});

test('task specs name every task kind', () => {
  const spec = { seed: 1, normalize: 'none' as const };
  assert.equal(taskKind(loadTaskSpec({ ...spec, dataset: 'brackets-easy', nTrain: 5 })), 'sequence');
  assert.equal(taskKind(loadTaskSpec({ ...spec, dataset: 'bessel' })), 'regression');
  assert.deepEqual(taskShape(loadTaskSpec({ ...spec, dataset: 'spirals' })), { dIn: 2, dOut: 5 });
  assert.throws(() => loadTaskSpec({ ...spec, dataset: 'brackets-medium' }), ConfigError);
  assert.throws(() => loadTaskSpec({ ...spec, dataset: 'spirals', T: 12 }), { name: 'ConfigError', message: /--T is the brackets' window length; 'spirals' takes none/ });
  assert.equal(taskShape(loadTaskSpec({ ...spec, dataset: 'brackets-hard', T: 12, nTrain: 5 })).dIn, 4);
});
