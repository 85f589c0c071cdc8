import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMPACTION_COLOR, compactionEpochs, trainingFigure } from '../../src/report/figures/training.js';
import { decodePng } from '../../src/report/png/decode.js';
import { renderPng } from '../../src/report/raster.js';
import type { EpochMetrics } from '../../src/run/metrics.js';
import { wellFormed } from './fixtures.js';

function history(): EpochMetrics[] {
  return Array.from({ length: 12 }, (_, k) => {
    const epoch = k + 1;
    const neurons = epoch < 5 ? 500 : epoch < 9 ? 200 : 120;
    const m: EpochMetrics = {
      epoch,
      loss: 1 / epoch,
      crossEntropy: 0.8 / epoch,
      weightTerm: 0.1 / epoch,
      activityTerm: 0.01,
      lengthTerm: 0,
      trainAccuracy: epoch === 3 ? null : 1 - 0.5 / epoch,
      testAccuracy: epoch === 3 ? null : 1 - 0.6 / epoch,
      activeNeurons: Math.round(neurons * 0.8),
      neurons,
      seconds: 1,
      elapsed: epoch,
    };
    if (epoch === 4) m.compacted = { from: 500, to: 200 };
    return m;
  });
}

test('compactionEpochs finds the compacted field and S changes without it', () => {
  // Epoch 4 says so; epoch 8 → 9 changes S (200 → 120) without saying.
  assert.deepEqual(compactionEpochs(history()), [4, 8]);
  assert.deepEqual(compactionEpochs([]), []);
});

test('trainingFigure plots the loss terms, accuracy and neurons with compactions marked', () => {
  const fig = trainingFigure(history());
  assert.ok(wellFormed(fig.svg));
  for (const label of ['cross-entropy', 'weight term (c_W)', 'activity term (c_N)', 'train', 'test', 'active neurons', 'compaction']) {
    assert.ok(fig.svg.includes(`>${label}<`), label);
  }
  assert.ok(!fig.svg.includes('length term'), 'an all-zero term is left out');
  // Two markers in each of the three panels, plus three legend swatches.
  assert.equal(fig.svg.split(`stroke="${COMPACTION_COLOR}"`).length - 1, 2 * 3 + 3);
  assert.ok(fig.notes.some((n) => n.includes('S 500 → 200')));
  const img = decodePng(renderPng(fig.svg));
  assert.equal(img.width, 2 * fig.width);
  assert.equal(img.height, 2 * fig.height);
});

test('trainingFigure of an empty history still renders, with a note', () => {
  const fig = trainingFigure([]);
  assert.ok(wellFormed(fig.svg));
  assert.ok(fig.notes.length > 0);
  assert.equal(decodePng(renderPng(fig.svg, 1)).width, fig.width);
});
