import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countAboveThreshold, describeThreshold, kthSmallestAbs, resolveThreshold } from '../../src/core/threshold.js';
import { ConfigError } from '../../src/errors.js';
import { createRng } from '../../src/util/rng.js';

test('quantile thresholds are the exact nearest-rank quantile of |W| (against a sort)', () => {
  const rng = createRng(3);
  for (let trial = 0; trial < 20; trial++) {
    const n = 1 + rng.int(3000);
    const W = new Float32Array(n);
    for (let k = 0; k < n; k++) W[k] = rng.next() < 0.3 ? 0 : rng.normal() * 10 ** (rng.int(8) - 4);
    const sorted = Float32Array.from(W, Math.abs).sort();
    for (const q of [0, 0.1, 0.5, 0.9, 0.999, 1]) {
      const k = Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
      const r = resolveThreshold(W, { quantile: q });
      assert.equal(r.value, sorted[k], `trial ${trial}, q ${q}`);
      assert.deepEqual(r.rule, { quantile: q });
    }
    assert.equal(kthSmallestAbs(W, n - 1), sorted[n - 1]);
  }
});

test('a quantile threshold keeps at most ⌊(1 − q)·S²⌋ synapses', () => {
  const rng = createRng(5);
  const S = 50;
  const W = new Float32Array(S * S).map(() => rng.normal());
  for (const q of [0.5, 0.9, 0.99]) {
    const { value } = resolveThreshold(W, { quantile: q });
    const kept = countAboveThreshold(W, S, value).edges;
    // no ties among normal draws: exactly S² − ⌈q·S²⌉ are kept
    assert.equal(kept, S * S - Math.ceil(q * S * S), `q ${q}`);
  }
});

test('relative thresholds scale max|W|; bad rules are ConfigErrors', () => {
  const W = Float32Array.of(0.5, -4, 2);
  assert.deepEqual(resolveThreshold(W, { relative: 0.25 }), { value: 1, rule: { relative: 0.25 } });
  assert.deepEqual(resolveThreshold(W, 0.3), { value: 0.3, rule: 0.3 });
  assert.throws(() => resolveThreshold(W, -1), ConfigError);
  assert.throws(() => resolveThreshold(W, { quantile: 2 }), ConfigError);
  assert.throws(() => resolveThreshold(W, { relative: NaN }), ConfigError);
  assert.throws(() => resolveThreshold(W, { foo: 1 } as never), ConfigError);
});

test('countAboveThreshold counts synapses and the neurons they touch', () => {
  const S = 4;
  const W = new Float32Array(S * S);
  W[1 * S + 0] = 1; // 0 → 1
  W[1 * S + 1] = 0.05; // below
  assert.deepEqual(countAboveThreshold(W, S, 0.1), { edges: 1, neurons: 2 });
});

test('describeThreshold puts a rule in words for figure notes', () => {
  assert.equal(describeThreshold({ relative: 0.01 }), '1% of max|W|');
  assert.equal(describeThreshold({ relative: 0.005 }), '0.5% of max|W|');
  assert.equal(describeThreshold({ quantile: 0.99 }), 'the 99% quantile of |W|');
  assert.equal(describeThreshold(0.05), '');
});
