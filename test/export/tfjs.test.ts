import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from '../../src/train/tf.js';
import { toReplay } from '../../src/export/replay.js';
import { toLayered } from '../../src/export/layered.js';
import { predictLayered } from '../../src/runtime/predict-layered.js';
import { compareLogits } from '../../src/runtime/compare.js';
import type { LayeredModel } from '../../src/core/sparse-model.js';
import { readTfjs, writeTfjs } from '../../src/export/tfjs.js';
import { ModelFormatError } from '../../src/errors.js';
import { partialPhi, stages } from '../../src/export/stages.js';
import { ACTS, RULES, mismatch, randomInputs, randomSnapshot } from './fixtures.js';
import { denseForward } from './dense.js';
import { setupBackend } from '../helpers/backend.js';

await setupBackend();

/** Write the tfjs export to a fresh folder, load it with tf.loadGraphModel and run it; leaks nothing. */
async function runGraphModel(lm: LayeredModel, x: Float32Array, n: number): Promise<Float32Array> {
  const dir = mkdtempSync(join(tmpdir(), 'urn-tfjs-'));
  try {
    writeTfjs(dir, lm);
    const before = tf.memory().numTensors;
    const gm = await tf.loadGraphModel(tf.io.fromMemory(readTfjs(dir)));
    const xt = tf.tensor2d(x, [n, lm.config.dIn]);
    const y = gm.predict(xt) as tf.Tensor;
    const out = (await y.data()) as Float32Array;
    tf.dispose([xt, y]);
    gm.dispose();
    assert.equal(tf.memory().numTensors, before);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const rule of RULES) {
  for (const activation of ACTS) {
    for (const [density, threshold] of [[0.25, 0], [0.3, 0.15]] as const) {
      test(`tfjs graph model export matches the dense URN (${rule}, ${activation}, density ${density}, threshold ${threshold})`, async () => {
        const snap = randomSnapshot({ S: 48, I: 5, dIn: 5, dOut: 3, rule, activation, density, seed: 5, biasScale: 0.5 });
        const n = 61;
        const x = randomInputs(n, 5, 9);
        const lm = toLayered(toReplay(snap, threshold));
        if (rule !== 'plain') assert.ok(lm.layers.some((L) => L.skip.length > 0), 'the residual values that persist are exercised');
        const out = await runGraphModel(lm, x, n);
        assert.equal(mismatch(out, predictLayered(lm, x, n)), null);
        if (threshold === 0) {
          const c = compareLogits(out, await denseForward(snap, x, n), n, 3);
          assert.ok(c.maxRelError < 1e-4, `max relative error ${c.maxRelError}`);
          assert.equal(c.argmaxAgreement, 1);
        }
      });
    }
  }
}

test('residual-output accumulating over every iteration runs as a graph model', async () => {
  const snap = randomSnapshot({ S: 20, I: 4, dIn: 3, dOut: 2, rule: 'residual-output', activation: 'tanh', density: 0.6, seed: 3, biasScale: 0.3 });
  const lm = toLayered(toReplay(snap, 0));
  assert.ok(lm.layers.slice(1).filter((L) => L.skip.length > 0).length >= 2);
  const x = randomInputs(17, 3, 4);
  assert.equal(mismatch(await runGraphModel(lm, x, 17), predictLayered(lm, x, 17)), null);
});

test('readTfjs refuses a folder that holds no graph model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-tfjs-'));
  try {
    writeTfjs(dir, toLayered(toReplay(randomSnapshot({ S: 10, I: 2, dIn: 2, dOut: 1, rule: 'plain', activation: 'relu' }), 0)));
    const json = join(dir, 'model.json');
    rmSync(json);
    assert.throws(() => readTfjs(dir));
    writeTfjs(dir, toLayered(toReplay(randomSnapshot({ S: 10, I: 2, dIn: 2, dOut: 1, rule: 'plain', activation: 'relu' }), 0)));
    writeFileSync(json, JSON.stringify({ format: 'layers-model' }));
    assert.throws(() => readTfjs(dir), ModelFormatError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const rule of RULES) {
  for (const activation of ACTS) {
    test(`tfjs graph model export of a linear read-out matches the dense URN (${rule}, ${activation})`, async () => {
      const snap = randomSnapshot({ S: 48, I: 5, dIn: 5, dOut: 3, rule, activation, readout: 'linear', density: 0.25, seed: 5, biasScale: 0.5 });
      const n = 61;
      const x = randomInputs(n, 5, 9);
      const lm = toLayered(toReplay(snap, 0));
      assert.ok(stages(lm).some((st) => partialPhi(st) !== null), 'outputs share a layer with units that take φ');
      const out = await runGraphModel(lm, x, n);
      assert.equal(mismatch(out, predictLayered(lm, x, n)), null);
      const c = compareLogits(out, await denseForward(snap, x, n), n, 3);
      assert.ok(c.maxRelError < 1e-4, `max relative error ${c.maxRelError}`);
      assert.equal(c.argmaxAgreement, 1);
      assert.ok(out.some((v) => v < (activation === 'relu' ? 0 : -1)), "some logit is outside φ's range");
    });
  }
}
