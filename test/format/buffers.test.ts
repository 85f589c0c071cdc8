import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeModel } from '../../src/format/encode.js';
import { decodeModel } from '../../src/format/decode.js';
import { sampleModels } from './models.js';

/** Arrays of a decoded model (for checking that a copy owns its memory). */
function arraysOf(m: ReturnType<typeof decodeModel>): ArrayBufferView[] {
  if (m.form === 'replay') return [m.neurons, m.W.rowPtr, m.W.colIdx, m.W.values, m.b, m.inputIndex, m.outputIndex];
  return [m.outLayer, m.outUnit, m.outOffset, ...m.layers.flatMap((L) => [L.neurons, L.bias, L.offset])];
}

test('issue 12.7: Node Buffers at every byteOffset decode, with and without copy', () => {
  for (const m of sampleModels()) {
    const bytes = encodeModel(m);
    for (let off = 0; off < 8; off++) {
      // A Buffer inside a larger pool, as readFileSync and Buffer.concat return them.
      const pool = Buffer.alloc(bytes.length + off + 3);
      pool.set(bytes, off);
      const buf = pool.subarray(off, off + bytes.length);
      for (const copy of [false, true]) {
        const back = decodeModel(buf, { copy });
        assert.deepStrictEqual(back, m, `offset ${off}, copy ${copy}`);
        if (copy) for (const a of arraysOf(back)) assert.notEqual(a.buffer, pool.buffer, 'copy: true owns its arrays');
      }
    }
  }
});

test('issue 12.7: a copied model survives reuse of the input buffer', () => {
  const m = sampleModels()[0];
  const buf = Buffer.from(encodeModel(m));
  const back = decodeModel(buf, { copy: true });
  buf.fill(0);
  assert.deepStrictEqual(back, m);
});
