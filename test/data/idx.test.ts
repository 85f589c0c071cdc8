import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DataFormatError } from '../../src/errors.js';
import { loadIdxPair, parseIdx, readMaybeGzip } from '../../src/data/idx.js';
import { EXPECTED, IDX_DIR, IDX_PIXEL, tempDir } from './fixtures.js';

const IMAGES = join(IDX_DIR, 'train-images-idx3-ubyte');
const LABELS = join(IDX_DIR, 'train-labels-idx1-ubyte');

/** Write `bytes` to a temp file and return its path. */
function temp(name: string, bytes: Uint8Array): string {
  const p = join(tempDir(), name);
  writeFileSync(p, bytes);
  return p;
}

function isDataFormatError(e: unknown): boolean {
  return e instanceof DataFormatError && e.name === 'DataFormatError';
}

function header(ndim: number, dims: number[]): Uint8Array {
  const b = new Uint8Array(4 + 4 * ndim);
  b[2] = 0x08;
  b[3] = ndim;
  const v = new DataView(b.buffer);
  dims.forEach((d, k) => v.setUint32(4 + 4 * k, d, false));
  return b;
}

describe('loadIdxPair', () => {
  it('loads the raw fixture to the generator values', () => {
    const s = loadIdxPair(IMAGES, LABELS);
    assert.equal(s.n, 20);
    assert.deepEqual(s.image, { height: 28, width: 28, channels: 1 });
    assert.deepEqual(Array.from(s.y), EXPECTED.idx.train.labels);
    assert.equal(s.x.length, 20 * 784);
    for (let i = 0; i < 20; i++) {
      let sum = 0;
      for (let r = 0; r < 28; r++) {
        for (let c = 0; c < 28; c++) {
          const v = s.x[i * 784 + r * 28 + c];
          assert.equal(v, Math.fround(IDX_PIXEL.train(i, r, c) / 255));
          sum += Math.round(v * 255);
        }
      }
      assert.equal(sum, EXPECTED.idx.train.pixelSums[i]);
    }
  });

  it('gives identical arrays for the gzipped and the raw files', () => {
    const raw = loadIdxPair(IMAGES, LABELS);
    const gz = loadIdxPair(`${IMAGES}.gz`, `${LABELS}.gz`);
    assert.deepEqual(gz, raw);
  });

  it('keeps pixels in [0, 1] and hits both ends', () => {
    const { x } = loadIdxPair(IMAGES, LABELS);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of x) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    assert.equal(lo, 0);
    assert.equal(hi, 1);
  });
});

describe('loadIdxPair errors', () => {
  const images = readFileSync(IMAGES);
  const labels = readFileSync(LABELS);

  const cases: [string, () => unknown][] = [
    ['truncated images', () => loadIdxPair(temp('i', images.subarray(0, images.length - 1)), LABELS)],
    ['truncated header', () => loadIdxPair(temp('i', images.subarray(0, 10)), LABELS)],
    ['trailing bytes', () => loadIdxPair(temp('i', Buffer.concat([images, Buffer.from([0])])), LABELS)],
    ['empty file', () => loadIdxPair(temp('i', new Uint8Array(0)), LABELS)],
    ['bad magic', () => {
      const b = Uint8Array.from(images);
      b[0] = 0x12;
      return loadIdxPair(temp('i', b), LABELS);
    }],
    ['wrong dtype', () => {
      const b = Uint8Array.from(images);
      b[2] = 0x0d;
      return loadIdxPair(temp('i', b), LABELS);
    }],
    ['images and labels swapped', () => loadIdxPair(LABELS, IMAGES)],
    ['label out of range', () => {
      const b = Uint8Array.from(labels);
      b[b.length - 1] = 10;
      return loadIdxPair(IMAGES, temp('l', b));
    }],
    ['label out of a smaller nClasses', () => loadIdxPair(IMAGES, LABELS, { nClasses: 5 })],
    ['count mismatch', () => {
      const b = Buffer.concat([header(1, [19]), labels.subarray(8, 8 + 19)]);
      return loadIdxPair(IMAGES, temp('l', b));
    }],
    ['corrupt gzip', () => {
      const gz = readFileSync(`${IMAGES}.gz`);
      return loadIdxPair(temp('i.gz', gz.subarray(0, gz.length - 20)), LABELS);
    }],
    ['gzip bomb over maxBytes', () => loadIdxPair(temp('i.gz', gzipSync(new Uint8Array(1 << 20))), LABELS, { maxBytes: 1 << 16 })],
    ['raw file over maxBytes', () => loadIdxPair(IMAGES, LABELS, { maxBytes: 1000 })],
    ['missing file', () => loadIdxPair(join(tempDir(), 'nope'), LABELS)],
    ['zero images', () => loadIdxPair(temp('i', header(3, [0, 28, 28])), temp('l', header(1, [0])))],
  ];
  for (const [name, run] of cases) {
    it(`throws DataFormatError: ${name}`, () => assert.throws(run, isDataFormatError));
  }

  it('names the file in the message', () => {
    const p = temp('broken-images', images.subarray(0, 100));
    assert.throws(() => loadIdxPair(p, LABELS), (e: Error) => e.message.includes(p));
  });

  it('fails fast, without allocating, on a header claiming 4e9 × 28 × 28 items', () => {
    const p = temp('huge', Buffer.concat([header(3, [4_000_000_000, 28, 28]), images.subarray(16)]));
    const t0 = performance.now();
    assert.throws(() => loadIdxPair(p, LABELS), isDataFormatError);
    assert.ok(performance.now() - t0 < 1000);
  });
});

describe('parseIdx / readMaybeGzip', () => {
  it('returns the header dims and a payload view', () => {
    const { dims, data } = parseIdx(readFileSync(LABELS), 1, 'labels');
    assert.deepEqual(dims, [20]);
    assert.deepEqual(Array.from(data), EXPECTED.idx.train.labels);
  });

  it('gunzips by magic bytes, not by file name', () => {
    const p = temp('no-extension', readFileSync(`${LABELS}.gz`));
    assert.deepEqual(readMaybeGzip(p, 1 << 20), readFileSync(LABELS));
  });
});
