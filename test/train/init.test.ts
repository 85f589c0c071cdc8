import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/core/config.js';
import { initParams, TRUNCATED_STD } from '../../src/train/init.js';
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

test("biasInit 'uniform' draws every bias from U(−1/√S, 1/√S) after W; outputBias adds to the outputs'", () => {
  const cfg = resolveConfig({ S: 400, I: 2, dIn: 3, dOut: 2, seed: 9 });
  const u = initParams(cfg, { biasInit: 'uniform' });
  assert.deepEqual(u.W, initParams(cfg).W, 'the same W as with zero biases');
  const bound = 1 / Math.sqrt(400);
  assert.ok(u.b.every((v) => Math.abs(v) < bound), 'inside the bounds');
  const mean = u.b.reduce((s, v) => s + v, 0) / u.b.length;
  const sd = Math.sqrt(u.b.reduce((s, v) => s + (v - mean) ** 2, 0) / u.b.length);
  // U(−a, a) has std a/√3; over 400 draws the sample std is within a few percent of it.
  assert.ok(Math.abs(sd / (bound / Math.sqrt(3)) - 1) < 0.1, `std ${sd} vs ${bound / Math.sqrt(3)}`);
  assert.ok(Math.abs(mean) < 0.15 * bound, `mean ${mean}`);
  assert.ok(u.b.filter((v) => v > 0).length > 150 && u.b.filter((v) => v < 0).length > 150, 'both signs');
  assert.deepEqual(initParams(cfg, { biasInit: 'uniform' }).b, u.b, 'same seed, same biases');
  const lit = initParams(cfg, { biasInit: 'uniform', outputBias: 0.5 });
  assert.deepEqual(lit.b.subarray(0, 398), u.b.subarray(0, 398));
  assert.deepEqual(Array.from(lit.b.subarray(398)), Array.from(u.b.subarray(398), (v) => Math.fround(v + 0.5)));
  assert.equal(resolveTrainOptions().biasInit, 'zero');
  assert.throws(() => resolveTrainOptions({ biasInit: 'normal' as never }), /biasInit must be one of zero, uniform, got normal/);
});

test("weightInit 'truncated' draws W as Keras's he_normal: inside ±2σ, std √(2/S), biases unchanged", () => {
  const cfg = resolveConfig({ S: 300, I: 2, dIn: 3, dOut: 2, seed: 5 });
  const t = initParams(cfg, { weightInit: 'truncated' });
  const plain = initParams(cfg);
  const sigma = Math.sqrt(2 / 300) / TRUNCATED_STD;
  let ss = 0;
  let beyondOne = 0;
  for (const w of t.W) {
    assert.ok(Math.abs(w) <= 2 * sigma * (1 + 1e-6), `|${w}| > 2σ = ${2 * sigma}`);
    ss += w * w;
    if (Math.abs(w) > sigma) beyondOne++;
  }
  const std = Math.sqrt(ss / t.W.length);
  assert.ok(Math.abs(std / Math.sqrt(2 / 300) - 1) < 0.01, `std ${std} vs √(2/S) ${Math.sqrt(2 / 300)}`);
  // N(0, 1) cut to [−2, 2]: P(|z| > 1 | |z| ≤ 2) = (0.9545 − 0.6827) / 0.9545 = 0.2848.
  assert.ok(Math.abs(beyondOne / t.W.length - 0.2848) < 0.01, `share beyond σ ${beyondOne / t.W.length}`);
  // The plain normal, on the same seed, has draws past the cut.
  assert.ok(plain.W.some((w) => Math.abs(w) > 2 * sigma), 'a plain normal goes past 2σ');
  assert.deepEqual(initParams(cfg, { weightInit: 'truncated' }).W, t.W, 'same seed, same draw');
  assert.ok(t.b.every((v) => v === 0));
  const half = initParams(cfg, { weightInit: 'truncated', initScale: 0.5 });
  assert.ok(half.W.every((w, k) => Math.abs(w - 0.5 * t.W[k]) <= 1e-6 * Math.abs(t.W[k])), 'initScale multiplies the truncated draw');
  assert.equal(resolveTrainOptions().weightInit, 'normal');
  assert.throws(() => resolveTrainOptions({ weightInit: 'glorot' as never }), /weightInit must be one of normal, truncated, got glorot/);
});
