import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toReplay } from '../../src/export/replay.js';
import { predictReplay } from '../../src/runtime/predict-replay.js';
import { predictLayered } from '../../src/runtime/predict-layered.js';
import { toLayered } from '../../src/export/layered.js';
import { storeDense } from '../../src/runtime/pack-panel.js';
import { replayReference } from '../helpers/replay-reference.js';
import { ACTS, RULES, mismatch, randomInputs, randomSnapshot } from '../export/fixtures.js';

// Batch sizes around the kernels' tiles (8 and 4 samples) and chunks.
const BATCHES = [0, 1, 3, 5, 8, 13, 70, 333];

for (const rule of RULES) {
  for (const activation of ACTS) {
    for (const [S, density] of [[41, 0.9], [37, 0.08], [150, 0.03]] as const) {
      test(`replay (WebAssembly, W ${density > 0.5 ? 'dense' : 'CSR'}, S ${S}) equals the plain-JS reference: ${rule}, ${activation}`, () => {
        const snap = randomSnapshot({ S, I: 4, dIn: 6, dOut: 3, rule, activation, density, seed: S, biasScale: 0.5 });
        const rm = toReplay(snap, 0);
        assert.equal(storeDense(rm.W), density > 0.5, 'the kernel under test runs');
        for (const n of BATCHES) {
          const x = randomInputs(n, 6, n + 1);
          const y = predictReplay(rm, x, n);
          assert.equal(y.length, n * 3);
          assert.equal(mismatch(y, replayReference(rm, x, n)), null, `n ${n}`);
        }
      });
    }
  }
}

for (const rule of RULES) {
  test(`replay with a linear read-out (outputs take z, not relu) equals the plain-JS reference: ${rule}`, () => {
    const snap = randomSnapshot({ S: 37, I: 4, dIn: 6, dOut: 3, rule, activation: 'relu', readout: 'linear', density: 0.3, seed: 11, biasScale: 0.5 });
    const rm = toReplay(snap, 0);
    const x = randomInputs(70, 6, 3);
    const y = predictReplay(rm, x, 70);
    assert.equal(mismatch(y, replayReference(rm, x, 70)), null);
    assert.ok(y.some((v) => v < 0), 'some logit is negative: φ skipped the outputs');
    assert.ok(mismatch(y, predictReplay({ ...rm, config: { ...rm.config, readout: 'phi' } }, x, 70)) !== null, 'the read-out changes the logits');
  });
}

test('replay: the same batch twice gives the same logits bit for bit (state reused between calls)', () => {
  const rm = toReplay(randomSnapshot({ S: 30, I: 3, dIn: 4, dOut: 2, rule: 'residual-output', activation: 'tanh', density: 0.3, seed: 2 }), 0);
  const x = randomInputs(77, 4, 3);
  const a = predictReplay(rm, x, 77);
  predictReplay(rm, randomInputs(5, 4, 4), 5);
  assert.deepEqual(predictReplay(rm, x, 77), a);
});

test('both forms raise DataFormatError for a non-finite input, at any row and feature', () => {
  const rm = toReplay(randomSnapshot({ S: 30, I: 3, dIn: 5, dOut: 2, rule: 'plain', activation: 'relu', density: 0.3, seed: 2 }), 0);
  const lm = toLayered(rm);
  for (const at of [0, 7, 5 * 37 - 1, 5 * 20 + 4]) {
    const x = randomInputs(37, 5, 1);
    x[at] = at % 2 ? Infinity : NaN;
    for (const f of [() => predictReplay(rm, x, 37), () => predictLayered(lm, x, 37)]) {
      assert.throws(f, (e: Error) => e.name === 'DataFormatError' && e.message.includes(`row ${Math.floor(at / 5) + 1}, feature ${(at % 5) + 1}`));
    }
  }
});
