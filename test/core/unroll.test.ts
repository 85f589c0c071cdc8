import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csrFromDense } from '../../src/core/csr.js';
import { liveEdges, unroll } from '../../src/core/unroll.js';
import { deadPairs } from '../../src/core/activity.js';
import { ShapeError } from '../../src/errors.js';
import { assertClose } from '../helpers/tolerance.js';
import { ACTS, F64, RULES, activityOf, denseLogits, inputs, randomSnapshot, replayLive } from '../topology/fixtures.js';

for (const rule of RULES) {
  for (const activation of ACTS) {
    test(`live pairs with folded biases replay the dense URN exactly (${rule}, ${activation})`, () => {
      let live = 0;
      let folded = 0;
      for (const [seed, density, thr] of [[3, 0.06, 0], [4, 0.1, 0.2], [5, 0.03, 0]] as const) {
        const snap = randomSnapshot({ S: 40, I: 4, dIn: 6, dOut: 3, rule, activation, density, seed });
        const csr = csrFromDense(snap.W, 40, thr);
        const u = unroll(csr, snap.config, { bias: snap.b });
        const n = 25;
        const x = inputs(n, 6, seed);
        assertClose(replayLive(csr, snap.config, u, x, n), denseLogits(snap, x, n, thr), F64, `logits seed ${seed}`);
        // live ⇔ reachable ∧ relevant, and constants only where not reachable
        for (let p = 0; p < u.live.length; p++) {
          assert.equal(u.live[p], u.reachable[p] & u.relevant[p]);
          if (u.reachable[p]) assert.equal(u.constant[p], 0);
          live += u.live[p];
          if (!u.reachable[p] && u.relevant[p] && u.constant[p] !== 0) folded++;
        }
      }
      assert.ok(live > 30 && folded > 10, `the cases exercise live pairs (${live}) and folded constants (${folded})`);
    });
  }
}

test('the activity cut is exact on the data it was measured on (relu)', () => {
  for (const rule of RULES) {
    const snap = randomSnapshot({ S: 50, I: 4, dIn: 5, dOut: 2, rule, activation: 'relu', density: 0.08, seed: 21 });
    // push some biases down so that neurons die on the data
    for (let i = 5; i < 48; i += 3) snap.b[i] = -2;
    const n = 40;
    const x = inputs(n, 5, 2);
    const act = activityOf(snap, x, n);
    const csr = csrFromDense(snap.W, 50, 0);
    const u = unroll(csr, snap.config, { bias: snap.b, cut: deadPairs(act, snap.config) });
    assert.ok(u.cutPairs > 0, 'some pairs are cut');
    assertClose(replayLive(csr, snap.config, u, x, n), denseLogits(snap, x, n), F64, rule);
  }
});

test('a chain: reachability, relevance, constants and folded bias by hand', () => {
  // S = 5, dIn = 1, dOut = 1, I = 2. 0 → 1 → 4 (output); 2 is bias-driven (b = 0.5), 2 → 4;
  // 3 is fed by the input and feeds nothing.
  const S = 5;
  const W = new Float32Array(S * S);
  W[1 * S + 0] = 2;
  W[4 * S + 1] = 3;
  W[4 * S + 2] = -1;
  W[3 * S + 0] = 1;
  const b = Float32Array.of(0, 0, 0.5, 0, 0.25);
  const cfg = { S, I: 2, dIn: 1, dOut: 1, rule: 'plain' as const, activation: 'relu' as const };
  const csr = csrFromDense(W, S, 0);
  const u = unroll(csr, cfg, { bias: b });
  const at = (arr: ArrayLike<number>, t: number, i: number) => arr[t * S + i];
  assert.deepEqual([0, 1, 2].map((t) => at(u.live, t, 0)), [1, 0, 0]);
  assert.deepEqual([0, 1, 2].map((t) => at(u.live, t, 1)), [0, 1, 0]);
  assert.deepEqual([0, 1, 2].map((t) => at(u.live, t, 4)), [0, 0, 1]);
  assert.equal(at(u.reachable, 1, 3), 1);
  assert.equal(at(u.relevant, 1, 3), 0); // 3 feeds nothing
  assert.equal(at(u.constant, 1, 2), 0.5); // relu(0.5)
  assert.equal(at(u.relevant, 1, 2), 1); // its constant feeds (4, 2)
  assert.equal(at(u.foldedBias, 2, 4), 0.25 + -1 * 0.5);
  assert.deepEqual(u.livePerIteration, [1, 1, 1]);
  const edges = liveEdges(csr, u);
  // CSR rows in order: row 1 (0→1), row 3 (0→3), row 4 (1→4, 2→4)
  assert.deepEqual(Array.from(edges), [1, 0, 1, 0]);
});

test('a linear read-out folds an output constant as z, not φ(z)', () => {
  // S = 4, dIn = 1, dOut = 1, I = 2, plain. 2 is bias-driven (b = 0.5); the output 3 reads only
  // it: z = 0.25 − 0.5 at t = 2, which relu would make 0. 1 is driven by the input, feeds nothing.
  const S = 4;
  const W = new Float32Array(S * S);
  W[3 * S + 2] = -1;
  W[1 * S + 0] = 1;
  const b = Float32Array.of(0, 0, 0.5, 0.25);
  const csr = csrFromDense(W, S, 0);
  const base = { S, I: 2, dIn: 1, dOut: 1, rule: 'plain' as const, activation: 'relu' as const };
  assert.equal(unroll(csr, base, { bias: b }).constant[2 * S + 3], 0);
  const u = unroll(csr, { ...base, readout: 'linear' }, { bias: b });
  assert.equal(u.constant[2 * S + 3], -0.25);
  assert.equal(u.constant[1 * S + 2], 0.5, 'hidden neurons keep φ');
  assert.equal(unroll(csr, { ...base, readout: 'linear' }, { bias: Float32Array.of(0, 0, -0.5, 0) }).constant[1 * S + 2], 0);
});

test('residual-output folds a constant carry into foldedOffset', () => {
  // S = 3: input 0, hidden 1, output 2; I = 3. 1 → 2 only from t = 2 on: 0 → 1 is absent, but
  // the output has a bias, so (2, 1) is the constant relu(0.5) carried into (2, 2).
  const S = 3;
  const W = new Float32Array(S * S);
  W[1 * S + 0] = 1;
  W[2 * S + 1] = 1;
  const b = Float32Array.of(0, 0, 0.5);
  const cfg = { S, I: 3, dIn: 1, dOut: 1, rule: 'residual-output' as const, activation: 'relu' as const };
  const u = unroll(csrFromDense(W, S, 0), cfg, { bias: b });
  assert.equal(u.reachable[1 * S + 2], 0);
  assert.equal(u.constant[1 * S + 2], 0.5);
  assert.equal(u.live[2 * S + 2], 1);
  assert.equal(u.foldedOffset[2 * S + 2], 0.5);
  assert.equal(u.foldedOffset[3 * S + 2], 0); // carried live value from here on
});

test('unroll checks its array sizes', () => {
  const csr = csrFromDense(new Float32Array(9), 3, 0);
  const cfg = { S: 3, I: 2, dIn: 1, dOut: 1, rule: 'plain' as const, activation: 'relu' as const };
  assert.throws(() => unroll(csr, cfg, { bias: [1, 2] }), ShapeError);
  assert.throws(() => unroll(csr, cfg, { cut: new Uint8Array(4) }), ShapeError);
});
