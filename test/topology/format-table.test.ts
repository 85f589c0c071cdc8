import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/topology/compile.js';
import { analyze } from '../../src/topology/analyze.js';
import { formatReportTable } from '../../src/topology/format-table.js';
import { mlpSnapshot } from './fixtures.js';

test('formatReportTable prints layers, widths, skips and loops', () => {
  const { snap } = mlpSnapshot([10, 6, 4, 2]);
  const text = formatReportTable(analyze(compile(snap)));
  assert.match(text, /^layers\s+4 \(I = 3, plain\): 10 → 6 → 4 → 2$/m);
  assert.match(text, /^longest path\s+10 → 6 → 4 → 2 \(agrees\)$/m);
  assert.match(text, /^strict MLP\s+yes$/m);
  assert.match(text, /^skips\s+0$/m);
  assert.match(text, /^loops\s+0 SCCs > 1 neuron, 0 self-loops, 0 back edges/m);
});

test('formatReportTable names a threshold rule in words', () => {
  const { snap } = mlpSnapshot([10, 6, 4, 2]);
  const text = formatReportTable(analyze(compile(snap, { threshold: { relative: 0.01 } })));
  assert.match(text, /^edges\s+\d+ live.*, \|w\| > [0-9.e-]+ \(1% of max\|W\|\)$/m);
  assert.ok(!text.includes('{"relative"'), 'no JSON');
});
