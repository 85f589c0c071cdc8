import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../../src/train/tf.js';
import { initBackend } from '../../../src/train/backend.js';
import { installWasmKernelFixes, uninstallWasmKernelFixes } from '../../../src/train/kernels/wasm-fixes.js';
import { noLeak } from '../../helpers/backend.js';

before(async () => {
  await initBackend({ backend: 'wasm' });
});

test('on wasm the registered Slice kernel matches a reference slice for every block, -1 sizes included', async () => {
  assert.equal(tf.getBackend(), 'wasm');
  await noLeak(() =>
    tf.tidy(() => {
      const R = 6, C = 9;
      const values = Float32Array.from({ length: R * C }, (_, k) => Math.sin(k) * 10);
      const x = tf.tensor2d(values, [R, C]);
      for (const [begin, size] of [[[0, 0], [6, 9]], [[2, 3], [3, 4]], [[0, 8], [6, 1]], [[5, 0], [1, -1]], [[1, 2], [-1, -1]]] as const) {
        const got = tf.slice(x, [...begin], [...size]);
        const rows = size[0] < 0 ? R - begin[0] : size[0];
        const cols = size[1] < 0 ? C - begin[1] : size[1];
        const want: number[] = [];
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) want.push(values[(begin[0] + r) * C + begin[1] + c]);
        assert.deepEqual(got.shape, [rows, cols]);
        assert.deepEqual(Array.from(got.dataSync()), want, `slice ${begin} ${size}`);
      }
      // other ranks and dtypes go to the stock kernel
      assert.deepEqual(Array.from(tf.slice(tf.tensor1d([1, 2, 3, 4]), [1], [2]).dataSync()), [2, 3]);
      assert.deepEqual(Array.from(tf.slice(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), [0, 1], [2, 1]).dataSync()), [2, 4]);
    }),
  );
});

test('the Sign fix matters: stock wasm Sign returns 0 for 1e-12, the registered one 1', () => {
  const tiny = () => tf.tidy(() => tf.sign(tf.tensor1d([1e-12, -1e-12])).dataSync()[0]);
  uninstallWasmKernelFixes(['Sign']);
  try {
    assert.equal(tiny(), 0);
  } finally {
    assert.deepEqual(installWasmKernelFixes().sort(), ['GatherV2', 'ScatterNd', 'Sign', 'Slice', '_FusedMatMul']);
  }
  assert.equal(tiny(), 1);
});

test('on wasm a fused matmul with transposeB and a bias equals the unfused a·bᵀ + bias', async () => {
  await noLeak(() =>
    tf.tidy(() => {
      const a = tf.tensor2d(Float32Array.from({ length: 4 * 5 }, (_, k) => Math.cos(k)), [4, 5]);
      const b = tf.tensor2d(Float32Array.from({ length: 3 * 5 }, (_, k) => Math.sin(k)), [3, 5]);
      const bias = tf.tensor1d([0.5, -1, 2]);
      const got = tf.fused.matMul({ a, b, transposeB: true, bias }).dataSync();
      const want = tf.add(tf.matMul(a, tf.transpose(b)), bias).dataSync();
      for (let k = 0; k < want.length; k++) assert.ok(Math.abs(got[k] - want[k]) < 1e-5, `entry ${k}: ${got[k]} vs ${want[k]}`);
    }),
  );
});

/** The same op through the stock kernel (fix taken out) and through the registered one. */
function stockAndFixed(name: string, op: () => Float32Array | Int32Array | Uint8Array): [number[], number[]] {
  uninstallWasmKernelFixes([name]);
  let stock: number[];
  try {
    stock = Array.from(tf.tidy(op));
  } finally {
    installWasmKernelFixes();
  }
  return [stock, Array.from(tf.tidy(op))];
}

test('on wasm the registered GatherV2 equals the stock kernel on rows, columns, repeats and negative axes', async () => {
  const values = Float32Array.from({ length: 5 * 7 }, (_, k) => Math.sin(k) * 3);
  await noLeak(() => {
    for (const [idx, axis] of [[[4, 0, 2], 0], [[6, 1, 1, 3], 1], [[2], -1], [[], 0]] as const) {
      const [stock, fixed] = stockAndFixed('GatherV2', () => tf.gather(tf.tensor2d(values, [5, 7]), tf.tensor1d([...idx], 'int32'), axis).dataSync());
      assert.deepEqual(fixed, stock, `indices ${idx} on axis ${axis}`);
    }
    // other dtypes and ranks go to the stock kernel; an index out of range is still refused
    assert.deepEqual(Array.from(tf.tidy(() => tf.gather(tf.tensor1d([5, 6, 7], 'int32'), [2, 0]).dataSync())), [7, 5]);
    assert.throws(() => tf.tidy(() => tf.gather(tf.tensor2d(values, [5, 7]), tf.tensor1d([5], 'int32'), 0).dataSync()));
  });
});

test('on wasm the registered ScatterNd equals the stock kernel for whole rows, repeated rows summed', async () => {
  await noLeak(() => {
    const updates = Float32Array.from({ length: 3 * 4 }, (_, k) => k - 5.5);
    const [stock, fixed] = stockAndFixed('ScatterNd', () => tf.scatterND(tf.tensor2d([4, 1, 4], [3, 1], 'int32'), tf.tensor2d(updates, [3, 4]), [6, 4]).dataSync());
    assert.deepEqual(fixed, stock);
    assert.equal(fixed[4 * 4], updates[0] + updates[8]); // row 4 got rows 0 and 2 of the updates
    assert.equal(fixed[0], 0); // untouched rows are zero (wasm's output memory is not)
    // element indices go to the stock kernel
    assert.deepEqual(Array.from(tf.tidy(() => tf.scatterND(tf.tensor2d([1, 0], [1, 2], 'int32'), tf.tensor1d([9]), [2, 2]).dataSync())), [0, 0, 9, 0]);
  });
});
