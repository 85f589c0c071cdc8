import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DataFormatError } from '../../src/errors.js';
import { FASHION_MNIST_DIR, loadFashionMnist } from '../../src/data/fashion-mnist.js';
import { EXPECTED, IDX_DIR, IDX_PIXEL, tempDir } from './fixtures.js';

describe('loadFashionMnist', () => {
  it('loads a directory with the Fashion-MNIST file names', () => {
    const ds = loadFashionMnist({ dir: IDX_DIR });
    assert.equal(ds.name, 'fashion-mnist');
    assert.equal(ds.dIn, 784);
    assert.deepEqual(ds.image, { height: 28, width: 28, channels: 1 });
    assert.equal(ds.train.n, 20);
    assert.equal(ds.test.n, 10);
    assert.deepEqual(Array.from(ds.train.y), EXPECTED.idx.train.labels);
    assert.deepEqual(Array.from(ds.test.y), EXPECTED.idx.test.labels);
    assert.equal(ds.test.x[3 * 784 + 5 * 28 + 7], Math.fround(IDX_PIXEL.test(3, 5, 7) / 255));
    assert.equal(Object.keys(ds.train).sort().join(), 'n,x,y');
  });

  it('accepts raw files when no .gz is present', () => {
    const dir = tempDir();
    for (const f of readdirSync(IDX_DIR)) {
      if (f.startsWith('train') && f.endsWith('.gz')) continue;
      copyFileSync(join(IDX_DIR, f), join(dir, f));
    }
    assert.deepEqual(loadFashionMnist({ dir }), loadFashionMnist({ dir: IDX_DIR }));
  });

  it('a missing directory or file says how to install it', () => {
    assert.throws(() => loadFashionMnist({ dir: join(tempDir(), 'none') }), (e: Error) =>
      e instanceof DataFormatError && e.message.includes('apt-get install dataset-fashion-mnist'));
    const dir = tempDir();
    copyFileSync(join(IDX_DIR, 'train-images-idx3-ubyte.gz'), join(dir, 'train-images-idx3-ubyte.gz'));
    assert.throws(() => loadFashionMnist({ dir }), (e: Error) =>
      e instanceof DataFormatError && e.message.includes('t10k-labels-idx1-ubyte'));
  });

  it('loads the installed dataset', { skip: !existsSync(FASHION_MNIST_DIR) && `${FASHION_MNIST_DIR} not installed` }, () => {
    const ds = loadFashionMnist();
    assert.equal(ds.train.n, 60000);
    assert.equal(ds.test.n, 10000);
    assert.equal(ds.dIn, 784);
    const counts = new Array(10).fill(0);
    for (const v of ds.train.y) counts[v]++;
    assert.deepEqual(counts, new Array(10).fill(6000));
  });
});
