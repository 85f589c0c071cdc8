import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refuseUnknownKeys } from '../../src/util/keys.js';
import { resolveConfig } from '../../src/core/config.js';
import { resolveTrainOptions, TRAIN_DEFAULTS } from '../../src/train/options.js';
import { loadDataSpec } from '../../src/data/spec.js';
import { resumeOptions } from '../../src/train/resume.js';
import type { Checkpoint } from '../../src/run/checkpoint.js';
import { ConfigError } from '../../src/errors.js';

test('refuseUnknownKeys names every unknown key and the known ones; undefined values count as absent', () => {
  assert.doesNotThrow(() => refuseUnknownKeys({ epochs: 1, lr: undefined }, ['epochs'], 'x'));
  assert.throws(() => refuseUnknownKeys({ epoch: 1, lR: 2, epochs: 3 }, ['epochs', 'lr'], 'train options'), {
    name: 'ConfigError',
    message: "train options: unknown keys 'epoch', 'lR'. Known: epochs, lr. Fix the spelling or drop them.",
  });
});

test('a misspelt config field, train option or data-spec field is a ConfigError, not a default', () => {
  assert.throws(() => resolveConfig({ S: 16, I: 2, dIn: 2, dOut: 2, activaton: 'tanh' } as never), (e: unknown) => e instanceof ConfigError && /urn config: unknown key 'activaton'/.test(e.message));
  assert.throws(() => resolveTrainOptions({ epoch: 5 } as never), (e: unknown) => e instanceof ConfigError && /train options: unknown key 'epoch'\. Known: .*epochs/.test(e.message));
  assert.throws(() => loadDataSpec({ dataset: 'spheres', seed: 1, normalize: 'none', nTrain: 20, nTest: 10, radius: 2 } as never), (e: unknown) => e instanceof ConfigError && /data spec: unknown key 'radius'/.test(e.message));
  assert.equal(resolveTrainOptions({ epochs: 5 }).epochs, 5);
});

test("a resumed run's recorded options keep working when they hold a key this version no longer has", () => {
  const ckpt = { train: { options: { ...TRAIN_DEFAULTS, epochs: 4, retiredOption: 1 } } } as unknown as Checkpoint;
  const { options, changed } = resumeOptions(ckpt, { epochs: 6 });
  assert.equal(options.epochs, 6);
  assert.deepEqual(Object.keys(changed), ['epochs']);
  assert.ok(!('retiredOption' in options));
});
