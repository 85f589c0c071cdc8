import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headLayout, viewParams, writeView } from '../../src/lifelong/layout.js';
import { ConfigError } from '../../src/errors.js';

test('headLayout: heads follow the hidden pool in task order; each view ends with its own head', () => {
  const lay = headLayout(10, 20, [2, 3, 5], 'residual-input');
  assert.equal(lay.S, 40);
  assert.equal(lay.D, 10);
  assert.deepEqual(lay.viewS, [32, 35, 40]);
  assert.deepEqual(lay.dOut, [2, 3, 5]);
});

test('headLayout refuses residual-output, no tasks and an empty hidden pool', () => {
  assert.throws(() => headLayout(10, 20, [2], 'residual-output'), ConfigError);
  assert.throws(() => headLayout(10, 20, [], 'plain'), ConfigError);
  assert.throws(() => headLayout(10, 0, [2], 'plain'), ConfigError);
});

test('viewParams takes the leading block; writeView puts it back and touches nothing else', () => {
  const S = 5;
  const W = Float32Array.from({ length: S * S }, (_, k) => k);
  const b = Float32Array.from({ length: S }, (_, k) => 100 + k);
  const v = viewParams(W, b, S, 3);
  assert.deepEqual(Array.from(v.W), [0, 1, 2, 5, 6, 7, 10, 11, 12]);
  assert.deepEqual(Array.from(v.b), [100, 101, 102]);
  v.W.fill(-1);
  v.b.fill(-2);
  writeView(W, b, S, v);
  for (let i = 0; i < S; i++) {
    for (let j = 0; j < S; j++) assert.equal(W[i * S + j], i < 3 && j < 3 ? -1 : i * S + j);
    assert.equal(b[i], i < 3 ? -2 : 100 + i);
  }
});
