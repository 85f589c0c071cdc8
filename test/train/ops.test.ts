import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/train/tf.js';
import { sign, lastColumns } from '../../src/train/ops.js';
import { setupBackend, noLeak } from '../helpers/backend.js';

before(setupBackend);

test('sign is −1, 0 or 1 for every class of float, tiny magnitudes, ±0 and ±∞ included', async () => {
  await noLeak(() =>
    tf.tidy(() => {
      const values = [-3.5, -1e-12, -1e-30, -1.4e-45, -0, 0, 1.4e-45, 1e-30, 1e-12, 2, Infinity, -Infinity];
      const got = Array.from(sign(tf.tensor1d(values)).dataSync());
      const want = values.map((v) => (v === 0 ? 0 : Math.sign(v)));
      assert.deepEqual(got, want, `backend ${tf.getBackend()}`);
    }),
  );
});

test('lastColumns returns the last columns of a matrix, row by row', async () => {
  await noLeak(() =>
    tf.tidy(() => {
      const x = tf.tensor2d(Float32Array.from({ length: 5 * 7 }, (_, k) => k - 3.5), [5, 7]);
      for (const count of [1, 3, 7]) {
        const got = lastColumns(x, count);
        assert.deepEqual(got.shape, [5, count]);
        assert.deepEqual(Array.from(got.dataSync()), Array.from(tf.slice(x, [0, 7 - count], [5, count]).dataSync()));
      }
    }),
  );
});
