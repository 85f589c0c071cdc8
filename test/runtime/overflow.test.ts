import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeModel } from '../../src/format/encode.js';
import { decodeModel } from '../../src/runtime/read-model.js';
import { predict } from '../../src/runtime/predict.js';
import { DataFormatError, ModelFormatError, NonFiniteOutputError } from '../../src/errors.js';
import type { SparseModel } from '../../src/core/sparse-model.js';
import { sampleModels } from '../format/models.js';
import { assemble, split } from '../format/mutate.js';

/** Set every float of `name` in a replay model's data section to `v`, keeping a valid CRC. */
function withFloats(bytes: Uint8Array, path: (model: any) => number, v: number): Uint8Array {
  const { manifest, data } = split(bytes);
  const e = (manifest.arrays as { offset: number; shape: [number] }[])[path(manifest.model)];
  const dv = new DataView(data.buffer, data.byteOffset);
  for (let k = 0; k < e.shape[0]; k++) dv.setFloat32(e.offset + 4 * k, v, true);
  return assemble(manifest, data);
}

const replay = () => sampleModels()[0] as Extract<SparseModel, { form: 'replay' }>;

test('issue 12.6: finite weights near float32 max that overflow are rejected by decode', () => {
  const bytes = encodeModel(replay());
  for (const v of [3.4e38, -3.4e38, 1e30]) {
    assert.throws(() => decodeModel(withFloats(bytes, (m) => m.W.values, v)), ModelFormatError, `W = ${v}`);
  }
  assert.throws(() => decodeModel(withFloats(bytes, (m) => m.b, 3.4e38)), ModelFormatError, 'b = 3.4e38');
});

test('issue 12.6: a replay model whose I is raised until it overflows is rejected', () => {
  const m = replay();
  m.W.values.forEach((v, k) => (m.W.values[k] = 3 * Math.abs(v) + 1));
  const { manifest, data } = split(encodeModel({ ...m, certificate: undefined } as SparseModel));
  (manifest.config as { I: number }).I = 255;
  assert.throws(() => decodeModel(assemble(manifest, data)), ModelFormatError);
});

test('issue 12.6: every sample model still decodes (the probe accepts good models)', () => {
  for (const m of sampleModels()) assert.deepStrictEqual(decodeModel(encodeModel(m)), m);
});

test('issue 12.6: predict raises NonFiniteOutputError for overflowing inputs and DataFormatError for non-finite ones', () => {
  const m = replay();
  m.W.values.fill(2);
  const d = m.config.dIn;
  assert.throws(() => predict(m, new Float32Array(d).fill(3e38), 1), NonFiniteOutputError);
  const x = new Float32Array(2 * d);
  x[d + 1] = NaN;
  assert.throws(() => predict(m, x, 2), DataFormatError);
  assert.equal(predict(m, new Float32Array(d), 1).length, m.config.dOut);
});
