import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activityFigure } from '../../src/report/figures/activity.js';
import { orderNeurons } from '../../src/report/order.js';
import { decodePng } from '../../src/report/png/decode.js';
import { renderPng } from '../../src/report/raster.js';
import { ConfigError } from '../../src/errors.js';
import { embeddedMlp, isWhite, pixel, wellFormed } from './fixtures.js';

test('the activity figure of an embedded MLP lights each neuron only at its own iteration', () => {
  const { snap } = embeddedMlp();
  const order = orderNeurons(snap);
  const fig = activityFigure(snap, order);
  assert.ok(wellFormed(fig.svg));
  assert.deepEqual(fig.notes, []);
  const img = decodePng(renderPng(fig.svg, 1));
  assert.equal(img.width, fig.width);
  assert.equal(img.height, fig.height);
  const { x, y, width, height } = fig.plots.main;
  const cols = snap.config.I + 1;
  const n = order.neurons.length;
  for (let r = 0; r < n; r++) {
    for (let l = 0; l < cols; l++) {
      const p = pixel(img, x + ((l + 0.5) * width) / cols, y + ((r + 0.5) * height) / n);
      assert.equal(!isWhite(p), order.layer[r] === l, `neuron ${order.neurons[r]} at iteration ${l}`);
    }
  }
});

test('the activity figure needs activity statistics', () => {
  const { snap } = embeddedMlp();
  assert.throws(() => activityFigure({ ...snap, activity: undefined }, orderNeurons(snap)), ConfigError);
});

test('the activity figure averages rows past maxRows and notes it', () => {
  const { snap } = embeddedMlp([20, 30, 30, 10], 0, 2);
  const order = orderNeurons(snap);
  const fig = activityFigure(snap, order, { maxRows: 40 });
  assert.ok(wellFormed(fig.svg));
  assert.ok(fig.plots.main.height <= 40);
  assert.ok(fig.notes.some((s) => /mean of 3 consecutive neurons/.test(s)));
});
