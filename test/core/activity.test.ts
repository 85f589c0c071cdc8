import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activityView, countActive, deadOutputs, deadPairs, everActive, firstActive } from '../../src/core/activity.js';
import type { ActivityStats } from '../../src/core/snapshot.js';
import { ShapeError } from '../../src/errors.js';

// S = 4 neurons, I = 2: rows are iterations l = 0, 1, 2.
const maxAbs = Float32Array.of(
  1, 0, 0, 0, // l = 0: only neuron 0 (an input) sees data
  0, 2, 0, 0, // l = 1: neuron 1
  0, 3, 0, 5, // l = 2: neurons 1 and 3
);
const stats: ActivityStats = { samples: 3, maxAbs, meanAbs: maxAbs.map((v) => v / 2), activeFraction: maxAbs.map((v) => (v ? 1 : 0)) };
const dims = { S: 4, I: 2 };

test('the activity accessors read the (I+1)×S layout by iteration and neuron', () => {
  assert.deepEqual([...firstActive(stats, dims)], [0, 1, -1, 2]);
  assert.deepEqual([...firstActive(stats, dims, 1)], [-1, 1, -1, 2]);
  assert.deepEqual([...everActive(stats, dims)], [0, 1, 0, 1]);
  assert.equal(countActive(stats, dims), 2);
  assert.deepEqual([...deadPairs(stats, dims)], [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0]);
  const view = activityView(stats, 'meanAbs', dims);
  assert.deepEqual(view.shape, [3, 4]);
  assert.equal(view.get(2, 3), 2.5);
  assert.equal(view.data, stats.meanAbs); // zero-copy
});

test('statistics of the wrong size are a ShapeError', () => {
  assert.throws(() => firstActive(stats, { S: 5, I: 2 }), ShapeError);
  assert.throws(() => deadPairs({ maxAbs: new Float32Array(3) }, dims), ShapeError);
});

test('deadOutputs names the outputs (as logits are numbered) that read 0 on every sample at the last iteration', () => {
  // Outputs are the last dOut neurons: with dOut = 2, neurons 2 and 3 are logits 0 and 1.
  assert.deepEqual(deadOutputs(stats, { ...dims, dOut: 2 }), [0]);
  assert.deepEqual(deadOutputs(stats, { ...dims, dOut: 1 }), []);
  assert.deepEqual(deadOutputs(stats, { ...dims, dOut: 3 }), [1]); // neuron 1 fires at l = 2, neuron 2 never
  assert.throws(() => deadOutputs({ maxAbs: new Float32Array(3) }, { ...dims, dOut: 2 }), ShapeError);
});
