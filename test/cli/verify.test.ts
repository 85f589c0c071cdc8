import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCheckpoint } from '../../src/run/checkpoint.js';
import { resolveConfig } from '../../src/core/config.js';
import { writeModel } from '../../src/format/file.js';
import { toReplay } from '../../src/export/replay.js';
import { randomSnapshot } from '../export/fixtures.js';
import { lastJson, oneLineError, urn } from './helpers.js';

test('issue 12.3: urn verify exits 0 on a faithful model and non-zero with VerificationError on a failing one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-verify-'));
  const snap = randomSnapshot({ S: 24, I: 2, dIn: 10, dOut: 2, rule: 'plain', activation: 'relu', seed: 3 });
  const config = resolveConfig(snap.config);
  const zeros = () => [new Float32Array(24 * 24), new Float32Array(24)];
  writeCheckpoint(join(dir, 'checkpoint.msgpack'), {
    config, epoch: 1, W: snap.W, b: snap.b, adam: { t: 1, m: zeros(), v: zeros() },
    train: { data: { dataset: 'spheres', seed: 1, nTrain: 40, nTest: 40, d: 10, normalize: 'none' } },
  });
  const good = join(dir, 'good.urn');
  writeModel(good, toReplay(snap, 0));
  const ok = urn(['verify', good, '--against', dir, '--json']);
  assert.equal(ok.code, 0, ok.err);
  assert.equal(lastJson(ok.out).pass, true);

  const bad = join(dir, 'bad.urn');
  writeModel(bad, toReplay({ ...snap, W: snap.W.map((v) => -v) }, 0));
  const no = urn(['verify', bad, '--against', dir, '--json']);
  assert.equal(no.code, 5, no.err);
  assert.ok(oneLineError(no.err, 'VerificationError'), no.err);
  assert.equal(lastJson(no.out).pass, false, 'the JSON still reports the certificate');
});
