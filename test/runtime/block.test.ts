import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WasmKernel } from '../../src/runtime/wasm-kernel.js';
import { PANEL_FLOATS, addBlock, addBlocks, applyBlock, columnPanels } from '../../src/runtime/block.js';
import { createRng } from '../../src/util/rng.js';
import { randomCsr } from '../helpers/random-csr.js';


test('columnPanels splits each row by column ranges, in order, and the panels add up to the matrix', () => {
  const A = randomCsr(7, 50, 0.3, 1);
  const panels = columnPanels(A, 16);
  assert.equal(panels.length, 4);
  for (const [q, P] of panels.entries()) {
    assert.equal(P.cols, 50);
    for (let k = 0; k < P.rowPtr[P.rows]; k++) assert.ok(P.colIdx[k] >= 16 * q && P.colIdx[k] < 16 * (q + 1), `panel ${q}`);
  }
  for (let r = 0; r < 7; r++) {
    const joined = panels.flatMap((P) => Array.from(P.colIdx.subarray(P.rowPtr[r], P.rowPtr[r + 1])));
    const vals = panels.flatMap((P) => Array.from(P.values.subarray(P.rowPtr[r], P.rowPtr[r + 1])));
    assert.deepEqual(joined, Array.from(A.colIdx.subarray(A.rowPtr[r], A.rowPtr[r + 1])), `row ${r}: columns in order`);
    assert.deepEqual(vals, Array.from(A.values.subarray(A.rowPtr[r], A.rowPtr[r + 1])));
  }
  assert.equal(columnPanels(randomCsr(3, 0, 0.5, 2), 16).length, 1, 'no columns: one empty panel');
});

test('a wide CSR block runs as column panels, as the whole block (bias on the first, relu on the last): bit for bit but in the one-sample path', () => {
  for (const [rows, cols, m, mb, count] of [[34, 784, 64, 64, 9], [9, 300, 128, 99, 7], [5, 200, 64, 3, 3]] as const) {
    const A = randomCsr(rows, cols, 0.25, rows + cols);
    const k = new WasmKernel();
    const whole = addBlock(k, A);
    const panels = addBlocks(k, A, m);
    assert.equal(panels.length, count, `${rows}×${cols}: panels of ${PANEL_FLOATS / m} columns`);
    const bias = k.addFloats(Float32Array.from({ length: rows }, (_, i) => Math.sin(i)));
    const st = k.state((cols + rows) * m);
    const rng = createRng(cols);
    for (let i = 0; i < cols * m; i++) st[i] = rng.normal();
    applyBlock(k, cols, 0, whole, m, mb, bias, true);
    const expected = st.slice(cols * m);
    st.fill(0, cols * m);
    panels.forEach((b, i) => applyBlock(k, cols, 0, b, m, mb, i === 0 ? bias : -1, i === panels.length - 1));
    // Bit for bit where the kernel runs 4 or 32 samples at a time; the last mb % 4 samples go one
    // at a time, summing 4 synapses in the lanes of a vector, so there the grouping moves with the panels.
    const got = st.slice(cols * m);
    for (let r = 0; r < rows; r++) {
      for (let s = 0; s < mb; s++) {
        const [g, e] = [got[r * m + s], expected[r * m + s]];
        if (s < mb - (mb % 4)) assert.ok(Object.is(g, e), `${rows}×${cols}, m ${m}, mb ${mb}: row ${r}, sample ${s}`);
        else assert.ok(Math.abs(g - e) <= 1e-5 * (1 + Math.abs(e)), `row ${r}, sample ${s} (one-sample path): ${g} vs ${e}`);
      }
    }
  }
  const k = new WasmKernel();
  assert.equal(addBlocks(k, randomCsr(4, 40, 0.3, 3), 64).length, 1, 'narrow: one block');
  assert.equal(addBlocks(k, randomCsr(4, 400, 0.9, 3), 64).length, 1, 'dense: one block (gemm)');
});
