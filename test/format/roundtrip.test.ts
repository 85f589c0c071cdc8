import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeModel } from '../../src/format/encode.js';
import { decodeModel } from '../../src/format/decode.js';
import { readModel, writeModel } from '../../src/format/file.js';
import { HEADER_BYTES } from '../../src/format/layout.js';
import { predict } from '../../src/runtime/predict.js';
import { ModelFormatError } from '../../src/errors.js';
import { sampleModels } from './models.js';
import { randomInputs } from '../export/fixtures.js';

test('decode(encode(m)) deep-equals m for every sample model', () => {
  for (const m of sampleModels()) {
    const bytes = encodeModel(m);
    assert.deepStrictEqual(decodeModel(bytes), m);
    assert.deepStrictEqual(decodeModel(bytes, { copy: true }), m);
    assert.deepStrictEqual(encodeModel(decodeModel(bytes)), bytes, 'encoding is deterministic');
  }
});

test('arrays are zero-copy views when aligned and copies when not', () => {
  const m = sampleModels()[0];
  const bytes = encodeModel(m);
  const view = decodeModel(bytes);
  if (view.form !== 'replay') throw new Error('expected replay');
  assert.equal(view.b.buffer, bytes.buffer);
  const shifted = new Uint8Array(bytes.length + 1).subarray(1);
  shifted.set(bytes);
  const copied = decodeModel(shifted);
  if (copied.form !== 'replay') throw new Error('expected replay');
  assert.notEqual(copied.b.buffer, shifted.buffer);
  assert.deepStrictEqual(copied, m);
});

test('decoded models predict like the originals', () => {
  for (const m of sampleModels()) {
    const x = randomInputs(7, m.config.dIn);
    assert.deepStrictEqual(predict(decodeModel(encodeModel(m)), x, 7), predict(m, x, 7));
  }
});

test('writeModel is atomic and readModel reads it back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-format-'));
  try {
    const path = join(dir, 'model.urn');
    const [m] = sampleModels();
    writeModel(path, m);
    assert.deepStrictEqual(readModel(path), m);
    assert.deepEqual(readdirSync(dir), ['model.urn']);
    writeFileSync(path, new Uint8Array(100));
    assert.throws(() => readModel(path), ModelFormatError);
    assert.throws(() => readModel(path, { maxBytes: 50 }), ModelFormatError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('encodeModel refuses invalid models', () => {
  const [m] = sampleModels();
  if (m.form !== 'replay') throw new Error('expected replay');
  const bad = { ...m, b: new Float32Array(m.b.length).fill(NaN) };
  assert.throws(() => encodeModel(bad), ModelFormatError);
  assert.throws(() => encodeModel({ ...m, topology: { a: new Float32Array(2) } }), ModelFormatError);
  assert.throws(() => encodeModel({ ...m, topology: { a: undefined } }), ModelFormatError);
});

test('header checks: magic, version, size cap', () => {
  const bytes = encodeModel(sampleModels()[0]);
  const wrongMagic = bytes.slice();
  wrongMagic[0] = 0x41;
  assert.throws(() => decodeModel(wrongMagic), { name: 'ModelFormatError', message: /not a URN model file/ });
  const future = bytes.slice();
  new DataView(future.buffer).setUint32(8, 99, true);
  assert.throws(() => decodeModel(future), { name: 'ModelFormatError', message: /version 99 is not supported/ });
  assert.throws(() => decodeModel(bytes, { maxBytes: 100 }), { name: 'ModelFormatError', message: /limit/ });
  assert.throws(() => decodeModel(bytes.subarray(0, HEADER_BYTES - 1)), ModelFormatError);
  assert.throws(() => decodeModel(bytes.subarray(0, bytes.length - 4)), ModelFormatError);
});
