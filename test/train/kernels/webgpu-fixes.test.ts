import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from '../../../src/train/tf.js';
import { assertBackendHealthy } from '../../../src/train/backend.js';
import { nullWebgpu, scopedDevice } from '../../helpers/null-webgpu.js';
import { webgpuFault } from '../../../src/train/webgpu/dawn.js';
import { BackendError } from '../../../src/errors.js';
import { installWebgpuKernelFixes, uninstallWebgpuKernelFixes } from '../../../src/train/kernels/webgpu/fixes.js';
import { createModel, disposeModel, evaluate, initParams, snapshotOf, train } from '../../../src/train/index.js';
import { resolveConfig } from '../../../src/core/config.js';
import { makeSpheres } from '../../../src/data/spheres.js';

// On Dawn's Null device every WGSL program is compiled and validated as on a GPU, but nothing is
// computed: these tests catch programs that do not compile (which a GPU runs as no-ops, leaving
// zeros), not wrong numbers. On an H200, `evaluate` counted no active neuron before the fixes,
// so compaction removed every neuron (bench/RESULTS.md, webgpu).

const nw = nullWebgpu();

/** Run `fn` and return the first validation error the device reported while it ran. */
async function validationError(fn: () => Promise<unknown>): Promise<string | null> {
  const d = scopedDevice();
  d.pushErrorScope('validation');
  try {
    await fn();
  } finally {
    const err = await d.popErrorScope();
    if (err) return err.message.split('\n')[0];
  }
  return null;
}

const data = makeSpheres({ d: 10, nTrain: 256, nTest: 128, seed: 1 });

/**
 * What `evaluate` did on the device when the H200 ran it (it now counts on the host): the share
 * of non-zero activities, a bool cast to float32 summed over the middle axis of the L×m×S stack.
 */
async function countNonZeroOverSamples(): Promise<void> {
  const states = tf.abs(tf.randomNormal([5, 128, 48]));
  const count = tf.sum(tf.cast(tf.greater(states, 0), 'float32'), 1);
  await count.data();
  tf.dispose([states, count]);
}
const config = resolveConfig({ S: 48, I: 4, dIn: 10, dOut: 2, seed: 1 });

test('with the fixes, training, evaluation and snapshots compile every webgpu program', async (t) => {
  if (!nw.report) return t.skip(`no webgpu: ${nw.why}`);
  assert.deepEqual(installWebgpuKernelFixes().sort(), ['Cast', 'Transpose']);
  const dir = mkdtempSync(join(tmpdir(), 'urn-webgpu-fixes-'));
  try {
    const err = await validationError(async () => {
      // The Null device computes nothing, so the loss check may stop training after its first
      // epoch: what matters here is that every program of the epoch compiled.
      const r = await train({ data, config, options: { epochs: 2, batchSize: 64, compact: true }, outDir: dir, backend: 'webgpu' }).catch((e: Error) => e);
      // It ran its first epoch's steps (not refused at setup): it ended, or the loss check stopped it.
      assert.ok(!(r instanceof Error) || /loss became/.test(r.message), r instanceof Error ? r.message : '');
      const model = createModel(config, initParams(config));
      await evaluate(model, data.test);
      await snapshotOf(model, data.test);
      disposeModel(model);
    });
    assert.equal(err, null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('control: without the fixes, a bool cast to float32 summed over a middle axis does not compile', async (t) => {
  if (!nw.report) return t.skip(`no webgpu: ${nw.why}`);
  uninstallWebgpuKernelFixes();
  try {
    const err = await validationError(countNonZeroOverSamples);
    assert.match(err ?? '', /setOutputAtIndex|TransposeProgram|invalid/i);
    // and an int32 transpose of rank 3 on its own
    const err2 = await validationError(async () => {
      const x = tf.cast(tf.randomUniform([8, 300, 40], 0, 5), 'int32');
      const y = tf.transpose(x, [0, 2, 1]);
      await y.data();
      tf.dispose([x, y]);
    });
    assert.match(err2 ?? '', /setOutputAtIndex|TransposeProgram|invalid/i);
  } finally {
    installWebgpuKernelFixes();
  }
});

test('a GPU program that does not compile outside an error scope stops training: assertBackendHealthy throws BackendError', async (t) => {
  if (!nw.report) return t.skip(`no webgpu: ${nw.why}`);
  webgpuFault(true);
  assert.doesNotThrow(() => assertBackendHealthy());
  uninstallWebgpuKernelFixes();
  try {
    await countNonZeroOverSamples(); // no error scope: the device reports the invalid program
    await new Promise((r) => setTimeout(r, 50));
    assert.throws(() => assertBackendHealthy(), (e: Error) => e instanceof BackendError && /webgpu device reported .*(setOutputAtIndex|invalid)/i.test(e.message));
  } finally {
    installWebgpuKernelFixes();
    webgpuFault(true);
  }
});

test('with the fixes the int32 transpose and the bool → float32 sum compile', async (t) => {
  if (!nw.report) return t.skip(`no webgpu: ${nw.why}`);
  const err = await validationError(async () => {
    const x = tf.cast(tf.randomUniform([8, 300, 40], 0, 5), 'int32');
    const outs = [tf.transpose(x, [0, 2, 1]), tf.transpose(tf.greater(x, 2), [2, 0, 1]), tf.sum(tf.cast(tf.greater(x, 2), 'float32'), 1)];
    await Promise.all(outs.map((o) => o.data()));
    tf.dispose([x, ...outs]);
  });
  assert.equal(err, null);
});
