import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import wabtInit from 'wabt';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WasmKernel, wasmKernelVariant } from '../../src/runtime/wasm-kernel.js';
import { SPMM_RELAXED_WASM_BASE64, SPMM_WASM_BASE64 } from '../../src/runtime/spmm-wasm.js';
import { GEMM_RELAXED_WASM_BASE64, GEMM_WASM_BASE64 } from '../../src/runtime/gemm-wasm.js';
// @ts-expect-error: a build script in plain JavaScript, without types
import { relaxedWat } from '../../scripts/wat-relaxed.mjs';
import { TRANSPOSE_WASM_BASE64 } from '../../src/runtime/transpose-wasm.js';
import type { Csr } from '../../src/core/csr.js';
import { createRng } from '../../src/util/rng.js';
import { randomCsr } from '../helpers/random-csr.js';
import { F32 } from '../helpers/tolerance.js';

const embedded = {
  spmm: [SPMM_WASM_BASE64, SPMM_RELAXED_WASM_BASE64],
  gemm: [GEMM_WASM_BASE64, GEMM_RELAXED_WASM_BASE64],
  transpose: [TRANSPOSE_WASM_BASE64],
};
for (const [name, [b64, relaxedB64]] of Object.entries(embedded)) {
  test(`the embedded ${name} kernel is ${name}.wat as scripts/build-wasm.mjs assembles it${relaxedB64 ? ', in both forms' : ''}`, async () => {
    const wabt = await wabtInit();
    const src = readFileSync(new URL(`../../src/runtime/${name}.wat`, import.meta.url), 'utf8');
    const assemble = (text: string, relaxed: boolean) => {
      const mod = wabt.parseWat(`${name}.wat`, text, { simd: true, relaxed_simd: relaxed });
      mod.validate();
      const built = Buffer.from(mod.toBinary({}).buffer).toString('base64');
      mod.destroy();
      return built;
    };
    assert.equal(b64, assemble(src, false), 'rerun node scripts/build-wasm.mjs');
    if (relaxedB64) {
      const { text, fused } = relaxedWat(src);
      assert.ok(fused >= 8, `${name}: its multiply-adds fused (${fused})`);
      assert.equal(relaxedB64, assemble(text, true), 'rerun node scripts/build-wasm.mjs');
    }
  });
}

test('relaxedWat fuses (f32x4.add X (f32x4.mul A B)) into relaxed_madd, nested or not, and leaves other adds', () => {
  const { text, fused } = relaxedWat(`;; a comment (with parentheses)
    (local.set $c (f32x4.add (local.get $c) (f32x4.mul (local.get $a) (v128.load offset=16 (local.get $p)))))
    (local.set $d (f32x4.add (f32x4.add (local.get $d) (f32x4.mul (local.get $a) (local.get $b))) (local.get $e)))
    (f32.add (local.get $x) (f32.mul (local.get $y) (local.get $z)))`);
  assert.equal(fused, 2);
  assert.equal(text, [
    '(local.set $c (f32x4.relaxed_madd (local.get $a) (v128.load offset=16 (local.get $p)) (local.get $c)))',
    '(local.set $d (f32x4.add (f32x4.relaxed_madd (local.get $a) (local.get $b) (local.get $d)) (local.get $e)))',
    '(f32.add (local.get $x) (f32.mul (local.get $y) (local.get $z)))',
  ].join('\n'));
  assert.throws(() => relaxedWat('(module (func'), /unbalanced/);
});

