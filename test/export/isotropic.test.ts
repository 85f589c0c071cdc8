import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { setupBackend, noLeak } from '../helpers/backend.js';
import { blobs, busyNet, inputs, maxAbsDiff, oracleLogits } from '../train/isotropic/fixtures.js';
import { toLayeredIsotropic, weightCounts } from '../../src/export/isotropic.js';
import { certifyIsotropic } from '../../src/export/isotropic-certify.js';
import { cloneIsoMlp } from '../../src/train/isotropic/init.js';
import { diagonaliseFull } from '../../src/train/isotropic/diagonalise.js';
import { resizeLayer } from '../../src/train/isotropic/resize.js';
import { encodeModel } from '../../src/format/encode.js';
import { decodeModel } from '../../src/format/decode.js';
import { predict } from '../../src/runtime/predict.js';
import type { LayeredModel } from '../../src/core/sparse-model.js';
import { ConfigError, ModelFormatError, ShapeError } from '../../src/errors.js';
import { stages } from '../../src/export/stages.js';

before(setupBackend);

test('a fully diagonalised network exports with only the diagonal of that layer, certified against the original', async () => {
  const net = busyNet([6, 7, 7, 3]);
  const data = blobs(6, 30, 60);
  const diag = cloneIsoMlp(net);
  diagonaliseFull(diag, 1);
  const model = toLayeredIsotropic(diag, 0);
  assert.equal(model.layers[1].pre[0].matrix.colIdx.length, 7);
  assert.deepEqual(weightCounts(diag), { nonzero: 42 + 7 + 21, dense: 42 + 49 + 21, share: 70 / 112 });
  const cert = await noLeak(() => certifyIsotropic(model, net, data.test, { synthetic: 100, seed: 2 }));
  assert.equal(cert.samples, 160);
  assert.ok(cert.maxAbsError < 2e-5);
  assert.equal(cert.argmaxAgreement, 1);
  assert.equal(cert.keptSynapses, 70);
  assert.equal(cert.denseSynapses, 112);
  await assert.rejects(() => certifyIsotropic(model, busyNet([5, 4, 3]), data.test), ShapeError);
});

test('the model file round-trips the activation and ψ and predicts the same', () => {
  const net = busyNet([6, 5, 4, 3]);
  resizeLayer(net, 1, -2);
  const model = toLayeredIsotropic(net, 0);
  assert.ok(model.layers[2].psi, 'ψ of the logits layer is exported');
  const again = decodeModel(encodeModel(model), { copy: true }) as LayeredModel;
  assert.deepEqual(again.layers.map((L) => L.activation), model.layers.map((L) => L.activation));
  const x = inputs(20, 6);
  assert.deepEqual(predict(again, x, 20), predict(model, x, 20));
  assert.ok(maxAbsDiff(predict(again, x, 20), oracleLogits(net, x, 20)) < 1e-5);
});

test('the format refuses ψ without an isotropic layer before it, and malformed activations', () => {
  const model = toLayeredIsotropic(busyNet([6, 5, 4, 3]), 0);
  const noIso = structuredClone(model);
  noIso.layers[1].activation = undefined;
  assert.throws(() => encodeModel(noIso), ModelFormatError);
  const psiFirst = structuredClone(model);
  psiFirst.layers[0].psi = new Float32Array(5);
  assert.throws(() => encodeModel(psiFirst), ModelFormatError);
  const badEps = structuredClone(model);
  badEps.layers[0].activation = { kind: 'isotropic-tanh', o: 0, epsilon: 0 };
  assert.throws(() => encodeModel(badEps), ModelFormatError);
  const badKind = structuredClone(model);
  (badKind.layers[0] as { activation: unknown }).activation = { kind: 'relu' };
  assert.throws(() => encodeModel(badKind), ModelFormatError);
  const badPsi = structuredClone(model);
  badPsi.layers[1].psi = Float32Array.of(1, 2);
  assert.throws(() => encodeModel(badPsi), ModelFormatError);
});

test('ONNX and tfjs writers refuse isotropic layers instead of writing a wrong graph', () => {
  assert.throws(() => stages(toLayeredIsotropic(busyNet([6, 5, 4, 3]), 0)), ConfigError);
});
