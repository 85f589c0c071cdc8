import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/errors.js';
import { parseSweepSpec, readSweepSpec, validateSweepSpec } from '../../src/sweep/spec.js';
import { expandSweep } from '../../src/sweep/trials.js';
import { canonicalJson, hashId } from '../../src/sweep/canonical.js';
import { aggregateSweep, meanStd } from '../../src/sweep/aggregate.js';
import { redisConnection } from '../../src/sweep/redis.js';
import type { TrialResult } from '../../src/sweep/trial-dir.js';

test('canonical JSON sorts keys at every depth, so trial ids do not depend on key order', () => {
  assert.equal(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }], u: undefined }), '{"a":[2,{"c":4,"d":3}],"b":1}');
  assert.equal(hashId({ config: { S: 32, I: 4 }, seed: 1 }), hashId({ seed: 1, config: { I: 4, S: 32 } }));
  assert.notEqual(hashId({ seed: 1 }), hashId({ seed: 2 }));
});

test('a grid expands to its cartesian product times the seeds; ids are stable and unique', () => {
  const spec = readSweepSpec('fixtures/sweep/small.yaml');
  const a = expandSweep(spec);
  assert.equal(a.points.length, 2);
  assert.equal(a.trials.length, 6);
  assert.equal(new Set(a.trials.map((t) => t.id)).size, 6);
  assert.deepEqual(a.points.map((p) => p.label), ['cN=0.00001', 'cN=0.001']);
  const t = a.trials[4];
  assert.deepEqual([t.point, t.seed, t.options.cN, t.options.seed, t.config.seed, t.data.seed, t.data.normalize], [1, 2, 1e-3, 2, 2, 2, 'none']);
  // The same spec written as JSON with keys in another order gives the same ids.
  const json = JSON.stringify({ seeds: [1, 2, 3], grid: spec.grid, backend: 'wasm', options: spec.options, config: spec.config, data: spec.data });
  const b = expandSweep(parseSweepSpec(json));
  assert.deepEqual(b.trials.map((x) => x.id), a.trials.map((x) => x.id));
  assert.equal(b.id, a.id);
  const g = expandSweep(validateSweepSpec({ config: { S: 32, I: 4 }, grid: { 'options.cN': [1, 2], 'config.S': [32, 48] }, seeds: 2 }));
  assert.equal(g.points.length, 4);
  assert.equal(g.trials.length, 8);
});

test('a seed the spec or a point sets itself holds for every trial; the trial\'s seed sets the rest', () => {
  const base = { config: { S: 32, I: 4 }, seeds: [1, 2, 3] };
  const free = expandSweep(validateSweepSpec(base));
  const pinned = expandSweep(validateSweepSpec({ ...base, data: { seed: 7 } }));
  assert.deepEqual(pinned.trials.map((t) => [t.data.seed, t.config.seed, t.options.seed]), [[7, 1, 1], [7, 2, 2], [7, 3, 3]]);
  assert.equal(new Set(pinned.trials.map((t) => t.id)).size, 3, 'the seeds still make distinct trials');
  // A pin equal to a trial's own seed is that trial (the same id): a one-dataset sweep reuses it.
  const one = expandSweep(validateSweepSpec({ ...base, data: { seed: 1 } }));
  assert.equal(one.trials[0].id, free.trials[0].id);
  assert.notEqual(one.trials[1].id, free.trials[1].id);
  const grid = expandSweep(validateSweepSpec({ ...base, seeds: [5], grid: { 'options.seed': [1, 2] } }));
  assert.deepEqual(grid.trials.map((t) => [t.data.seed, t.config.seed, t.options.seed]), [[5, 5, 1], [5, 5, 2]]);
});

test('overrides are merged over the base in order', () => {
  const e = expandSweep(
    validateSweepSpec({ options: { epochs: 3, lr: 1e-3 }, overrides: [{ options: { lr: 2e-3 } }, { config: { S: 40 }, data: { nTrain: 64 } }], seeds: 1 }),
  );
  assert.deepEqual(e.trials.map((t) => [t.options.lr, t.options.epochs, t.config.S ?? null, t.data.nTrain ?? null]), [
    [2e-3, 3, null, null],
    [1e-3, 3, 40, 64],
  ]);
  assert.deepEqual(e.points[1].params, { 'config.S': 40, 'data.nTrain': 64 });
});

test('bad specs throw ConfigError', () => {
  const bad: unknown[] = [
    [],
    { seeds: 0 },
    { seeds: [1, 1] },
    { seeds: 2, grid: { cN: [1] } },
    { seeds: 2, grid: { 'options.cN': [] } },
    { seeds: 2, overrides: [{ model: {} }] },
    { seeds: 2, grid: { 'options.cN': [1] }, overrides: [{}] },
    { seeds: 2, typo: 1 },
    { seeds: 2, overrides: [{ options: { lr: 1 } }, { options: { lr: 1 } }] },
  ];
  for (const b of bad) assert.throws(() => expandSweep(validateSweepSpec(b)), ConfigError, JSON.stringify(b));
  assert.throws(() => parseSweepSpec('a: [1,'), ConfigError);
  assert.throws(() => readSweepSpec('fixtures/sweep/missing.yaml'), ConfigError);
  assert.throws(() => redisConnection('http://x'), ConfigError);
  assert.deepEqual(redisConnection('redis://:pw@10.0.0.5:6380/2'), { host: '10.0.0.5', port: 6380, password: 'pw', db: 2, maxRetriesPerRequest: null });
});

test('aggregation: mean ± sample std per point, in seed order, missing layers count as 0', () => {
  assert.deepEqual(meanStd([1, 2, 3]), { mean: 2, std: 1, n: 3 });
  assert.deepEqual(meanStd([5]), { mean: 5, std: 0, n: 1 });
  assert.equal(meanStd([null]), null);
  const points = [{ index: 0, params: {}, label: 'base' }];
  const r = (seed: number, acc: number, widths: number[], strictMlp: boolean): TrialResult => ({
    id: String(seed), point: 0, seed, testAccuracy: acc, trainAccuracy: acc, activeNeurons: 10 + seed, neurons: 32, epochs: 1,
    layerWidths: [2, ...widths, 2], hiddenWidths: widths, strictMlp, wallSeconds: seed, checkpoint: '', backend: 'cpu',
  });
  const rows = aggregateSweep(points, [r(3, 0.9, [4], false), r(1, 0.7, [4, 2], true), r(2, 0.8, [6, 2], true)]);
  const [p] = rows;
  assert.deepEqual(p.seeds, [1, 2, 3]);
  assert.ok(Math.abs(p.testAccuracy!.mean - 0.8) < 1e-12);
  assert.deepEqual(p.hiddenWidths.map((w) => w.mean), [14 / 3, 4 / 3]);
  assert.equal(p.strictMlpShare, 2 / 3);
  assert.deepEqual(aggregateSweep(points, [r(2, 0.8, [6, 2], true), r(3, 0.9, [4], false), r(1, 0.7, [4, 2], true)]), rows);
});
