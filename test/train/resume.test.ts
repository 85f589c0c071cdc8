import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { train } from '../../src/train/train.js';
import { disposeModel } from '../../src/train/model.js';
import { checkTrainMemory, estimateTrainMemory } from '../../src/train/memory.js';
import { readRun } from '../../src/run/read-run.js';
import { makeSpheres } from '../../src/data/spheres.js';
import { ConfigError, ResourceError, RunDirError } from '../../src/errors.js';
import { setupBackend, noLeak } from '../helpers/backend.js';

before(setupBackend);

const small = makeSpheres({ d: 10, nTrain: 200, nTest: 50, seed: 3 });
const spec = { dataset: 'spheres', seed: 7, nTrain: 200, nTest: 50, d: 10, normalize: 'none' };
const options = { epochs: 2, lr: 0.01, l1: 'proximal' as const, batchSize: 16, seed: 7, cW: 1e-4, cN: 1e-5 };

test('issue 12.1: resume keeps the recorded options, records changes on purpose, refuses structural conflicts', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'urn-resume-')), 'run');
  await noLeak(async () => {
    disposeModel((await train({ data: small, config: { S: 24, I: 2, rule: 'residual-output' }, options, outDir: dir, dataSpec: spec })).model);
    const r = await train({ data: small, outDir: dir, resume: true, options: { epochs: 3, lr: 0.02 } });
    disposeModel(r.model);
    for (const k of ['l1', 'batchSize', 'seed', 'cW', 'cN'] as const) assert.equal(r.options[k], options[k], k);
    assert.equal(r.options.lr, 0.02);
    assert.equal(r.epochs, 3);
  });
  const run = readRun(dir);
  assert.deepEqual(run.info?.resumes.map((x) => x.changed), [{ epochs: { from: 2, to: 3 }, lr: { from: 0.01, to: 0.02 } }]);
  assert.equal((run.checkpoint?.train.options as { lr: number }).lr, 0.02);
  for (const config of [{ S: 32 }, { I: 3 }, { rule: 'plain' as const }, { activation: 'tanh' as const }]) {
    await assert.rejects(train({ data: small, outDir: dir, resume: true, config, options: { epochs: 4 } }), ConfigError, JSON.stringify(config));
  }
  await assert.rejects(train({ data: small, outDir: dir, resume: true, dataSpec: { ...spec, dataset: 'fashion-mnist' } }), ConfigError);
  await assert.rejects(train({ data: small, config: { S: 24, I: 2 }, options, outDir: dir }), RunDirError, 'no silent wipe');
});

test('issue 12.9: huge S is refused up front with a ResourceError naming the estimate and the limit', async () => {
  assert.throws(() => checkTrainMemory({ S: 100_000, I: 4 }, 32, 'wasm'), ResourceError);
  assert.throws(() => checkTrainMemory({ S: 40_000, I: 4 }, 32, 'wasm'), ResourceError);
  assert.throws(() => checkTrainMemory({ S: 20_000, I: 4 }, 32, 'cpu', { ram: 2 ** 31, device: 2 ** 31, buffer: null, name: 'a 2 GiB machine' }), ResourceError);
  assert.ok(checkTrainMemory({ S: 1000, I: 4 }, 32, 'wasm').total < 100e6);
  assert.equal(estimateTrainMemory(1000, 4, 32).params, 4 * (1000 * 1000 + 1000));
  await assert.rejects(train({ data: small, config: { S: 40_000, I: 4 } }), ResourceError);
});
