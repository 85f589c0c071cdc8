import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReserve, outgoingNorms, reservePlan, RESERVE_DEFAULTS } from '../../../src/train/structure/reserve.js';
import { ConfigError } from '../../../src/errors.js';
import type { Rng } from '../../../src/util/rng.js';

/** An Rng that replays fixed uniforms (and ints as ⌊u·n⌋). */
function scripted(us: number[]): Rng {
  let k = 0;
  const next = () => us[k++ % us.length];
  return { next, normal: () => 0, int: (n) => Math.floor(next() * n), state: () => k };
}

test('outgoing norm: ½·(Σ|to outputs| + dOut·Σ|lateral|/H)', () => {
  // S = 5: input 0, hidden 1..2, outputs 3..4. W[i, j] is from j to i.
  const S = 5;
  const W = new Float32Array(S * S);
  W[3 * S + 1] = 0.2; // hidden 1 → output 3
  W[4 * S + 1] = -0.1; // hidden 1 → output 4
  W[2 * S + 1] = 0.4; // hidden 1 → hidden 2
  W[0 * S + 1] = -0.2; // hidden 1 → input 0 (lateral too)
  W[1 * S + 2] = 1; // hidden 2 → hidden 1
  const n = outgoingNorms({ S, dIn: 1, dOut: 2 }, W);
  assert.ok(Math.abs(n[0] - 0.5 * (0.3 + (2 * 0.6) / 2)) < 1e-7);
  assert.ok(Math.abs(n[1] - 0.5 * ((2 * 1) / 2)) < 1e-7);
});

test('more than k in reserve: k are kept, each other one deleted with pDel', () => {
  const o = { ...RESERVE_DEFAULTS, pAdd: 0, pSpontaneous: 0 };
  const norms = Float64Array.of(0.01, 0.2, 0.02, 0.03, 0.3);
  // Shuffle draws (3 for 3 sub-threshold neurons), then one draw per extra neuron: 0.01 < pDel deletes, 0.9 keeps.
  const plan = reservePlan(norms, o, scripted([0.99, 0.99, 0.99, 0.01, 0.9, 0.5, 0.5]));
  assert.equal(plan.remove.length, 1);
  assert.ok([0, 2, 3].includes(plan.remove[0]));
  assert.equal(plan.add, false);
});

test('exactly k in reserve: nothing happens; none: a neuron is added with pAdd', () => {
  const o = { ...RESERVE_DEFAULTS, pSpontaneous: 0 };
  assert.deepEqual(reservePlan(Float64Array.of(0.01, 0.2), o, scripted([0])), { remove: [], add: false });
  assert.deepEqual(reservePlan(Float64Array.of(0.1, 0.2), o, scripted([0.005, 0.5])), { remove: [], add: true });
  assert.deepEqual(reservePlan(Float64Array.of(0.1, 0.2), o, scripted([0.5, 0.5])), { remove: [], add: false });
  // Spontaneous additions happen even with a full reserve; never at maxHidden − 1.
  assert.equal(reservePlan(Float64Array.of(0.01, 0.2), { ...o, pSpontaneous: 1 }, scripted([0.5])).add, true);
  assert.equal(reservePlan(Float64Array.of(0.1, 0.2), { ...o, pAdd: 1, maxHidden: 3 }, scripted([0])).add, false);
});

test('bad reserve options are ConfigErrors', () => {
  assert.throws(() => checkReserve({ ...RESERVE_DEFAULTS, pAdd: 2 }), ConfigError);
  assert.throws(() => checkReserve({ ...RESERVE_DEFAULTS, margin: -1 }), ConfigError);
  assert.throws(() => checkReserve({ ...RESERVE_DEFAULTS, threshold: 0 }), ConfigError);
});
