import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, DataFormatError } from '../../src/errors.js';
import { loadDataSpec, specForModel } from '../../src/data/spec.js';
import { IDX_DIR, tempDir } from './fixtures.js';

const IMAGES = join(IDX_DIR, 'train-images-idx3-ubyte');
const LABELS = join(IDX_DIR, 'train-labels-idx1-ubyte');

/** The fixture's 20 images with labels i % 2: a 2-class IDX pair. */
function twoClassPair(): string {
  const labels = new Uint8Array(readFileSync(LABELS));
  for (let i = 0; i < 20; i++) labels[8 + i] = i % 2;
  const p = join(tempDir(), 'labels-2');
  writeFileSync(p, labels);
  return `idx:${IMAGES},${p}`;
}

describe('loadDataSpec: IDX class count', () => {
  it('takes the class count from the labels (max label + 1)', () => {
    const two = loadDataSpec({ dataset: twoClassPair(), seed: 1, normalize: 'none' });
    assert.equal(two.nClasses, 2);
    const ten = loadDataSpec({ dataset: `idx:${IMAGES},${LABELS}`, seed: 1, normalize: 'none' });
    assert.equal(ten.nClasses, 10);
  });

  it('uses `classes` when given, and refuses labels outside it', () => {
    assert.equal(loadDataSpec({ dataset: twoClassPair(), seed: 1, normalize: 'none', classes: 3 }).nClasses, 3);
    assert.throws(() => loadDataSpec({ dataset: `idx:${IMAGES},${LABELS}`, seed: 1, normalize: 'none', classes: 2 }), DataFormatError);
    assert.throws(() => loadDataSpec({ dataset: twoClassPair(), seed: 1, normalize: 'none', classes: 1 }), ConfigError);
  });

  it('keeps the first `classes` classes of other datasets', () => {
    const ds = loadDataSpec({ dataset: 'spirals', seed: 1, normalize: 'none', classes: 3 });
    assert.equal(ds.nClasses, 3);
    assert.ok(ds.train.y.every((v) => v < 3));
  });

  it('rebuilds an IDX run recorded without a class count with the model\'s dOut', () => {
    const old = { dataset: twoClassPair(), seed: 1, normalize: 'none' as const };
    assert.equal(loadDataSpec(specForModel(old, 10)).nClasses, 10);
    assert.equal(loadDataSpec(specForModel({ ...old, classes: 3 }, 10)).nClasses, 3);
    assert.deepEqual(specForModel({ dataset: 'spirals', seed: 1, normalize: 'none' }, 10), { dataset: 'spirals', seed: 1, normalize: 'none' });
  });
});

describe('loadDataSpec: the spheres\' radii and thickness', () => {
  const norms = (x: Float32Array, n: number, d: number) => Array.from({ length: n }, (_, s) => Math.hypot(...x.subarray(s * d, (s + 1) * d)));
  it('puts each class on its shell: [r, r + thickness]', () => {
    const ds = loadDataSpec({ dataset: 'spheres', seed: 1, normalize: 'none', nTrain: 200, nTest: 10, radii: [0.5, 2], thickness: 0.25 });
    norms(ds.train.x, 200, 10).forEach((r, s) => {
      const r0 = ds.train.y[s] === 0 ? 0.5 : 2;
      assert.ok(r >= r0 - 1e-5 && r <= r0 + 0.25 + 1e-5, `sample ${s}: |x| = ${r}, class ${ds.train.y[s]}`);
    });
    const exact = loadDataSpec({ dataset: 'spheres', seed: 1, normalize: 'none', nTrain: 20, nTest: 10, radii: [1, 3], thickness: 0 });
    norms(exact.train.x, 20, 10).forEach((r, s) => assert.ok(Math.abs(r - (exact.train.y[s] === 0 ? 1 : 3)) < 1e-5));
  });

  it('refuses them for other datasets, and shells that overlap', () => {
    assert.throws(() => loadDataSpec({ dataset: 'spirals', seed: 1, normalize: 'none', radii: [1, 2] }), (e: Error) => e instanceof ConfigError && /--radii and --thickness/.test(e.message));
    assert.throws(() => loadDataSpec({ dataset: 'spheres', seed: 1, normalize: 'none', radii: [1, 1.05], thickness: 0.1 }), ConfigError);
  });
});
