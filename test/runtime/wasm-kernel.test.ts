import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import wabtInit from 'wabt';
import { WasmKernel } from '../../src/runtime/wasm-kernel.js';
import { SPMM_WASM_BASE64 } from '../../src/runtime/spmm-wasm.js';
import { csrFromTriplets } from '../../src/core/csr-build.js';
import type { Csr } from '../../src/core/csr.js';
import { createRng } from '../../src/util/rng.js';
import { assertClose, F32 } from '../helpers/tolerance.js';

test('the embedded kernel is spmm.wat as scripts/build-wasm.mjs assembles it', async () => {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('spmm.wat', readFileSync(new URL('../../src/runtime/spmm.wat', import.meta.url), 'utf8'), { simd: true });
  mod.validate();
  const b64 = Buffer.from(mod.toBinary({}).buffer).toString('base64');
  mod.destroy();
  assert.equal(SPMM_WASM_BASE64, b64, 'rerun node scripts/build-wasm.mjs');
});

function randomCsr(rows: number, cols: number, density: number, seed: number): Csr {
  const rng = createRng(seed);
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if (rng.next() < density) (r.push(i), c.push(j), v.push(rng.normal()));
  return csrFromTriplets(rows, cols, r, c, v);
}

/** The oracle: init + A·inp per sample, in float64, on plain arrays (rows are neuron-major, stride m). */
function reference(A: Csr, inp: Float32Array, init: (r: number, s: number) => number, m: number, mb: number, relu: boolean): number[] {
  const out: number[] = [];
  for (let r = 0; r < A.rows; r++) {
    for (let s = 0; s < mb; s++) {
      let z = init(r, s);
      for (let k = A.rowPtr[r]; k < A.rowPtr[r + 1]; k++) z += A.values[k] * inp[A.colIdx[k] * m + s];
      out.push(relu ? (z < 0 ? 0 : z) : z);
    }
  }
  return out;
}

for (const [m, mb] of [[1, 1], [3, 2], [4, 4], [7, 7], [32, 32], [45, 45], [69, 61], [128, 100]]) {
  for (const relu of [false, true]) {
    test(`spmm matches the float64 oracle (m ${m}, mb ${mb}, relu ${relu}), from the bias and from the rows`, () => {
      const A = randomCsr(37, 23, 0.3, m + mb);
      const k = new WasmKernel();
      const W = k.addCsr(A);
      const bias = Float32Array.from({ length: 37 }, (_, i) => Math.sin(i));
      const b = k.addFloats(bias);
      const st = k.state((23 + 37) * m);
      const rng = createRng(m);
      for (let i = 0; i < 23 * m; i++) st[i] = rng.normal();
      const inp = st.slice(0, 23 * m);
      const pick = (out: Float32Array) => Array.from({ length: 37 * mb }, (_, q) => out[(23 + Math.floor(q / mb)) * m + (q % mb)]);
      k.spmm(23, 0, W, m, mb, b, relu);
      assertClose(pick(st), reference(A, inp, (r) => bias[r], m, mb, relu), F32, 'from bias');
      const before = st.slice(23 * m);
      k.spmm(23, 0, W, m, mb, -1, relu);
      assertClose(pick(st), reference(A, inp, (r, s) => before[r * m + s], m, mb, relu), F32, 'accumulating');
    });
  }
}

test('spmm: relu keeps NaN, rows past mb are untouched, and the state survives memory growth', () => {
  const A = randomCsr(5, 4, 1, 3);
  const k = new WasmKernel();
  const W = k.addCsr(A);
  const st = k.state(9 * 8);
  st.fill(1);
  st[0] = NaN;
  k.spmm(4, 0, W, 8, 6, -1, true);
  assert.ok(Number.isNaN(st[4 * 8]));
  assert.equal(st[4 * 8 + 6], 1, 'samples past mb untouched');
  const big = k.state(1 << 20);
  assert.equal(big[4 * 8 + 7], 1);
  assert.ok(Number.isNaN(big[4 * 8]));
});
