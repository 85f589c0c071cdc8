import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { toReplay } from '../../src/export/replay.js';
import { toLayered } from '../../src/export/layered.js';
import { predictLayered } from '../../src/runtime/predict-layered.js';
import { compareLogits } from '../../src/runtime/compare.js';
import { verify } from '../../src/export/verify.js';
import type { LayeredModel } from '../../src/core/sparse-model.js';
import { toOnnx, ONNX_OPSET } from '../../src/export/onnx.js';
import { partialPhi, stages } from '../../src/export/stages.js';
import { decodeOnnxModel } from '../../src/export/onnx-proto.js';
import { ACTS, RULES, mismatch, randomInputs, randomSnapshot } from './fixtures.js';
import { denseForward } from './dense.js';
import { setupBackend } from '../helpers/backend.js';

await setupBackend();

/** Run ONNX bytes in onnxruntime-node (CPU) on an n×dIn batch. */
async function runOrt(bytes: Uint8Array, x: Float32Array, n: number, dIn: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
  try {
    const out = await session.run({ x: new ort.Tensor('float32', x, [n, dIn]) });
    return out.logits.data as Float32Array;
  } finally {
    await session.release();
  }
}

/** The ONNX logits against the dense URN, as a certificate measures them, and against our runtime. */
for (const rule of RULES) {
  for (const activation of ACTS) {
    for (const [density, threshold] of [[0.25, 0], [0.08, 0], [0.3, 0.15]] as const) {
      test(`ONNX export runs in onnxruntime and matches the dense URN (${rule}, ${activation}, density ${density}, threshold ${threshold})`, async () => {
        const snap = randomSnapshot({ S: 48, I: 5, dIn: 5, dOut: 3, rule, activation, density, seed: 5, biasScale: 0.5 });
        const n = 97;
        const x = randomInputs(n, 5, 9);
        const lm = toLayered(toReplay(snap, threshold));
        if (rule !== 'plain') assert.ok(lm.layers.some((L) => L.skip.length > 0), 'the residual values that persist are exercised');
        const onnx = await runOrt(toOnnx(lm), x, n, 5);
        assert.equal(mismatch(onnx, predictLayered(lm, x, n)), null);
        const c = compareLogits(onnx, await denseForward(snap, x, n), n, 3);
        const sparse = compareLogits(predictLayered(lm, x, n), await denseForward(snap, x, n), n, 3);
        if (threshold === 0) {
          assert.ok(c.maxRelError < 1e-4, `max relative error ${c.maxRelError}`);
          assert.equal(c.argmaxAgreement, 1);
        } else {
          assert.ok(Math.abs(c.maxAbsError - sparse.maxAbsError) <= 1e-4 * Math.max(1, sparse.maxAbsError));
          assert.ok(Math.abs(c.argmaxAgreement - sparse.argmaxAgreement) <= 1 / n);
        }
      });
    }
  }
}

for (const rule of RULES) {
  for (const activation of ACTS) {
    test(`ONNX export of a linear read-out (outputs take z) runs in onnxruntime and matches the dense URN (${rule}, ${activation})`, async () => {
      const snap = randomSnapshot({ S: 48, I: 5, dIn: 5, dOut: 3, rule, activation, readout: 'linear', density: 0.25, seed: 5, biasScale: 0.5 });
      const n = 97;
      const x = randomInputs(n, 5, 9);
      const lm = toLayered(toReplay(snap, 0));
      assert.ok(stages(lm).some((st) => partialPhi(st) !== null), 'outputs share a layer with units that take φ');
      const onnx = await runOrt(toOnnx(lm), x, n, 5);
      assert.equal(mismatch(onnx, predictLayered(lm, x, n)), null);
      const c = compareLogits(onnx, await denseForward(snap, x, n), n, 3);
      assert.ok(c.maxRelError < 1e-4, `max relative error ${c.maxRelError}`);
      assert.equal(c.argmaxAgreement, 1);
      assert.ok(onnx.some((v) => v < (activation === 'relu' ? 0 : -1)), "some logit is outside φ's range");
    });
  }
}

function accumulatingOutputs(): LayeredModel {
  // Residual-output with dense recurrence: the outputs accumulate over all I iterations, so each
  // layer after the first carries the previous outputs through a skip block.
  const snap = randomSnapshot({ S: 20, I: 4, dIn: 3, dOut: 2, rule: 'residual-output', activation: 'tanh', density: 0.6, seed: 3, biasScale: 0.3 });
  return toLayered(toReplay(snap, 0));
}

test('residual-output: the accumulating outputs are skip blocks, and onnxruntime accumulates them', async () => {
  const lm = accumulatingOutputs();
  const skips = lm.layers.slice(1).filter((L) => L.skip.length > 0).length;
  assert.ok(skips >= 2, `skip blocks in ${skips} layers`);
  const x = randomInputs(33, 3, 4);
  assert.equal(mismatch(await runOrt(toOnnx(lm), x, 33, 3), predictLayered(lm, x, 33)), null);
});

test('the model states opset 17, carries the certificate in metadata_props, and uses sparse_initializer where smaller', async () => {
  const snap = randomSnapshot({ S: 200, I: 3, dIn: 20, dOut: 4, rule: 'plain', activation: 'relu', density: 0.03, seed: 2 });
  const lm = toLayered(toReplay(snap, 0));
  lm.certificate = await verify(lm, snap, { x: randomInputs(50, 20, 1), n: 50 }, { synthetic: 20, seed: 1 });
  const bytes = toOnnx(lm);
  const m = decodeOnnxModel(bytes);
  assert.deepEqual(m.opset_import, [{ domain: '', version: ONNX_OPSET }]);
  assert.ok(ONNX_OPSET >= 17);
  const meta = Object.fromEntries(m.metadata_props.map((p: { key: string; value: string }) => [p.key, p.value]));
  assert.deepEqual(JSON.parse(meta['urn.certificate']), lm.certificate);
  assert.equal(JSON.parse(meta['urn.config']).S, 200);
  assert.ok(m.graph.sparse_initializer.length > 0, 'sparse blocks are stored sparse');
  const ops = new Set(m.graph.node.map((nd: { op_type: string }) => nd.op_type));
  for (const op of ops) assert.ok(['Gemm', 'MatMul', 'Add', 'Relu', 'Tanh', 'Identity'].includes(op as string), `op ${op}`);
  const x = randomInputs(40, 20, 3);
  assert.equal(mismatch(await runOrt(bytes, x, 40, 20), predictLayered(lm, x, 40)), null);
});

test('a network whose logits are constant exports a graph that still has the batch shape', async () => {
  const snap = randomSnapshot({ S: 10, I: 2, dIn: 3, dOut: 2, rule: 'plain', activation: 'relu', density: 0.5, seed: 1 });
  const lm = toLayered(toReplay(snap, 1e9));
  assert.ok([...lm.outLayer].every((l) => l === -1));
  const x = randomInputs(4, 3, 1);
  assert.equal(mismatch(await runOrt(toOnnx(lm), x, 4, 3), predictLayered(lm, x, 4)), null);
});
