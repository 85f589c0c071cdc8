import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/train/backend.js';
import { tf } from '../../src/train/tf.js';
import { createModel, disposeModel } from '../../src/train/model.js';
import { verify } from '../../src/export/verify.js';
import { chooseThreshold, thresholdCandidates } from '../../src/export/threshold.js';
import { toReplay } from '../../src/export/replay.js';
import { toLayered } from '../../src/export/layered.js';
import { syntheticInputs } from '../../src/export/synthetic.js';
import { ConfigError, ShapeError } from '../../src/errors.js';
import type { Snapshot } from '../../src/core/snapshot.js';
import { F32_REL, knownCase, randomInputs, randomSnapshot } from './fixtures.js';

before(async () => {
  await initBackend({ backend: 'cpu' });
});

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test('certificate fields on a case with a known answer', async () => {
  const { snap, x, y } = knownCase();
  const before = tf.memory().numTensors;
  const model = toReplay(snap, 0.05);
  const c = await verify(model, snap, { x, n: 4, y }, { synthetic: 0 });
  assert.equal(tf.memory().numTensors, before);
  assert.equal(c.threshold, 0.05);
  assert.equal(c.form, 'replay');
  assert.equal(c.samples, 4);
  assert.equal(c.heldOut, 4);
  assert.equal(c.synthetic, 0);
  close(c.maxAbsError, 0.03, 'maxAbsError');
  close(c.maxRelError, 0.0201 / 1.5201, 'maxRelError');
  assert.equal(c.argmaxAgreement, 0.75);
  assert.equal(c.accuracyDense, 1);
  assert.equal(c.accuracySparse, 0.75);
  assert.equal(c.keptSynapses, 3);
  assert.equal(c.denseSynapses, 4);
});

test('verify at threshold 0: within float32 tolerance, live model or snapshot, layered too', async () => {
  const snap = randomSnapshot({ S: 40, I: 4, dIn: 5, dOut: 3, rule: 'residual-output', activation: 'tanh', seed: 3 });
  const x = randomInputs(50, 5);
  const before = tf.memory().numTensors;
  const live = createModel(snap.config, snap);
  const a = await verify(toReplay(snap, 0), live, { x, n: 50 }, { synthetic: 30, seed: 4 });
  disposeModel(live);
  const b = await verify(toReplay(snap, 0), snap, { x, n: 50 }, { synthetic: 30, seed: 4 });
  const c = await verify(toLayered(toReplay(snap, 0)), snap, { x, n: 50 }, { synthetic: 30, seed: 4 });
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(a, b, 'deterministic, and the same for a live model and its snapshot');
  assert.equal(a.samples, 80);
  assert.equal(a.accuracyDense, undefined);
  assert.ok(a.maxRelError < F32_REL, `maxRelError ${a.maxRelError}`);
  assert.equal(a.argmaxAgreement, 1);
  assert.equal(c.form, 'layered');
  assert.ok(c.maxRelError < F32_REL);
});

test('verify refuses mismatched structure and data', async () => {
  const snap = randomSnapshot({ S: 12, I: 2, dIn: 3, dOut: 2, rule: 'plain', activation: 'relu' });
  const other = randomSnapshot({ S: 12, I: 3, dIn: 3, dOut: 2, rule: 'plain', activation: 'relu' });
  await assert.rejects(() => verify(toReplay(snap, 0), other, { x: new Float32Array(3), n: 1 }), ConfigError);
  await assert.rejects(() => verify(toReplay(snap, 0), snap, { x: new Float32Array(4), n: 1 }), ShapeError);
  await assert.rejects(() => verify(toReplay(snap, 0), snap, { x: new Float32Array(3), n: 1, y: Int32Array.of(0, 1) }), ShapeError);
});

test('synthetic inputs: deterministic, mixes within the data range, jittered copies near rows', async () => {
  const x = Float32Array.of(0, 0, 1, 2, -1, 4);
  const a = syntheticInputs(x, 3, 2, 10, { seed: 9 });
  assert.deepEqual(a, syntheticInputs(x, 3, 2, 10, { seed: 9 }));
  assert.notDeepEqual(a, syntheticInputs(x, 3, 2, 10, { seed: 10 }));
  for (let s = 0; s < 5; s++) {
    assert.ok(a[2 * s] >= -1 && a[2 * s] <= 1 && a[2 * s + 1] >= 0 && a[2 * s + 1] <= 4);
  }
  assert.throws(() => syntheticInputs(new Float32Array(0), 0, 2, 3), ShapeError);
});

