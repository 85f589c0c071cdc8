import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unrollKept } from '../../src/export/replay.js';
import { keptSynapses } from '../../src/export/kept.js';
import { unroll } from '../../src/core/unroll.js';
import { csrFromDense } from '../../src/core/csr.js';
import { ACTS, RULES, randomSnapshot } from '../export/fixtures.js';

test('cross-check: sparse unrolled reachability agrees with topology unroll on live pairs', () => {
  for (const rule of RULES) {
    for (const activation of ACTS) {
      for (const [seed, density, threshold] of [[1, 0.05, 0], [2, 0.1, 0.1], [3, 0.3, 0.3]] as const) {
        const snap = randomSnapshot({ S: 50, I: 4, dIn: 6, dOut: 3, rule, activation, density, seed, biasScale: 0.5 });
        const mine = unrollKept(snap.config, snap.b, keptSynapses(snap, threshold));
        const theirs = unroll(csrFromDense(snap.W, 50, threshold), snap.config, { bias: snap.b });
        const label = `${rule} ${activation} seed ${seed}`;
        assert.deepEqual(mine.dep, theirs.reachable, label);
        const live = mine.need.map((v, p) => v & mine.dep[p]);
        assert.deepEqual(live, theirs.live, label);
        for (let p = 0; p < live.length; p++) {
          if (!mine.dep[p]) assert.ok(Math.abs(mine.constant[p] - theirs.constant[p]) <= 1e-12, `${label} constant ${p}`);
        }
      }
    }
  }
});
