import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readCheckpoint } from '../../src/run/checkpoint.js';
import { IDX_DIR, tempDir } from '../data/fixtures.js';
import { lastJson, urn } from './helpers.js';

describe('urn train on IDX data: the class count', () => {
  it('gives a 2-class IDX pair dOut = 2 and records classes in the run', () => {
    const dir = tempDir();
    const labels = new Uint8Array(readFileSync(join(IDX_DIR, 'train-labels-idx1-ubyte')));
    for (let i = 0; i < 20; i++) labels[8 + i] = i % 2;
    writeFileSync(join(dir, 'labels'), labels);
    const out = join(dir, 'run');
    const dataset = `idx:${join(IDX_DIR, 'train-images-idx3-ubyte')},${join(dir, 'labels')}`;
    const r = urn(['train', '--dataset', dataset, '--S', '800', '--I', '2', '--epochs', '1', '--backend', 'cpu', '--out', out, '--json']);
    assert.equal(r.code, 0, r.err);
    assert.equal(lastJson(r.out).config.dOut, 2);
    const ckpt = readCheckpoint(out);
    assert.equal(ckpt.config.dOut, 2);
    assert.equal((ckpt.train.data as { classes?: number }).classes, 2);
  });

  it('takes --classes N over the labels', () => {
    const out = join(tempDir(), 'run');
    const dataset = `idx:${join(IDX_DIR, 'train-images-idx3-ubyte')},${join(IDX_DIR, 'train-labels-idx1-ubyte')}`;
    const r = urn(['train', '--dataset', dataset, '--classes', '12', '--S', '800', '--I', '2', '--epochs', '1', '--backend', 'cpu', '--json']);
    assert.equal(r.code, 0, r.err);
    assert.equal(lastJson(r.out).config.dOut, 12);
  });
});
