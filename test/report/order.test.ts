import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstLive, orderByLayer, orderNeurons } from '../../src/report/order.js';
import { firstActive } from '../../src/core/activity.js';
import { embeddedMlp } from './fixtures.js';

test('orderNeurons puts an embedded MLP in layer order and drops dead neurons', () => {
  const { snap, layerOf, widths } = embeddedMlp();
  const o = orderNeurons(snap);
  assert.equal(o.source, 'activity');
  assert.deepEqual(
    o.groups.map((g) => g.count),
    widths,
  );
  for (let k = 0; k < o.neurons.length; k++) assert.equal(o.layer[k], layerOf[o.neurons[k]]);
  assert.equal(o.neurons.length, widths.reduce((a, b) => a + b, 0));
});

test('activity and structure agree on the layers of an embedded MLP', () => {
  const { snap } = embeddedMlp([3, 5, 4, 2], 5, 7);
  const { S, I } = snap.config;
  const byActivity = firstActive(snap.activity!, { S, I });
  const byStructure = firstLive({ ...snap, activity: undefined }, 0);
  assert.deepEqual(byStructure, byActivity);
  const o = orderNeurons({ ...snap, activity: undefined }, { threshold: 0 });
  assert.equal(o.source, 'structure');
});

test('orderByLayer sorts by layer, then inputs, hidden, outputs, then id', () => {
  const cfg = { S: 6, dIn: 2, dOut: 1 };
  const o = orderByLayer(cfg, Int32Array.of(0, 1, 1, -1, 0, 1), 'activity');
  assert.deepEqual(Array.from(o.neurons), [0, 4, 1, 2, 5]);
  assert.deepEqual(o.groups, [
    { layer: 0, start: 0, count: 2 },
    { layer: 1, start: 2, count: 3 },
  ]);
});
