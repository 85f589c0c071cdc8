import type { LayeredModel, ReplayModel, SparseModel } from '../core/sparse-model.js';
import { checkArray, checkCsr } from './validate-csr.js';
import { checkJsonLike } from './json-like.js';
import { readConfig } from './validate-config.js';
import { readCertificate } from './validate-certificate.js';
import { finite, type Fail } from './schema.js';
import { readLayerActivation } from './validate-layer-activation.js';

/**
 * Check every invariant the runtime relies on, so that a model that passes can be run without
 * reading out of bounds: shapes, CSR structure, index ranges and uniqueness, finite values, the
 * config, the certificate and a JSON-like topology report (finite outputs are checked by the
 * runtime's `decodeModel`, see `checkFiniteOutputs`). Throws via `fail`.
 *
 * ```ts
 * validateModel(model, failer('encodeModel'));
 * ```
 */
export function validateModel(m: SparseModel, fail: Fail): void {
  if (typeof m !== 'object' || m === null) fail('model must be an object.');
  readConfig(m.config, fail);
  finite(m.threshold, 'threshold', fail, 0);
  if (m.certificate !== undefined) readCertificate(m.certificate, fail);
  if (m.topology !== undefined) checkJsonLike(m.topology, 'topology', fail);
  if (m.form === 'replay') validateReplay(m, fail);
  else if (m.form === 'layered') validateLayered(m, fail);
  else fail(`form must be 'replay' or 'layered', got ${String((m as { form: unknown }).form)}.`);
}

function validateReplay(m: ReplayModel, fail: Fail): void {
  const { S, dIn, dOut } = m.config;
  if (!(m.neurons instanceof Int32Array)) fail('neurons must be an Int32Array.');
  const K = m.neurons.length;
  if (K < dOut || K > S) fail(`the model keeps ${K} neurons; it must keep between dOut (${dOut}) and S (${S}).`);
  for (let c = 0; c < K; c++) {
    const i = m.neurons[c];
    if (i < 0 || i >= S) fail(`neurons[${c}] = ${i} is out of [0, ${S}).`);
    if (c > 0 && i <= m.neurons[c - 1]) fail(`neurons must be strictly increasing (at ${c}).`);
  }
  checkCsr(m.W, K, K, 'W', fail);
  checkArray(m.b, Float32Array, K, 'b', fail);
  checkArray(m.outputIndex, Int32Array, dOut, 'outputIndex', fail);
  for (let k = 0; k < dOut; k++) {
    const c = m.outputIndex[k];
    if (c < 0 || c >= K || m.neurons[c] !== S - dOut + k) fail(`outputIndex[${k}] = ${c} is not output neuron ${S - dOut + k}.`);
  }
  checkArray(m.inputIndex, Int32Array, dIn, 'inputIndex', fail);
  for (let k = 0; k < dIn; k++) {
    const c = m.inputIndex[k];
    if (c !== -1 && (c < 0 || c >= K || m.neurons[c] !== k)) fail(`inputIndex[${k}] = ${c} is not input neuron ${k}.`);
  }
  for (let c = 0; c < K && m.neurons[c] < dIn; c++) {
    if (m.inputIndex[m.neurons[c]] !== c) fail(`input neuron ${m.neurons[c]} is kept but inputIndex does not point to it.`);
  }
}

function validateLayered(m: LayeredModel, fail: Fail): void {
  const { S, I, dIn, dOut } = m.config;
  if (!Array.isArray(m.layers) || m.layers.length !== I) fail(`layers must hold I = ${I} layers.`);
  const sizes = [dIn];
  for (let t = 1; t <= I; t++) {
    const L = m.layers[t - 1];
    const name = `layers[${t - 1}]`;
    if (typeof L !== 'object' || L === null) fail(`${name} must be an object.`);
    if (!(L.neurons instanceof Int32Array)) fail(`${name}.neurons must be an Int32Array.`);
    const n = L.neurons.length;
    for (let u = 0; u < n; u++) {
      const i = L.neurons[u];
      if (i < 0 || i >= S) fail(`${name}.neurons[${u}] = ${i} is out of [0, ${S}).`);
      if (u > 0 && i <= L.neurons[u - 1]) fail(`${name}.neurons must be strictly increasing (at ${u}).`);
    }
    checkArray(L.bias, Float32Array, n, `${name}.bias`, fail);
    checkArray(L.offset, Float32Array, n, `${name}.offset`, fail);
    for (const kind of ['pre', 'skip'] as const) {
      const blocks = L[kind];
      if (!Array.isArray(blocks) || blocks.length > t) fail(`${name}.${kind} must be an array of at most ${t} blocks.`);
      let last = -1;
      blocks.forEach((blk, q) => {
        const bn = `${name}.${kind}[${q}]`;
        if (typeof blk !== 'object' || blk === null) fail(`${bn} must be an object.`);
        const from = blk.from;
        if (!Number.isInteger(from) || from < 0 || from >= t) fail(`${bn}.from must be an earlier layer in [0, ${t}), got ${from}.`);
        if (from <= last) fail(`${name}.${kind} blocks must have strictly increasing 'from'.`);
        last = from;
        checkCsr(blk.matrix, n, sizes[from], `${bn}.matrix`, fail);
      });
    }
    if (L.activation !== undefined) readLayerActivation(L.activation, `${name}.activation`, fail);
    if (L.psi !== undefined) {
      checkArray(L.psi, Float32Array, n, `${name}.psi`, fail);
      if (t < 2 || m.layers[t - 2].activation?.kind !== 'isotropic-tanh') fail(`${name}.psi needs an isotropic layer before it.`);
    }
    sizes.push(n);
  }
  checkArray(m.outLayer, Int32Array, dOut, 'outLayer', fail);
  checkArray(m.outUnit, Int32Array, dOut, 'outUnit', fail);
  checkArray(m.outOffset, Float32Array, dOut, 'outOffset', fail);
  for (let k = 0; k < dOut; k++) {
    const l = m.outLayer[k];
    const u = m.outUnit[k];
    if (l === -1) {
      if (u !== 0) fail(`outUnit[${k}] must be 0 for a constant output.`);
      continue;
    }
    if (l < 1 || l > I) fail(`outLayer[${k}] = ${l} must be -1 or a layer in [1, ${I}].`);
    if (u < 0 || u >= sizes[l]) fail(`outUnit[${k}] = ${u} is out of layer ${l}'s ${sizes[l]} units.`);
    if (m.layers[l - 1].neurons[u] !== S - dOut + k) fail(`output ${k} must read neuron ${S - dOut + k}.`);
  }
}
