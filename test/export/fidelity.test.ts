import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { train } from '../../src/train/train.js';
import { disposeModel } from '../../src/train/model.js';
import { snapshotOf } from '../../src/train/snapshot-of.js';
import { makeSpheres } from '../../src/data/spheres.js';
import { structureFidelity, ruleText } from '../../src/export/fidelity.js';
import { thresholdCandidates } from '../../src/export/threshold.js';
import { exportModel, EXPORT_DEFAULTS } from '../../src/export/export-model.js';
import { resolveThreshold } from '../../src/core/threshold.js';
import { readModel } from '../../src/format/file.js';
import { compile } from '../../src/topology/compile.js';
import { analyze } from '../../src/topology/analyze.js';
import type { Snapshot } from '../../src/core/snapshot.js';
import type { VerifyData } from '../../src/export/verify.js';
import { noLeak, setupBackend } from '../helpers/backend.js';
import { knownCase, randomInputs, randomSnapshot } from './fixtures.js';
import { pruneSnapshot } from '../../src/topology/prune.js';
import { COMPILE_DEFAULTS } from '../../src/topology/compile.js';

let snapshot: Snapshot;
let test_: VerifyData;

before(async () => {
  await setupBackend();
  const data = makeSpheres({ d: 10, nTrain: 600, nTest: 300, seed: 1 });
  const r = await train({ data, config: { S: 48, I: 3, seed: 1 }, options: { epochs: 12, cW: 1e-4, cN: 1e-3, seed: 1 } });
  snapshot = await snapshotOf(r.model);
  disposeModel(r.model);
  assert.ok(r.final!.testAccuracy! >= 0.9, `the fixture must have learnt the task (test ${r.final!.testAccuracy})`);
  test_ = { x: data.test.x, n: data.test.n, y: data.test.y };
});

test('the default threshold is verified: agreement 1 within tolerance, and the next larger candidate fails', async () => {
  const f = await noLeak(() => structureFidelity(snapshot, test_));
  assert.equal(f.rule, 'verified');
  assert.equal(f.pass, true);
  const c = f.certificate!;
  assert.equal(c.argmaxAgreement, 1);
  assert.ok(c.maxRelError <= EXPORT_DEFAULTS.tolerance);
  assert.equal(c.threshold, f.threshold);
  assert.equal(c.heldOut, test_.n);
  assert.match(f.summary, /^verified: /);
  const candidates = thresholdCandidates(snapshot.W, 64);
  const k = candidates.indexOf(f.threshold);
  assert.ok(k > 0 && k < candidates.length - 1, `the verified threshold is an inner candidate (index ${k} of ${candidates.length})`);
  const next = await structureFidelity(snapshot, test_, { threshold: candidates[k + 1] });
  assert.equal(next.pass, false, `threshold ${candidates[k + 1]} just above the verified one must fail the certificate`);
  // The same threshold given explicitly gives the same certificate.
  assert.deepEqual((await structureFidelity(snapshot, test_, { threshold: f.threshold })).certificate, c);
});

test('the verified threshold is the one urn export --threshold auto writes', async () => {
  const f = await structureFidelity(snapshot, test_);
  const out = join(mkdtempSync(join(tmpdir(), 'urn-fidelity-')), 'model.urn');
  const e = await exportModel(snapshot, { x: test_.x, n: test_.n, y: test_.y! }, { out, threshold: 'auto' });
  assert.equal(e.threshold, f.threshold);
  assert.deepEqual(e.certificate, f.certificate);
  // The file carries the structure's report, the one analyze(compile(…)) gives at that threshold.
  const expected = JSON.parse(JSON.stringify(analyze(compile(snapshot, { threshold: f.threshold }))));
  assert.deepEqual(readModel(out).topology, expected);
});

test('an exported model past the graph bound still carries its topology', async () => {
  const snap = randomSnapshot({ S: 480, I: 3, dIn: 10, dOut: 2, rule: 'plain', activation: 'relu', density: 1, seed: 5 });
  const live = pruneSnapshot(snap, { threshold: 0 }).liveEdgeCount;
  assert.ok(live > COMPILE_DEFAULTS.maxEdges, `${live} live edges: past the bound, or this test tests nothing`);
  const out = join(mkdtempSync(join(tmpdir(), 'urn-fidelity-')), 'dense.urn');
  const n = 40;
  await exportModel(snap, { x: randomInputs(n, 10), n, y: new Int32Array(n) }, { out, threshold: 0 });
  assert.deepEqual(readModel(out).topology, JSON.parse(JSON.stringify(analyze(compile(snap, { threshold: 0, maxEdges: live })))));
});

test('an explicit threshold that is too large fails loudly, with the share of flipped predictions', async () => {
  const f = await structureFidelity(snapshot, test_, { threshold: { relative: 0.5 } });
  assert.equal(f.pass, false);
  assert.equal(f.threshold, resolveThreshold(snapshot.W, { relative: 0.5 }).value);
  const agreement = f.certificate!.argmaxAgreement;
  assert.ok(agreement < 1, `agreement ${agreement}`);
  assert.match(f.summary, /^NOT THE NETWORK'S FUNCTION: the structure at rel:0\.5 /);
  assert.ok(f.summary.includes(`flips ${(100 * (1 - agreement)).toFixed(2)}% of predictions`), f.summary);
});

test('a flipped prediction fails the structure even when the logits stay within tolerance (known case)', async () => {
  // Threshold 0.05 drops one 0.01 synapse: relative error 0.0201/1.5201 ≈ 1.3e-2, and row 0 of 4 flips.
  const { snap, x, y } = knownCase();
  const f = await structureFidelity(snap, { x, n: 4, y }, { threshold: 0.05, tolerance: 0.05, synthetic: 0 });
  assert.ok(f.certificate!.maxRelError <= 0.05);
  assert.deepEqual([f.pass, f.certificate!.argmaxAgreement], [false, 0.75]);
  assert.match(f.summary, /^NOT THE NETWORK'S FUNCTION: the structure at 0\.05 \(\|w\| > 5\.00e-2\) flips 25\.00% of predictions: /);
  assert.equal((await structureFidelity(snap, { x, n: 4, y }, { threshold: 0, synthetic: 0 })).pass, true);
});

test('without data nothing is certified, and the summary says so', async () => {
  const f = await structureFidelity(snapshot, null);
  assert.deepEqual([f.pass, f.certificate], [null, null]);
  assert.equal(f.threshold, resolveThreshold(snapshot.W, { relative: 0.01 }).value);
  assert.match(f.summary, /^UNVERIFIED: there is no data to certify on, so the threshold falls back to rel:0\.01\./);
  assert.equal((await structureFidelity(snapshot, null, { threshold: 0.2 })).threshold, 0.2);
});

test('ruleText spells rules as the CLI reads them', async () => {
  assert.deepEqual([ruleText('verified'), ruleText(0.05), ruleText({ relative: 0.01 }), ruleText({ quantile: 0.99 })], ['verified', '0.05', 'rel:0.01', 'q:0.99']);
});
