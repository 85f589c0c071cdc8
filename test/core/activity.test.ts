import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activityAccumulator, activityView, countActive, deadOutputs, deadPairs, everActive, firstActive } from '../../src/core/activity.js';
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

test('activityAccumulator gives the statistics of all chunks at once, by hand', () => {
  // S = 3, I = 1; two chunks (2 samples, then 1) of states N^(0), N^(1), each m×S row-major.
  const acc = activityAccumulator({ S: 3, I: 1 });
  acc.add([Float32Array.of(1, 0, -2, 0, 0, 4), Float32Array.of(0, -3, 1, 0, 0.5, 0)], 2);
  acc.add([Float32Array.of(-1, 0, 0), Float32Array.of(0, 0, -6)], 1);
  const st = acc.finish();
  assert.equal(st.samples, 3);
  assert.deepEqual([...st.maxAbs], [1, 0, 4, 0, 3, 6]);
  assert.deepEqual([...st.meanAbs], [2 / 3, 0, 2, 0, 3.5 / 3, 7 / 3].map(Math.fround));
  assert.deepEqual([...st.activeFraction], [2 / 3, 0, 2 / 3, 0, 2 / 3, 2 / 3].map(Math.fround));
  assert.throws(() => acc.add([new Float32Array(6)], 2), (e: unknown) => e instanceof ShapeError && /I\+1 = 2 states/.test((e as Error).message));
  assert.throws(() => acc.add([new Float32Array(6), new Float32Array(5)], 2), ShapeError);
});

test('a NaN state shows in meanAbs instead of passing for silence', () => {
  const acc = activityAccumulator({ S: 2, I: 0 });
  acc.add([Float32Array.of(NaN, 1)], 1);
  const st = acc.finish();
  assert.ok(Number.isNaN(st.meanAbs[0]));
  assert.equal(st.meanAbs[1], 1);
  assert.equal(st.activeFraction[0], 0);
});
