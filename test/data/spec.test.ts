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
