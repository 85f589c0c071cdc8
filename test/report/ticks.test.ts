import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pointTicks } from '../../src/report/svg/ticks.js';
import { axisBottom } from '../../src/report/svg/axis.js';

test('pointTicks: a tick per scanned value, crowded labels left out, the largest always labelled', () => {
  const t = pointTicks([2.5, 1.8, 1.75, 2, 1.85, 1.8]);
  assert.deepEqual(t.map((x) => x.value), [1.75, 1.8, 1.85, 2, 2.5]);
  assert.deepEqual(t.map((x) => x.label), ['1.75', '', '1.85', '2', '2.5']);
  // The last value takes the place of a labelled neighbour too close to it.
  assert.deepEqual(pointTicks([0, 1, 9.8, 10]).map((x) => x.label), ['0', '1', '', '10']);
  assert.deepEqual(pointTicks([200, 260, 300, 400]).map((x) => x.label), ['200', '260', '300', '400'], 'spread values keep every label');
  assert.deepEqual(pointTicks([3]), [{ value: 3, label: '3' }]);
  assert.deepEqual(pointTicks([]), []);
});

test('axisBottom draws the tick mark of an unlabelled tick, and no text for it', () => {
  const svg = axisBottom({ pos: (v) => v * 100, ticks: pointTicks([1.75, 1.8, 1.85, 2.5]), label: 'r' }, 10, 0, 200);
  assert.equal((svg.match(/<line /g) ?? []).length, 1 + 4, 'the axis and four tick marks');
  assert.equal((svg.match(/<text /g) ?? []).length, 3 + 1, 'three tick labels and the axis label');
});
