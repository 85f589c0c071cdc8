import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/core/config.js';
import { initParams } from '../../src/train/init.js';
import { resolveTrainOptions } from '../../src/train/options.js';

test('initParams draws He normal (std √(2/S)) and scale multiplies every weight, same seed same draw', () => {
  const cfg = resolveConfig({ S: 400, I: 2, dIn: 3, dOut: 2, seed: 7 });
  const he = initParams(cfg);
  const half = initParams(cfg, { initScale: 0.5 });
  let ss = 0;
  for (let k = 0; k < he.W.length; k++) {
    assert.ok(Math.abs(half.W[k] - 0.5 * he.W[k]) <= 1e-6 * Math.abs(he.W[k]), `weight ${k}: ${half.W[k]} vs ${0.5 * he.W[k]}`);
    ss += he.W[k] * he.W[k];
  }
  const std = Math.sqrt(ss / he.W.length);
  assert.ok(Math.abs(std / Math.sqrt(2 / 400) - 1) < 0.01, `std ${std} vs √(2/S) ${Math.sqrt(2 / 400)}`);
  assert.ok(he.b.every((v) => v === 0));
});

test('initScale and activityOutputs are validated train options with the paper-literal defaults', () => {
  assert.equal(resolveTrainOptions().initScale, 1);
  assert.equal(resolveTrainOptions().activityOutputs, 'include');
  assert.throws(() => resolveTrainOptions({ initScale: 0 }), /initScale must be > 0/);
  assert.throws(() => resolveTrainOptions({ activityOutputs: 'some' as never }), /activityOutputs must be one of include, exclude/);
});

test('outputBias starts only the output neurons there; the draw of W is unchanged', () => {
  const cfg = resolveConfig({ S: 50, I: 2, dIn: 3, dOut: 2, seed: 4 });
  const lit = initParams(cfg, { outputBias: 0.1 });
  assert.deepEqual(lit.W, initParams(cfg).W);
  assert.deepEqual(Array.from(lit.b.subarray(0, 48)), new Array(48).fill(0));
  assert.deepEqual(Array.from(lit.b.subarray(48)), [Math.fround(0.1), Math.fround(0.1)]);
  assert.equal(resolveTrainOptions().outputBias, 0);
  assert.throws(() => resolveTrainOptions({ outputBias: Number.NaN }), /outputBias must be a finite number, got NaN/);
});
