import { test } from 'node:test';
import assert from 'node:assert/strict';
import { liveByFirstActive, widthsByFirstActive } from '../../bench/lib/spheres-summary.js';
import { resolveConfig } from '../../src/core/config.js';

test('liveByFirstActive: each iteration\'s live hidden neurons by the iteration they first fired; the diagonal is the paper\'s layers', () => {
  const cfg = resolveConfig({ S: 8, I: 3, dIn: 2, dOut: 1 });
  const maxAbs = new Float32Array((cfg.I + 1) * cfg.S);
  const live = (i: number, ...ls: number[]) => ls.forEach((l) => (maxAbs[l * cfg.S + i] = 0.5));
  live(0, 0, 1, 2, 3); // an input, live at every iteration: not a hidden neuron
  live(2, 1, 2, 3); // fires at t = 1 and again at 2 and 3
  live(3, 1); // layer 1 only
  live(4, 2, 3); // first at t = 2, again at 3
  live(5, 3); // new at t = 3
  live(7, 1, 2, 3); // the output: not counted
  // neuron 6 never fires
  assert.deepEqual(liveByFirstActive({ maxAbs }, cfg), [[2], [1, 1], [1, 1, 1]]);
  assert.deepEqual(widthsByFirstActive({ maxAbs }, cfg), [2, 1, 1]);
});