test('thresholdCandidates: 0, |W| quantiles and a log grid, ascending and distinct', async () => {
  const c = thresholdCandidates(Float32Array.of(0, -1, 0.01, 1, 0.01, 0.25), 3);
  // quantiles 1/3, 2/3 of the distinct {0.01, 0.25, 1}: 0.25, 1; log grid 0.01, 0.1, 1.
  assert.deepEqual(c.map((v) => Number(v.toPrecision(6))), [0, 0.01, 0.1, 0.25, 1]);
  assert.deepEqual(thresholdCandidates(new Float32Array(4), 8), [0]);
  const big = thresholdCandidates(Float32Array.from({ length: 1000 }, (_, k) => (k + 1) / 1000), 64);
  assert.ok(big.length > 64 && big.every((v, k) => k === 0 || v > big[k - 1]));
});

test('chooseThreshold picks the largest candidate within tolerance, and says so', async () => {
  const { snap, x, y } = knownCase();
  const data = { x, n: 4, y };
  const strict = await chooseThreshold(snap, data, { tolerance: 0.005, synthetic: 0 });
  assert.ok(strict.ok);
  assert.equal(strict.threshold, 0);
  const loose = await chooseThreshold(snap, data, { tolerance: 0.02, minAgreement: 0.7, synthetic: 0, candidates: 8 });
  assert.ok(loose.ok);
  // Every candidate in [0.01, 1) drops exactly the 0.01 synapse; the largest of them wins.
  const below1 = loose.search.candidates.filter((t) => t < 1);
  assert.equal(loose.threshold, below1[below1.length - 1]);
  assert.ok(loose.threshold >= Math.fround(0.01));
  assert.equal(loose.model.form === 'replay' && loose.model.W.colIdx.length, 3);
  assert.equal(loose.model.certificate, loose.certificate);
  assert.equal(loose.certificate.argmaxAgreement, 0.75);
  const agree = await chooseThreshold(snap, data, { tolerance: 0.02, synthetic: 0 });
  assert.ok(agree.ok && agree.threshold === 0, 'agreement 0.75 < 1 rules out 0.01');
});

test('chooseThreshold tells onTrial of each threshold tried, in order, within the most it said it could take', async () => {
  const snap = randomSnapshot({ S: 40, I: 3, dIn: 5, dOut: 3, rule: 'plain', activation: 'relu', seed: 12, density: 0.4 });
  const data = { x: randomInputs(80, 5), n: 80 };
  for (const search of ['bisection', 'scan'] as const) {
    const seen: { threshold: number; done: number; most: number; kept: number }[] = [];
    const r = await chooseThreshold(snap, data, { tolerance: 0.05, synthetic: 40, candidates: 16, search, onTrial: (t, done, most) => seen.push({ threshold: t.threshold, done, most, kept: t.keptSynapses }) });
    assert.ok(r.ok);
    assert.deepEqual(seen.map((s) => s.threshold), r.search.trials.map((t) => t.threshold), search);
    assert.deepEqual(seen.map((s) => s.done), seen.map((_, k) => k + 1), search);
    assert.ok(seen.every((s) => s.done <= s.most && s.most === seen[0].most), `${search}: ${JSON.stringify(seen)}`);
    if (search === 'scan') assert.equal(seen[0].most, r.search.candidates.length);
    const at = r.search.trials.find((t) => t.threshold === r.threshold)!;
    assert.equal(at.keptSynapses, r.certificate.keptSynapses, 'the trial counts the synapses its model keeps');
    assert.ok(seen[0].kept >= at.keptSynapses, 'threshold 0 keeps the most');
  }
});

test('chooseThreshold reports when no threshold meets the tolerance', async () => {
  const snap = randomSnapshot({ S: 40, I: 4, dIn: 5, dOut: 3, rule: 'plain', activation: 'tanh', seed: 8 });
  const r = await chooseThreshold(snap, { x: randomInputs(60, 5), n: 60 }, { tolerance: 1e-12, synthetic: 0, measure: 'absolute' });
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.reason, /even threshold 0/);
  await assert.rejects(() => chooseThreshold(snap, { x: randomInputs(2, 5), n: 2 }, { tolerance: -1 }), ConfigError);
});

test('chooseThreshold: scan finds at least the bisection threshold', async () => {
  const snap = randomSnapshot({ S: 40, I: 3, dIn: 5, dOut: 3, rule: 'residual-output', activation: 'relu', seed: 12, density: 0.4 });
  const data = { x: randomInputs(80, 5), n: 80 };
  const opts = { tolerance: 0.05, minAgreement: 0.9, synthetic: 40, candidates: 16 };
  const bis = await chooseThreshold(snap, data, opts);
  const scan = await chooseThreshold(snap, data, { ...opts, search: 'scan' });
  assert.ok(bis.ok && scan.ok);
  assert.ok(scan.threshold >= bis.threshold);
  assert.ok(bis.search.trials.length < scan.search.trials.length);
  assert.ok(bis.certificate.maxRelError <= 0.05 && bis.certificate.argmaxAgreement >= 0.9);
});