// Node.js 20 takes relaxed SIMD only behind a flag: this file's tests run again in a child process
// with it, and there `wasmKernelVariant()` must say so (URN_EXPECT_VARIANT); URN_WASM_RELAXED=0
// turns it off again.
declare const WebAssembly: { validate(bytes: Uint8Array): boolean };
const expected = process.env.URN_EXPECT_VARIANT;
test(`the kernels this process runs: ${expected ?? 'relaxed SIMD where the engine takes it'}`, () => {
  const relaxedOk = WebAssembly.validate(Buffer.from(SPMM_RELAXED_WASM_BASE64, 'base64'));
  assert.equal(wasmKernelVariant(), expected ?? (relaxedOk && process.env.URN_WASM_RELAXED !== '0' ? 'relaxed-simd' : 'simd'));
});
if (!expected) {
  for (const [variant, env] of [['relaxed-simd', {}], ['simd', { URN_WASM_RELAXED: '0' }]] as const) {
    test(`under --experimental-wasm-relaxed-simd${variant === 'simd' ? ' with URN_WASM_RELAXED=0' : ''} the kernels are ${variant} and pass this file's oracle tests`, () => {
      const file = fileURLToPath(import.meta.url);
      const args = ['--experimental-wasm-relaxed-simd', '--import', 'tsx', '--test', '--test-reporter', 'dot', file];
      // Without NODE_TEST_CONTEXT, which would make the child report to this runner instead of failing.
      const { NODE_TEST_CONTEXT: _, ...parent } = process.env;
      const r = spawnSync(process.execPath, args, { env: { ...parent, ...env, URN_EXPECT_VARIANT: variant }, encoding: 'utf8', timeout: 120_000 });
      assert.equal(r.status, 0, `child failed:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
    });
  }
}


/**
 * The oracle: init + A·inp per sample, in float64, on plain arrays (rows are neuron-major, stride
 * m), with each sum's scale |init| + Σ|terms| (what float32 rounding error grows with).
 */
function reference(A: Csr, inp: Float32Array, init: (r: number, s: number) => number, m: number, mb: number, relu: boolean) {
  const value: number[] = [];
  const scale: number[] = [];
  for (let r = 0; r < A.rows; r++) {
    for (let s = 0; s < mb; s++) {
      let z = init(r, s);
      let abs = Math.abs(z);
      for (let k = A.rowPtr[r]; k < A.rowPtr[r + 1]; k++) {
        z += A.values[k] * inp[A.colIdx[k] * m + s];
        abs += Math.abs(A.values[k] * inp[A.colIdx[k] * m + s]);
      }
      value.push(relu ? (z < 0 ? 0 : z) : z);
      scale.push(abs);
    }
  }
  return { value, scale };
}

/** |actual − expected| within float32's tolerance of each sum's scale. */
function assertMatches(actual: number[], expected: ReturnType<typeof reference>, what: string): void {
  actual.forEach((a, q) => {
    const e = expected.value[q];
    const bound = F32.atol + F32.rtol * expected.scale[q];
    assert.ok(Math.abs(a - e) <= bound || (Number.isNaN(a) && Number.isNaN(e)), `${what}[${q}]: ${a} ≠ ${e} (bound ${bound})`);
  });
}

/** The two ways a matrix goes into a kernel: CSR (spmm.wat) and a dense packed panel (gemm.wat). */
const STORES = {
  spmm: (k: WasmKernel, A: Csr) => {
    const W = k.addCsr(A);
    return (out: number, inp: number, m: number, mb: number, bias: number, relu: boolean) => k.spmm(out, inp, W, m, mb, bias, relu);
  },
  gemm: (k: WasmKernel, A: Csr) => {
    const D = k.addDense(A);
    return (out: number, inp: number, m: number, mb: number, bias: number, relu: boolean) => k.gemm(out, inp, D, m, mb, bias, relu);
  },
};

// Rows around the gemm tile of 4 (and its remainders), samples around its 8 and 4 (and m > mb).
const SHAPES: [rows: number, cols: number, m: number, mb: number, density: number][] = [
  [37, 23, 1, 1, 0.3], [37, 23, 3, 2, 0.3], [37, 23, 4, 4, 0.3], [37, 23, 7, 7, 0.3], [37, 23, 32, 32, 0.3],
  [37, 23, 45, 45, 0.3], [37, 23, 69, 61, 0.3], [37, 23, 128, 100, 0.3], [1, 1, 9, 9, 1], [4, 5, 8, 8, 1],
  [5, 13, 13, 13, 0.9], [13, 220, 20, 19, 1], [6, 3, 12, 11, 0.6], [3, 7, 16, 5, 0.5], [8, 1, 1, 1, 1],
];

for (const [kind, store] of Object.entries(STORES)) {
  for (const [rows, cols, m, mb, density] of SHAPES) {
    for (const relu of [false, true]) {
      test(`${kind} matches the float64 oracle (${rows}×${cols}, m ${m}, mb ${mb}, relu ${relu}), from the bias and from the rows`, () => {
        const A = randomCsr(rows, cols, density, rows * 1000 + m + mb);
        const k = new WasmKernel();
        const run = store(k, A);
        const bias = Float32Array.from({ length: rows }, (_, i) => Math.sin(i));
        const b = k.addFloats(bias);
        const st = k.state((cols + rows) * m);
        const rng = createRng(m);
        for (let i = 0; i < st.length; i++) st[i] = rng.normal();
        const inp = st.slice(0, cols * m);
        const pick = (out: Float32Array) => Array.from({ length: rows * mb }, (_, q) => out[(cols + Math.floor(q / mb)) * m + (q % mb)]);
        const rest = () => Array.from({ length: rows * (m - mb) }, (_, q) => st[(cols + Math.floor(q / (m - mb))) * m + mb + (q % (m - mb))]);
        const untouched = rest();
        run(cols, 0, m, mb, b, relu);
        assertMatches(pick(st), reference(A, inp, (r) => bias[r], m, mb, relu), 'from bias');
        const before = st.slice(cols * m);
        run(cols, 0, m, mb, -1, relu);
        assertMatches(pick(st), reference(A, inp, (r, s) => before[r * m + s], m, mb, relu), 'accumulating');
        assert.deepEqual(rest(), untouched, 'samples past mb untouched');
        assert.deepEqual(st.slice(0, cols * m), inp, 'inputs untouched');
      });
    }
  }
}

test('gemm and spmm agree bit for bit on a dense block at 8 and 4 samples (same order of sums)', () => {
  const A = randomCsr(13, 29, 1, 4);
  const k = new WasmKernel();
  const run = { spmm: STORES.spmm(k, A), gemm: STORES.gemm(k, A) };
  const b = k.addFloats(Float32Array.from({ length: 13 }, (_, i) => Math.cos(i)));
  const m = 12;
  const st = k.state((29 + 13) * m);
  const rng = createRng(7);
  for (let i = 0; i < 29 * m; i++) st[i] = rng.normal();
  run.spmm(29, 0, m, m, b, true);
  const viaSpmm = st.slice(29 * m);
  run.gemm(29, 0, m, m, b, true);
  assert.deepEqual(st.slice(29 * m), viaSpmm);
});

for (const [kind, store] of Object.entries(STORES)) {
  test(`${kind}: relu keeps NaN, rows past mb are untouched, and the state survives memory growth`, () => {
    const A = randomCsr(5, 4, 1, 3);
    const k = new WasmKernel();
    const run = store(k, A);
    const st = k.state(9 * 8);
    st.fill(1);
    st[0] = NaN;
    run(4, 0, 8, 6, -1, true);
    assert.ok(Number.isNaN(st[4 * 8]));
    assert.equal(st[4 * 8 + 6], 1, 'samples past mb untouched');
    const big = k.state(1 << 20);
    assert.equal(big[4 * 8 + 7], 1);
    assert.ok(Number.isNaN(big[4 * 8]));
  });
}

for (const [mb, dIn, m] of [[1, 1, 1], [3, 5, 4], [4, 4, 4], [9, 7, 12], [13, 784, 16], [32, 10, 32], [6, 3, 8]]) {
  test(`load: a row-major batch goes into the state neuron-major (mb ${mb}, dIn ${dIn}, m ${m})`, () => {
    const k = new WasmKernel();
    const n = mb + 3;
    const x = Float32Array.from({ length: n * dIn }, (_, q) => q + 0.5);
    const st = k.state(dIn * m + mb * dIn);
    st.fill(-1);
    k.load(x, 2, mb, dIn, m, dIn * m);
    for (let f = 0; f < dIn; f++) {
      for (let s = 0; s < m; s++) assert.equal(st[f * m + s], s < mb ? x[(2 + s) * dIn + f] : -1, `feature ${f}, sample ${s}`);
    }
  });
}

test('load reports a NaN or infinite value wherever it sits (4×4 blocks, last samples, last features), and not ±3.4e38', () => {
  for (const [mb, dIn] of [[9, 7], [8, 8], [3, 2], [13, 784]]) {
    const k = new WasmKernel();
    const m = mb + 3;
    const st = k.state(dIn * m + mb * dIn);
    const x = new Float32Array(mb * dIn).fill(0.25);
    for (let s = 0; s < mb; s += 2) x[s * dIn] = s % 4 === 0 ? 3.4e38 : -3.4e38;
    assert.equal(k.load(x, 0, mb, dIn, m, dIn * m), true, `finite (mb ${mb}, dIn ${dIn})`);
    for (const at of [0, dIn + 1, (mb - 1) * dIn, mb * dIn - 1, Math.floor(mb / 2) * dIn + dIn - 1]) {
      for (const bad of [NaN, Infinity, -Infinity]) {
        const y = x.slice();
        y[at] = bad;
        assert.equal(k.load(y, 0, mb, dIn, m, dIn * m), false, `${bad} at ${at} (mb ${mb}, dIn ${dIn})`);
        assert.ok(Object.is(st[(at % dIn) * m + Math.floor(at / dIn)], bad), 'and it is loaded');
      }
    }
  }
});
