import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toReplay } from '../../src/export/replay.js';
import { toLayered } from '../../src/export/layered.js';
import { predictReplay } from '../../src/runtime/predict-replay.js';
import { predictLayered } from '../../src/runtime/predict-layered.js';
import { storeDense } from '../../src/runtime/pack-panel.js';
import type { Snapshot } from '../../src/core/snapshot.js';
import { createRng } from '../../src/util/rng.js';
import { ACTS, RULES, mismatch, randomInputs, randomSnapshot } from '../export/fixtures.js';

// Batch sizes around the kernels' tiles (8 and 4 samples) and chunks.
const BATCHES = [1, 3, 5, 8, 13, 70, 333];

for (const rule of RULES) {
  for (const activation of ACTS) {
    for (const density of [0.9, 0.05]) {
      test(`layered (WebAssembly, ${density > 0.5 ? 'dense' : 'CSR'} blocks) equals replay (plain JS): ${rule}, ${activation}`, () => {
        const snap = randomSnapshot({ S: 41, I: 4, dIn: 6, dOut: 3, rule, activation, density, seed: 11, biasScale: 0.5 });
        const rm = toReplay(snap, 0);
        const lm = toLayered(rm);
        const blocks = lm.layers.flatMap((L) => [...L.pre, ...L.skip]);
        assert.ok(blocks.some((b) => storeDense(b.matrix) === density > 0.5), 'the kernel under test runs');
        for (const n of BATCHES) {
          const x = randomInputs(n, 6, n);
          assert.equal(mismatch(predictLayered(lm, x, n), predictReplay(rm, x, n)), null, `n ${n}`);
        }
      });
    }
  }
}

/** An MLP widths[0] → … → widths.at(-1), relu on every layer (as a plain URN's φ), embedded in a plain URN (Eq. 1). */
function embeddedMlp(widths: number[], seed: number): { snap: Snapshot; forward: (x: ArrayLike<number>) => number[] } {
  const S = widths.reduce((a, b) => a + b, 0);
  const rng = createRng(seed);
  const W = new Float32Array(S * S);
  const b = new Float32Array(S);
  const starts = widths.map((_, l) => widths.slice(0, l).reduce((a, c) => a + c, 0));
  for (let l = 1; l < widths.length; l++) {
    for (let i = starts[l]; i < starts[l] + widths[l]; i++) {
      for (let j = starts[l - 1]; j < starts[l - 1] + widths[l - 1]; j++) W[i * S + j] = rng.normal() / Math.sqrt(widths[l - 1]);
      b[i] = 0.1 * rng.normal();
    }
  }
  const forward = (x: ArrayLike<number>) => {
    let v = Array.from(x);
    for (let l = 1; l < widths.length; l++) {
      v = Array.from({ length: widths[l] }, (_, u) => {
        const i = starts[l] + u;
        const z = v.reduce((acc, vj, j) => acc + W[i * S + starts[l - 1] + j] * vj, b[i]);
        return Math.max(z, 0);
      });
    }
    return v;
  };
  return { snap: { config: { S, I: widths.length - 1, dIn: widths[0], dOut: widths.at(-1)!, rule: 'plain', activation: 'relu', seed }, W, b }, forward };
}

test('an embedded MLP with dense blocks of odd sizes gives the MLP (float64 oracle) through the dense kernel', () => {
  const { snap, forward } = embeddedMlp([7, 23, 9, 5, 2], 3);
  const lm = toLayered(toReplay(snap, 0));
  assert.deepEqual(lm.layers.map((L) => L.neurons.length), [23, 9, 5, 2]);
  assert.ok(lm.layers.every((L) => L.pre.every((blk) => storeDense(blk.matrix))));
  for (const n of BATCHES) {
    const x = randomInputs(n, 7, 100 + n);
    const y = predictLayered(lm, x, n);
    const expected = new Float32Array(n * 2);
    for (let s = 0; s < n; s++) expected.set(forward(x.subarray(s * 7, s * 7 + 7)), s * 2);
    assert.equal(mismatch(y, expected), null, `n ${n}`);
  }
});

test('a model with a wide sparse input block (run as column panels) equals replay, every rule', () => {
  for (const rule of RULES) {
    const snap = randomSnapshot({ S: 340, I: 3, dIn: 300, dOut: 4, rule, activation: 'relu', density: 0.1, seed: 2, biasScale: 0.5 });
    const rm = toReplay(snap, 0);
    const lm = toLayered(rm);
    assert.ok(lm.layers[0].pre.some((b) => b.from === 0 && b.matrix.cols === 300 && !storeDense(b.matrix)), 'a wide CSR block from the inputs');
    for (const n of [5, 64, 333]) {
      const x = randomInputs(n, 300, n);
      assert.equal(mismatch(predictLayered(lm, x, n), predictReplay(rm, x, n)), null, `${rule}, n ${n}`);
    }
  }
});
