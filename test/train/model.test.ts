import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tf } from '../../src/train/tf.js';
import { resolveConfig, type UpdateRule, type Activation } from '../../src/core/config.js';
import { createModel, disposeModel, forwardTensors, predictLogits } from '../../src/train/model.js';
import { ShapeError } from '../../src/errors.js';
import { setupBackend, noLeak } from '../helpers/backend.js';
import { assertClose, F32 } from '../helpers/tolerance.js';
import { createRng } from '../../src/util/rng.js';
import { toReplay } from '../../src/export/replay.js';
import { replayReference } from '../helpers/replay-reference.js';
import { randomInputs, randomSnapshot } from '../export/fixtures.js';

const oracle = JSON.parse(readFileSync(new URL('../../fixtures/oracle/urn_tiny.json', import.meta.url), 'utf8'));

before(setupBackend);

test('each update rule and activation matches the numpy oracle, state by state', async () => {
  for (const c of oracle.cases as { rule: UpdateRule; activation: Activation; states: number[][]; logits: number[] }[]) {
    const cfg = resolveConfig({ S: oracle.S, I: oracle.I, dIn: oracle.dIn, dOut: oracle.dOut, rule: c.rule, activation: c.activation });
    const model = createModel(cfg, { W: Float32Array.from(oracle.W), b: Float32Array.from(oracle.b) });
    await noLeak(() => {
      const [states, logits] = tf.tidy(() => {
        const r = forwardTensors(cfg, model.W, model.b, tf.tensor2d(oracle.x, [oracle.B, oracle.dIn]));
        return [r.states.map((s) => s.dataSync()), r.logits.dataSync()] as const;
      });
      states.forEach((s, l) => assertClose(s, c.states[l], F32, `${c.rule}/${c.activation} N^(${l + 1})`));
      assertClose(logits, c.logits, F32, `${c.rule}/${c.activation} logits`);
    });
    disposeModel(model);
  }
});

test('paper Eq. 1: an MLP embedded as a block sub-diagonal W gives exactly the MLP output', async () => {
  // MLP 5 → 4 → 3 → 2 with relu hidden layers; the URN applies φ at every step, so the last
  // layer is relu too (the URN's logits are φ of the last affine map).
  const widths = [5, 4, 3, 2];
  const S = widths.reduce((a, b) => a + b, 0);
  const offs = [0, 5, 9, 12];
  const rng = createRng(7);
  const layers = widths.slice(1).map((w, k) => ({
    W: Array.from({ length: w }, () => Array.from({ length: widths[k] }, () => rng.normal())),
    b: Array.from({ length: w }, () => rng.normal() * 0.1),
  }));
  const W = new Float32Array(S * S);
  const b = new Float32Array(S);
  layers.forEach((L, k) => {
    for (let i = 0; i < widths[k + 1]; i++) {
      b[offs[k + 1] + i] = L.b[i];
      for (let j = 0; j < widths[k]; j++) W[(offs[k + 1] + i) * S + offs[k] + j] = L.W[i][j];
    }
  });
  const cfg = resolveConfig({ S, I: 3, dIn: 5, dOut: 2 });
  const model = createModel(cfg, { W, b });
  const n = 16;
  const x = new Float32Array(n * 5).map(() => rng.normal());
  const got = await predictLogits(model, x, n);
  // Direct MLP in float32 order of operations: h = relu(W h + b).
  const f = Math.fround;
  for (let s = 0; s < n; s++) {
    let h = Array.from(x.subarray(s * 5, s * 5 + 5));
    for (const L of layers) {
      h = L.W.map((row, i) => Math.max(0, f(row.reduce((acc, w, j) => f(acc + f(f(w) * h[j])), 0) + f(L.b[i]))));
    }
    assertClose(got.subarray(s * 2, s * 2 + 2), h, F32, `sample ${s}`);
  }
  // Deeper layers hold bias-only values at early iterations, but only N^(I) is read, and with
  // I equal to the depth every read-out path starts at the inputs.
  assert.equal(cfg.I, widths.length - 1);
  disposeModel(model);
});

test('a linear read-out: the dense forward equals the plain-JS replay reference, and its logits go below 0', async () => {
  for (const rule of ['plain', 'residual-output', 'residual-input'] as const) {
    const snap = randomSnapshot({ S: 30, I: 3, dIn: 5, dOut: 3, rule, activation: 'relu', readout: 'linear', density: 0.4, seed: 21, biasScale: 0.5 });
    const x = randomInputs(17, 5, 4);
    const logits = await noLeak(() => tf.tidy(() => forwardTensors(snap.config, tf.tensor2d(snap.W, [30, 30]), tf.tensor1d(snap.b), tf.tensor2d(x, [17, 5])).logits.dataSync()));
    assertClose(logits, replayReference(toReplay(snap, 0), x, 17), F32, rule);
    assert.ok(logits.some((v) => v < 0), `${rule}: some logit is negative`);
  }
});

test('forward rejects inputs of the wrong width with ShapeError', async () => {
  const cfg = resolveConfig({ S: 8, I: 2, dIn: 3, dOut: 2 });
  const model = createModel(cfg, { W: new Float32Array(64), b: new Float32Array(8) });
  await assert.rejects(() => predictLogits(model, new Float32Array(8), 2), ShapeError);
  assert.throws(() => createModel(cfg, { W: new Float32Array(63), b: new Float32Array(8) }), ShapeError);
  disposeModel(model);
});
