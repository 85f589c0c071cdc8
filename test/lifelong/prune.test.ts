import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activityScores, clnpCandidates, cutInactive, reinitFree } from '../../src/lifelong/prune.js';

test('activityScores averages meanAbs over iterations 1..I, not the input at l = 0', () => {
  // S = 2, I = 2: l = 0 row is ignored.
  const s = activityScores(Float32Array.of(9, 9, 1, 0, 3, 2), 2, 2);
  assert.deepEqual(Array.from(s), [2, 1]);
});

test('cutInactive zeroes exactly the synapses from inactive into active neurons', () => {
  const n = 3;
  const W = Float32Array.from({ length: 9 }, (_, k) => k + 1);
  const cut = cutInactive(W, n, Uint8Array.of(1, 0, 1));
  // rows 0 and 2 (active) lose column 1 (inactive); row 1 (inactive) keeps everything.
  assert.deepEqual(Array.from(cut), [1, 0, 3, 4, 5, 6, 7, 0, 9]);
  assert.equal(W[1], 2, 'input untouched');
});

test('reinitFree redraws only free rows within the view, zero outside it, deterministically', () => {
  const S = 4;
  const W = new Float32Array(S * S).fill(7);
  const b = new Float32Array(S).fill(7);
  const active = Uint8Array.of(1, 0, 0, 0);
  reinitFree(W, b, S, 3, 1, active, 11);
  const again = new Float32Array(S * S).fill(7);
  reinitFree(again, new Float32Array(S).fill(7), S, 3, 1, active, 11);
  assert.deepEqual(W, again);
  for (let j = 0; j < S; j++) assert.equal(W[j], 7, 'active row kept');
  for (const i of [1, 2]) {
    assert.equal(W[i * S + 3], 0, 'no synapse from outside the view');
    assert.ok(W.subarray(i * S, i * S + 3).every((v) => v !== 7 && Number.isFinite(v)));
    assert.equal(b[i], 0);
  }
  assert.ok(W.subarray(12, 16).every((v) => v === 7), 'row outside the view kept');
  // An active hidden neuron (1, with input 0) feeds the fresh rows through zero synapses (reuse learned from 0).
  const W2 = new Float32Array(S * S).fill(7);
  reinitFree(W2, new Float32Array(S), S, 3, 1, Uint8Array.of(1, 1, 0, 0), 3);
  assert.equal(W2[2 * S + 1], 0);
  assert.notEqual(W2[2 * S + 0], 0);
  assert.notEqual(W2[2 * S + 2], 0);
});

test('clnpCandidates: 0, then quantiles of the free positive scores up to their maximum', () => {
  const score = Float32Array.of(0, 1, 2, 3, 4, 100);
  const free = Uint8Array.of(1, 1, 1, 1, 1, 0);
  assert.deepEqual(clnpCandidates(score, free, 4), [0, 1, 2, 3, 4]);
  assert.deepEqual(clnpCandidates(score, free, 2), [0, 2, 4]);
  assert.deepEqual(clnpCandidates(new Float32Array(3), Uint8Array.of(1, 1, 1), 4), [0]);
});
