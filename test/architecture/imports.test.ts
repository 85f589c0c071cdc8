import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCycles, layerViolations, readSources, tensorflowLeaks, type SourceFile } from './import-graph.js';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const files = readSources(src);

test('src/ has no import cycles', () => {
  assert.ok(files.length > 100);
  assert.deepEqual(importCycles(files), []);
});

test('no import goes up or sideways between the layers of src/', () => {
  assert.deepEqual(layerViolations(files), []);
});

test('core/ and runtime/ never reach TensorFlow.js, not even through another folder', () => {
  assert.ok(files.some((f) => f.path.startsWith('runtime/')));
  assert.deepEqual(tensorflowLeaks(files), []);
});

test('the checks can fail: a cycle, an upward import, a sideways import and a TensorFlow.js leak are reported', () => {
  const fake: SourceFile[] = [
    { path: 'core/a.ts', local: ['core/b.ts'], packages: [] },
    { path: 'core/b.ts', local: ['core/a.ts', 'util/rng.ts'], packages: [] },
    { path: 'core/c.ts', local: ['train/model.ts'], packages: [] },
    { path: 'data/d.ts', local: ['topology/t.ts'], packages: [] },
    { path: 'runtime/r.ts', local: ['format/f.ts'], packages: [] },
    { path: 'format/f.ts', local: [], packages: ['@tensorflow/tfjs-core'] },
    { path: 'newfolder/x.ts', local: [], packages: [] },
  ];
  assert.deepEqual(importCycles(fake), [['core/a.ts', 'core/b.ts']]);
  const layers = layerViolations(fake);
  assert.equal(layers.length, 3);
  assert.match(layers[0], /core may not import train/);
  assert.match(layers[1], /data may not import topology/);
  assert.match(layers[2], /newfolder is not in the layer table/);
  assert.deepEqual(tensorflowLeaks(fake), ['runtime/r.ts → format/f.ts → @tensorflow/tfjs-core']);
});

test('the checks see the real tree: src/train/model.ts reaches TensorFlow.js', () => {
  assert.equal(tensorflowLeaks(files, ['train']).length > 0, true);
});
