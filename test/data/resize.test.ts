import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ConfigError, ShapeError } from '../../src/errors.js';
import { resizeBilinear, resizeDataset } from '../../src/data/resize.js';
import { loadCifar10 } from '../../src/data/cifar.js';
import { makeSpheres } from '../../src/data/spheres.js';
import { tf } from '../../src/train/tf.js';
import { CIFAR_DIR, EXPECTED, firstMismatch } from './fixtures.js';
import { setupBackend } from '../helpers/backend.js';

before(setupBackend);

describe('resizeBilinear', () => {
  it('upsamples 2×2 to 4×4 as computed by hand', () => {
    // Half-pixel centres: source positions along each axis are 0 (clamped), 0.25, 0.75, 1 (clamped).
    // The image is the plane v = x + 2y, which bilinear interpolation reproduces exactly.
    const out = resizeBilinear(Float32Array.from([0, 1, 2, 3]), 1, 2, 2, 1, 4, 4);
    assert.deepEqual(Array.from(out), [
      0, 0.25, 0.75, 1,
      0.5, 0.75, 1.25, 1.5,
      1.5, 1.75, 2.25, 2.5,
      2, 2.25, 2.75, 3,
    ]);
  });

  it('halving averages neighbouring pairs', () => {
    assert.deepEqual(Array.from(resizeBilinear(Float32Array.from([0, 1, 2, 3]), 1, 1, 4, 1, 1, 2)), [0.5, 2.5]);
  });

  it('is the identity at the same size', () => {
    const x = Float32Array.from({ length: 2 * 3 * 5 * 2 }, (_, i) => Math.sin(i));
    assert.deepEqual(resizeBilinear(x, 2, 3, 5, 2, 3, 5), x);
  });

  it('keeps channels apart', () => {
    const x = new Float32Array(3 * 3 * 2);
    for (let p = 0; p < 9; p++) { x[2 * p] = 1; x[2 * p + 1] = -1; }
    const out = resizeBilinear(x, 1, 3, 3, 2, 7, 5);
    for (let p = 0; p < 35; p++) assert.deepEqual([out[2 * p], out[2 * p + 1]], [1, -1]);
  });

  for (const [i, t] of EXPECTED.resize.entries()) {
    it(`matches the numpy reference ${i}: ${t.n}×${t.h}×${t.w}×${t.c} → ${t.newH}×${t.newW}`, () => {
      const out = resizeBilinear(Float32Array.from(t.input), t.n, t.h, t.w, t.c, t.newH, t.newW);
      assert.equal(firstMismatch(out, t.expected), -1);
    });
  }

  it('agrees with tf.image.resizeBilinear(halfPixelCenters) on 32×32 → 60×60', () => {
    const before = tf.memory().numTensors;
    const x = Float32Array.from({ length: 2 * 32 * 32 * 3 }, (_, i) => ((i * 7919) % 256) / 255);
    const ours = resizeBilinear(x, 2, 32, 32, 3, 60, 60);
    const theirs = tf.tidy(() => tf.image.resizeBilinear(tf.tensor4d(x, [2, 32, 32, 3]), [60, 60], false, true).dataSync());
    assert.equal(firstMismatch(ours, theirs, 1e-5, 1e-6), -1);
    assert.equal(tf.memory().numTensors, before);
  });

  it('rejects bad sizes', () => {
    assert.throws(() => resizeBilinear(new Float32Array(5), 1, 2, 2, 1, 3, 3), ShapeError);
    assert.throws(() => resizeBilinear(new Float32Array(4), 1, 2, 2, 1, 0, 3), ConfigError);
    assert.throws(() => resizeBilinear(new Float32Array(4), 1, 2, 2, 1, 2.5, 3), ConfigError);
  });
});

describe('resizeDataset', () => {
  it('expands grayscale CIFAR to 60×60 and updates dIn and image', () => {
    const ds = loadCifar10(CIFAR_DIR, { grayscale: true });
    const big = resizeDataset(ds, 60, 60);
    assert.equal(big.dIn, 3600);
    assert.deepEqual(big.image, { height: 60, width: 60, channels: 1 });
    assert.equal(big.train.x.length, ds.train.n * 3600);
    assert.equal(big.test.x.length, ds.test.n * 3600);
    assert.equal(big.train.y, ds.train.y);
    assert.deepEqual(big.test.x, resizeBilinear(ds.test.x, ds.test.n, 32, 32, 1, 60, 60));
  });

  it('rejects datasets without an image shape', () => {
    assert.throws(() => resizeDataset(makeSpheres({ nTrain: 4, nTest: 2 }), 4, 4), ConfigError);
  });
});
