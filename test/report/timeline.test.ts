import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickFrames, timelineFigure } from '../../src/report/figures/timeline.js';
import { timelineAnimation } from '../../src/report/figures/timeline-animation.js';
import { decodePng } from '../../src/report/png/decode.js';
import { renderPng } from '../../src/report/raster.js';
import type { TimelineEntry } from '../../src/topology/timeline.js';
import { wellFormed } from './fixtures.js';

function entries(n: number): TimelineEntry[] {
  return Array.from({ length: n }, (_, k) => ({
    epoch: k + 1,
    accuracy: 0.5 + k / (2 * n),
    threshold: { value: 1e-3, rule: 1e-3 },
    activeNeurons: 200 - 5 * k,
    edges: 5000 - 100 * k,
    edgesAboveThreshold: 5000 - 100 * k,
    layerWidths: k === 0 ? null : [10, 150 - 5 * k, 8, 2],
    iterationWidths: k === 0 ? null : [10, 150 - 5 * k, 8, 2],
    skips: 0,
    loops: { sccs: 0, selfLoops: 0, backEdges: 0 },
    strictMlp: k > 5,
    agree: true,
    bounded: k === 0,
    boundHit: k === 0 ? 'too many' : null,
  }));
}

test('pickFrames spreads frames evenly and keeps both ends', () => {
  assert.deepEqual(pickFrames(10, 4), [0, 3, 6, 9]);
  assert.deepEqual(pickFrames(3, 6), [0, 1, 2]);
  assert.deepEqual(pickFrames(0, 6), []);
});

test('timelineFigure plots layer widths, counts and a frame strip; bounded epochs are noted', () => {
  const fig = timelineFigure(entries(12), { frames: 4 });
  assert.ok(wellFormed(fig.svg));
  for (const l of ['l=0', 'l=1', 'l=2', 'l=3', 'active neurons', 'edges']) assert.ok(fig.svg.includes(`>${l}<`), l);
  assert.equal((fig.svg.match(/>epoch \d+</g) ?? []).length, 4);
  assert.ok(fig.notes.some((n) => n.includes('1 of 12 epochs')));
  const img = decodePng(renderPng(fig.svg, 1));
  assert.equal(img.width, fig.width);
  assert.equal(img.height, fig.height);
});

test('timelineFigure without a timeline falls back to the metrics, with a note', () => {
  const history = [1, 2, 3].map((epoch) => ({ epoch, activeNeurons: 100 - epoch, neurons: 100 }) as never);
  const fig = timelineFigure([], { history });
  assert.ok(wellFormed(fig.svg));
  assert.ok(fig.svg.includes('>active neurons (metrics)<'));
  assert.ok(fig.notes.some((n) => n.includes('no timeline')));
});

test('timelineFigure marks compactions recorded in the timeline itself', () => {
  const es = entries(8);
  es[4].compacted = { from: 300, to: 200 };
  const fig = timelineFigure(es);
  // One dashed marker line in each of the two panels, one legend swatch each.
  assert.equal(fig.svg.split('stroke-dasharray="5 3"').length - 1, 2);
});

test('timelineAnimation shows one frame per epoch, the last one when not animated', () => {
  const fig = timelineAnimation(entries(9), { maxFrames: 5 });
  assert.ok(wellFormed(fig.svg));
  const groups = fig.svg.match(/<g visibility="(visible|hidden)">/g) ?? [];
  assert.equal(groups.length, 5);
  assert.deepEqual(groups.map((g) => g.includes('"visible"')), [false, false, false, false, true]);
  assert.equal((fig.svg.match(/<animate /g) ?? []).length, 5);
  assert.ok(fig.svg.includes('>epoch 9<'));
  const img = decodePng(renderPng(fig.svg, 1));
  assert.equal(img.width, fig.width);
  const empty = timelineAnimation([]);
  assert.ok(wellFormed(empty.svg) && empty.notes[0].includes('nothing to animate'));
});
