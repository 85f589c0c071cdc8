import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../../src/train/tf.js';
import { adamL1Wgsl } from '../../../src/train/kernels/webgpu/adam-l1-wgsl.js';
import { webgpuAdamCalls, webgpuAdamL1 } from '../../../src/train/kernels/webgpu/adam-l1.js';
import { setGemmPolicy, webgpuGemmCalls } from '../../../src/train/kernels/webgpu/gemm.js';
import { chooseTile } from '../../../src/train/kernels/gemm-tiling.js';
import { nullWebgpu, scopedDevice } from '../../helpers/null-webgpu.js';

// Dawn's Null backend compiles and validates WGSL and bind groups like a GPU would, but computes
// nothing: these tests check that every kernel variant compiles and binds, not its numbers (the
// GPU check script, bench/gpu-check.ts, compares them with the cpu backend on a GPU).

const nw = nullWebgpu();
const device = scopedDevice;

/** Run `fn`, let tfjs submit its work, and return the validation errors the device reported. */
async function validationErrors(fn: () => tf.Tensor | tf.Tensor[]): Promise<string | null> {
  const d = device();
  d.pushErrorScope('validation');
  const out = fn();
  await Promise.all([out].flat().map((t) => t.data()));
  tf.dispose(out);
  const err = await d.popErrorScope();
  return err ? err.message : null;
}

test('the webgpu backend on the Null device lists the WGSL kernels', (t) => {
  if (!nw.report) return t.skip(`no webgpu: ${nw.why}`);
  assert.deepEqual(nw.report.accel, ['webgpu-gemm', 'webgpu-adam']);
});

test('all four variants of the WGSL Adam pass compile to a pipeline', async (t) => {
  if (!nw.report) return t.skip(`no webgpu: ${nw.why}`);
  for (const proximal of [false, true]) {
    for (const hasD of [false, true]) {
      const d = device();
      const module = d.createShaderModule({ code: adamL1Wgsl({ proximal, hasD }) });
      const errors = (await module.getCompilationInfo()).messages.filter((m) => m.type === 'error');
      assert.deepEqual(errors.map((m) => m.message), [], `proximal=${proximal} hasD=${hasD}`);
      d.pushErrorScope('validation');
      d.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
      assert.equal(await d.popErrorScope(), null);
    }
  }
});

test('the WGSL Adam pass binds and dispatches on tfjs tensors, in place, with no leak', async (t) => {
  if (!nw.report) return t.skip(`no webgpu: ${nw.why}`);
  const S = 64;
  // A variable shares its initial tensor's buffer: dispose that, so W, m and v are theirs alone.
  const fresh = (s: number[]) => tf.tidy(() => tf.variable(tf.randomNormal(s), false));
  const [W, b, mW, vW, mb, vb] = [[S, S], [S], [S, S], [S, S], [S], [S]].map(fresh);
  const [gW, gb, D] = [tf.randomNormal([S, S]), tf.randomNormal([S]), tf.randomUniform([S, S])];
  const before = tf.memory().numTensors;
  const calls = webgpuAdamCalls.count;
  const ids = [W, mW, vW].map((x) => x.dataId);
  const hyper = { lrc1: 0.01, beta1: 0.9, beta2: 0.999, c2: 1000, epsilon: 1e-7, lr: 1e-3 };
  const slots = [{ param: W, grad: gW, m: mW, v: vW }, { param: b, grad: gb, m: mb, v: vb }];
  for (const proximal of [false, true]) {
    for (const lengths of [undefined, D as tf.Tensor2D]) {
      const err = await validationErrors(() => {
        const r = webgpuAdamL1(slots, hyper, { cW: 1e-3, cSyn: 1e-3, lengths, proximal });
        assert.ok(r, 'the WGSL pass ran');
        return [r.weight, r.length];
      });
      assert.equal(err, null, `proximal=${proximal} lengths=${!!lengths}`);
    }
  }
  assert.equal(webgpuAdamCalls.count, calls + 4);
  assert.deepEqual([W, mW, vW].map((x) => x.dataId), ids, 'updated in place');
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([W, b, mW, vW, mb, vb, gW, gb, D]);
});

test("the WGSL GEMM compiles and runs for the URN's shapes, all layouts, bias and relu", async (t) => {
  if (!nw.report) return t.skip(`no webgpu: ${nw.why}`);
  setGemmPolicy({ forms: 'all', minFlops: 0 });
  const calls = webgpuGemmCalls.count;
  const shapes: [number, number, number][] = [[32, 200, 200], [128, 300, 300], [300, 300, 128], [1100, 1100, 64]];
  for (const [M, N, K] of shapes) {
    for (const [tA, tB] of [[false, false], [false, true], [true, false], [true, true]] as const) {
      const err = await validationErrors(() => {
        const A = tf.randomNormal(tA ? [K, M] : [M, K]);
        const B = tf.randomNormal(tB ? [N, K] : [K, N]);
        const C = tf.matMul(A, B, tA, tB);
        const F = tf.fused.matMul({ a: A, b: B, transposeA: tA, transposeB: tB, bias: tf.zeros([N]), activation: 'relu' });
        return [A, B, C, F];
      });
      assert.equal(err, null, `${M}×${N}×${K} tA=${tA} tB=${tB} tile ${JSON.stringify(chooseTile(M, N, K))}`);
    }
  }
  assert.equal(webgpuGemmCalls.count, calls + shapes.length * 8);
  setGemmPolicy({ forms: 'transposed', minFlops: 1 << 20 });
});

test('the self-check runs every kernel and catches wrong results (the Null device computes nothing)', async (t) => {
  if (!nw.report) return t.skip(`no webgpu: ${nw.why}`);
  assert.ok(nw.report.accelNotes.some((n) => /not self-checked: Dawn's Null backend/.test(n)));
  const before = tf.memory().numTensors;
  const { checkWebgpuKernels } = await import('../../../src/train/kernels/webgpu/self-check.js');
  const found = await checkWebgpuKernels();
  assert.match(found ?? '', /^gemm tA=false tB=false: max \|Δ\|/);
  assert.equal(tf.memory().numTensors, before);
});
