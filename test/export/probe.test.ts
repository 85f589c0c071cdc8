import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/train/backend.js';
import { certificationSamples } from '../../src/export/verify.js';
import { chooseThreshold, thresholdCandidates, type ThresholdOptions } from '../../src/export/threshold.js';
import { WorstSamples } from '../../src/export/probe.js';
import { certify, type PassRule } from '../../src/export/certify.js';
import { toReplay } from '../../src/export/replay.js';
import { toLayered } from '../../src/export/layered.js';
import { predict } from '../../src/runtime/predict.js';
import { ConfigError } from '../../src/errors.js';
import { ACTS, RULES, randomInputs, randomSnapshot } from './fixtures.js';

before(async () => {
  await initBackend({ backend: 'cpu' });
});

const passes = (c: { maxRelError: number; maxAbsError: number; argmaxAgreement: number }, r: PassRule) =>
  (r.measure === 'relative' ? c.maxRelError : c.maxAbsError) <= r.tolerance && c.argmaxAgreement >= r.minAgreement;

test('a probe rejection is sound: the full certificate fails too, and the probe\'s numbers are within it', async () => {
  let rejected = 0;
  let seen = 0;
  for (const rule of RULES) {
    for (const activation of ACTS) {
      const snap = randomSnapshot({ S: 36, I: 3, dIn: 4, dOut: 3, rule, activation, seed: 5, density: 0.5 });
      const s = await certificationSamples(snap, { x: randomInputs(60, 4), n: 60 }, { synthetic: 40 });
      for (const r of [
        { measure: 'relative', tolerance: 0.02, minAgreement: 1 },
        { measure: 'absolute', tolerance: 0.05, minAgreement: 0.95 },
      ] satisfies PassRule[]) {
        const worst = new WorstSamples(s, 3, r, 4);
        assert.equal(worst.check(toReplay(snap, 0)), null, 'no probe before a full run');
        worst.learn(predict(toReplay(snap, 0), s.x, 100));
        for (const t of thresholdCandidates(snap.W, 12)) {
          const model = toLayered(toReplay(snap, t));
          const early = worst.check(model);
          const full = certify(model, s);
          seen++;
          if (!early) continue;
          rejected++;
          assert.equal(passes(full, r), false, `${rule} ${activation} ${r.measure} at ${t}: rejected on the probe but the certificate passes`);
          assert.ok(early.samples < 100 && early.samples >= 4);
          assert.ok(early.maxRelError <= full.maxRelError && early.maxAbsError <= full.maxAbsError);
        }
      }
    }
  }
  assert.ok(rejected > seen / 4, `the probe rejected ${rejected} of ${seen} models`);
});

test('the probe holds the worst samples of the last full run, and a sample that failed stays in it', async () => {
  const snap = randomSnapshot({ S: 30, I: 2, dIn: 4, dOut: 2, rule: 'plain', activation: 'relu', seed: 3, density: 0.6 });
  const s = await certificationSamples(snap, { x: randomInputs(50, 4), n: 50 }, { synthetic: 0 });
  const rule: PassRule = { measure: 'absolute', tolerance: 1, minAgreement: 1 };
  const worst = new WorstSamples(s, 2, rule, 3);
  // Logits equal to the dense ones but for sample 17 (off by 0.5) and sample 41 (off by 2: it fails).
  const logits = Float32Array.from(s.dense);
  logits[17 * 2] += 0.5;
  logits[41 * 2 + 1] += 2;
  worst.learn(logits);
  const first = worst.indices();
  assert.equal(first.length, 3);
  assert.ok(first.includes(17) && first.includes(41), JSON.stringify(first));
  // A later full run where 41 is fine and two others are worse: 41 failed before, so it stays.
  const next = Float32Array.from(s.dense);
  for (const [i, e] of [[3, 0.9], [8, 0.8], [9, 0.7]]) next[i * 2] += e;
  worst.learn(next);
  assert.deepEqual(worst.indices(), [3, 8, 9, 41]);
});

test('chooseThreshold with the probe picks the threshold and certificate of the full search, rejecting on the probe alone', async () => {
  let early = 0;
  for (const [k, rule] of RULES.entries()) {
    const snap = randomSnapshot({ S: 48, I: 3, dIn: 5, dOut: 3, rule, activation: 'relu', seed: 20 + k, density: 0.5 });
    const data = { x: randomInputs(90, 5, k), n: 90 };
    for (const o of [
      { tolerance: 0.01, synthetic: 60, candidates: 24 },
      { tolerance: 0.05, minAgreement: 0.95, synthetic: 60, candidates: 24, measure: 'absolute' },
      { tolerance: 0.01, synthetic: 60, candidates: 12, search: 'scan', form: 'layered' },
    ] satisfies ThresholdOptions[]) {
      const full = await chooseThreshold(snap, data, { ...o, probe: 0 });
      const fast = await chooseThreshold(snap, data, o);
      assert.ok(full.ok && fast.ok);
      assert.equal(fast.threshold, full.threshold);
      assert.deepEqual(fast.certificate, full.certificate);
      assert.deepEqual(fast.search.trials.map((t) => [t.threshold, t.pass]), full.search.trials.map((t) => [t.threshold, t.pass]));
      assert.ok(full.search.trials.every((t) => t.samples === 150));
      early += fast.search.trials.filter((t) => t.samples < 150).length;
      assert.equal(fast.search.trials[0].samples, 150, 'the first threshold is certified on every sample');
    }
  }
  assert.ok(early > 0, 'some thresholds were rejected on the probe');
  const snap = randomSnapshot({ S: 10, I: 2, dIn: 2, dOut: 2, rule: 'plain', activation: 'relu' });
  await assert.rejects(() => chooseThreshold(snap, { x: randomInputs(4, 2), n: 4 }, { tolerance: 0.1, probe: -1 }), ConfigError);
});
