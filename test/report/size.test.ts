import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSizeFigure, sizeFigure } from '../../src/report/figures/size.js';

test('size figure: one line per run, task switches as markers', () => {
  const fig = sizeFigure([{ label: 'easy', points: [[1, 1], [2, 3]] }, { label: 'hard', points: [[1, 1], [2, 6]] }], { title: 'Size' });
  assert.ok(fig.svg.startsWith('<svg'));
  assert.match(fig.svg, /easy/);
  assert.match(fig.svg, /hard/);
  const run = runSizeFigure([
    { epoch: 10, hidden: 2, task: 'brackets-easy' },
    { epoch: 20, hidden: 5, task: 'brackets-hard' },
  ]);
  assert.ok(run && /task switch/.test(run.svg));
  assert.match(run!.svg, /5 hidden neurons at step 20/);
  assert.equal(runSizeFigure([{ epoch: 1 }]), null);
});
