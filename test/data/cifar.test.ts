import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, DataFormatError } from '../../src/errors.js';
import { loadCifar10 } from '../../src/data/cifar.js';
import { CIFAR_DIR, CIFAR_RGB, EXPECTED, close, tempDir } from './fixtures.js';

/** A copy of the CIFAR fixture directory that a test may damage. */
function copyFixture(): string {
  const dir = tempDir();
  for (const f of readdirSync(CIFAR_DIR)) copyFileSync(join(CIFAR_DIR, f), join(dir, f));
  return dir;
}

const isDataFormatError = (e: unknown) => e instanceof DataFormatError && e.name === 'DataFormatError';

describe('loadCifar10', () => {
  it('loads all five train batches and the test batch, RGB channels last', () => {
    const ds = loadCifar10(CIFAR_DIR);
    assert.equal(ds.name, 'cifar10');
    assert.equal(ds.dIn, 3072);
    assert.equal(ds.nClasses, 10);
    assert.deepEqual(ds.image, { height: 32, width: 32, channels: 3 });
    for (const split of ['train', 'test'] as const) {
      const s = ds[split];
      const e = EXPECTED.cifar[split];
      assert.equal(s.n, e.labels.length);
      assert.deepEqual(Array.from(s.y), e.labels);
      for (let k = 0; k < s.n; k++) {
        let sum = 0;
        for (let r = 0; r < 32; r++) {
          for (let c = 0; c < 32; c++) {
            const rgb = CIFAR_RGB(k, r, c);
            for (let ch = 0; ch < 3; ch++) {
              const v = s.x[k * 3072 + (r * 32 + c) * 3 + ch];
              assert.equal(v, Math.fround(rgb[ch] / 255));
              sum += Math.round(v * 255);
            }
          }
        }
        assert.equal(sum, e.rgbSums[k]);
      }
    }
  });

  it('grayscale gives 32×32×1 luminance matching numpy', () => {
    const ds = loadCifar10(CIFAR_DIR, { grayscale: true });
    assert.equal(ds.name, 'cifar10-gray');
    assert.equal(ds.dIn, 1024);
    assert.deepEqual(ds.image, { height: 32, width: 32, channels: 1 });
    for (const split of ['train', 'test'] as const) {
      const s = ds[split];
      const e = EXPECTED.cifar[split];
      assert.equal(s.x.length, s.n * 1024);
      for (let k = 0; k < s.n; k++) {
        for (const { row, col, value } of e.graySamples[k]) {
          assert.ok(close(s.x[k * 1024 + row * 32 + col], value), `${split} ${k} (${row},${col})`);
        }
        let mean = 0;
        for (let p = 0; p < 1024; p++) mean += s.x[k * 1024 + p];
        assert.ok(close(mean / 1024, e.grayMeans[k]));
      }
    }
  });

  it('loads only the requested trainBatches', () => {
    const ds = loadCifar10(CIFAR_DIR, { trainBatches: [1] });
    assert.equal(ds.train.n, 3);
    assert.deepEqual(Array.from(ds.train.y), EXPECTED.cifar.train.labels.slice(0, 3));
    const two = loadCifar10(CIFAR_DIR, { trainBatches: [2, 4] });
    assert.deepEqual(Array.from(two.train.y), [EXPECTED.cifar.train.labels[3], EXPECTED.cifar.train.labels[5]]);
  });

  it('rejects bad trainBatches with ConfigError', () => {
    for (const trainBatches of [[], [0], [6], [1, 1], [1.5]]) {
      assert.throws(() => loadCifar10(CIFAR_DIR, { trainBatches }), ConfigError);
    }
  });
});

describe('loadCifar10 errors', () => {
  it('a missing batch names every expected file and the missing one', () => {
    const dir = copyFixture();
    rmSync(join(dir, 'data_batch_3.bin'));
    assert.throws(() => loadCifar10(dir), (e: Error) =>
      isDataFormatError(e) && e.message.includes('missing data_batch_3.bin') && e.message.includes('test_batch.bin'));
    assert.equal(loadCifar10(dir, { trainBatches: [1, 2, 4, 5] }).train.n, 6);
  });

  it('a missing directory', () => {
    assert.throws(() => loadCifar10(join(tempDir(), 'nope')), isDataFormatError);
  });

  const damage: [string, (b: Buffer) => Uint8Array][] = [
    ['truncated record', (b) => b.subarray(0, b.length - 1)],
    ['extra byte (CIFAR-100 style record size)', (b) => Buffer.concat([b, Buffer.from([0])])],
    ['empty file', () => new Uint8Array(0)],
    ['label out of range', (b) => { const c = Buffer.from(b); c[3073] = 10; return c; }],
  ];
  for (const [name, fn] of damage) {
    it(`throws DataFormatError: ${name}`, () => {
      const dir = copyFixture();
      const file = join(dir, 'test_batch.bin');
      writeFileSync(file, fn(readFileSync(file)));
      assert.throws(() => loadCifar10(dir), (e: Error) => isDataFormatError(e) && e.message.includes(file));
    });
  }
});
