import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { heldOutSeed, run, tally } from '../../bench/test-odds.js';
import { pClean, wilson } from '../../bench/lib/test-odds.js';
import { choose, subsetMean } from '../../bench/lib/subsets.js';
import { readCheckpoint } from '../../src/run/checkpoint.js';
import { makeSpheres } from '../../src/data/spheres.js';
import { ConfigError } from '../../src/errors.js';
import { urn } from '../cli/helpers.js';

test('wilson: the 95% score interval, inside [0, 1], not empty at zero errors', () => {
  const [lo0, hi0] = wilson(0, 20000);
  assert.equal(lo0, 0);
  const z2 = 1.959963984540054 ** 2;
  assert.ok(Math.abs(hi0 - z2 / (20000 + z2)) < 1e-12, `${hi0}`); // the closed form at zero errors
  const [lo, hi] = wilson(10, 100); // a textbook case: [0.0552, 0.1744]
  assert.ok(Math.abs(lo - 0.0552) < 1e-4 && Math.abs(hi - 0.1744) < 1e-4, `${lo} ${hi}`);
  assert.deepEqual(wilson(5, 5).map((x) => x <= 1), [true, true]);
  assert.throws(() => wilson(3, 2), ConfigError);
  assert.throws(() => wilson(0, 0), ConfigError);
});

test('pClean is (1 - rate)^n, and subsetMean of products is the mean over every k-subset', () => {
  const p = [0.9, 0.2, 1, 0.55, 0.7, 0.01, 0.33];
  for (const k of [1, 3, 5, 7]) {
    let sum = 0;
    const visit = (from: number, left: number, prod: number): void => {
      if (left === 0) return void (sum += prod);
      for (let i = from; i <= p.length - left; i++) visit(i + 1, left - 1, prod * p[i]);
    };
    visit(0, k, 1);
    const mean = subsetMean(p, k, (s) => s.reduce((a, x) => a * x, 1));
    assert.ok(Math.abs(mean - sum / choose(p.length, k)) < 1e-12, `k = ${k}`);
  }
  assert.throws(() => subsetMean(p, 8, () => 1), ConfigError);
  assert.ok(Math.abs(pClean(1e-3, 1000) - Math.exp(1000 * Math.log1p(-1e-3))) < 1e-12);
  assert.equal(pClean(0, 1000), 1);
});

test('tally counts errors by true class and samples whose largest logit is shared', () => {
  // four samples, two outputs: right, wrong (class 1 called 0), tied (first index wins: right for class 0), tied and wrong
  const logits = Float32Array.of(2, 1, 3, 1, 0, 0, 0.5, 0.5);
  assert.deepEqual(tally(logits, Int32Array.of(0, 1, 0, 1), 2), { errorsByClass: [0, 2], tiedSamples: 2 });
});

test('test-odds redraws a trial\'s spheres away from its data and counts what the trained network gets wrong', async () => {
  const sweep = mkdtempSync(join(tmpdir(), 'urn-test-odds-'));
  const trial = join(sweep, 'trials', '0000000000000001');
  mkdirSync(trial, { recursive: true });
  const t = urn(['train', '--S', '40', '--I', '3', '--epochs', '30', '--n-train', '200', '--n-test', '100', '--seed', '4', '--out', trial]);
  assert.equal(t.code, 0, t.err);
  writeFileSync(join(trial, 'result.json'), JSON.stringify({ id: '0000000000000001', seed: 4, testAccuracy: 1 }));
  const results = join(sweep, 'odds.json');
  const body = (await run(['--runs', sweep, '--samples', '3000', '--k', '1', '--results', results])) as any;
  assert.deepEqual(JSON.parse(readFileSync(results, 'utf8')), body);
  const r = body.sweeps[0].trials[0];

  // An oracle in float64, independent of the tfjs forward: the same fresh draw, the plain rule, relu everywhere.
  const ck = readCheckpoint(join(trial, 'checkpoint.msgpack'));
  const { S, I, dIn, dOut } = ck.config;
  const fresh = makeSpheres({ d: 10, nTrain: 1, nTest: 3000, seed: heldOutSeed(4), radii: [1, 1.5], thickness: 0.1 }).test;
  const train = makeSpheres({ d: 10, nTrain: 200, nTest: 100, seed: 4 });
  assert.ok(!fresh.x.slice(0, 10).every((v, k) => v === train.test.x[k]), 'a draw of its own, not the trial\'s test set');
  const wrong = [0, 0];
  let margin = Infinity;
  for (let s = 0; s < fresh.n; s++) {
    let n = new Float64Array(S);
    for (let k = 0; k < dIn; k++) n[k] = fresh.x[s * dIn + k];
    for (let it = 0; it < I; it++) {
      const m = new Float64Array(S);
      for (let i = 0; i < S; i++) {
        let z = ck.b[i];
        for (let j = 0; j < S; j++) z += ck.W[i * S + j] * n[j];
        m[i] = Math.max(0, z);
      }
      n = m;
    }
    const [a, b] = [n[S - dOut], n[S - 1]];
    margin = Math.min(margin, Math.abs(a - b));
    if ((b > a ? 1 : 0) !== fresh.y[s]) wrong[fresh.y[s]]++;
  }
  assert.ok(margin > 1e-4 || margin === 0, `a sample within float32 of the boundary (${margin}) would make this comparison flaky`);
  assert.deepEqual(r.heldOut.errorsByClass, wrong);
  const errors = wrong[0] + wrong[1];
  assert.ok(errors > 0 && errors < 3000, `${errors} errors: a briefly trained network should be neither perfect nor useless, or this tests little`);
  assert.equal(r.heldOut.errorRate, errors / 3000);
  assert.equal(r.pClean, (1 - errors / 3000) ** 100, 'the chance for the trial\'s own 100-point test set');
  assert.ok(r.heldOut.interval[0] <= r.heldOut.errorRate && r.heldOut.errorRate <= r.heldOut.interval[1]);
  assert.equal(body.sweeps[0].observedClean, r.heldOut.tiedSamples === 0 ? 1 : 0);
  const ten = (await run(['--runs', sweep, '--samples', '3000', '--n-test', '10', '--k', '1', '--results', results])) as any;
  assert.equal(ten.sweeps[0].trials[0].nTest, 10);
  assert.equal(ten.sweeps[0].trials[0].pClean, (1 - errors / 3000) ** 10, '--n-test: the chance for a test set of that size');
});

test('test-odds refuses what it cannot redraw, with one typed line', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'urn-test-odds-'));
  await assert.rejects(run(['--runs', empty]), (e: unknown) => e instanceof ConfigError && /no trials\/ folder/.test(e.message));
  await assert.rejects(run([]), (e: unknown) => e instanceof ConfigError && /--runs/.test(e.message));
  await assert.rejects(run(['--runs', empty, '--samples', '0']), ConfigError);
  await assert.rejects(run(['--runs', empty, '--n-test', '0']), (e: unknown) => e instanceof ConfigError && /--n-test must be at least 1/.test(e.message));
});
