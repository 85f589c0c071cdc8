import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeModel } from '../../src/format/encode.js';
import { decodeModel } from '../../src/format/decode.js';
import { writeModel } from '../../src/format/file.js';
import { decodeCheckpoint, encodeCheckpoint } from '../../src/run/checkpoint.js';
import { resolveConfig } from '../../src/core/config.js';
import { initParams } from '../../src/train/init.js';
import { FileKindError } from '../../src/errors.js';
import { sizeLine, type ExportResult } from '../../src/cli/commands/export.js';
import { epochLine } from '../../src/cli/progress.js';
import { sampleModels } from '../format/models.js';
import { oneLineError, urn } from './helpers.js';

test('issue 12.10: a model file given as a run, or a checkpoint given as a model, is a FileKindError', () => {
  assert.throws(() => decodeCheckpoint(encodeModel(sampleModels()[0])), FileKindError);
  const cfg = resolveConfig({ S: 8, I: 2, dIn: 2, dOut: 2 });
  const { W, b } = initParams(cfg);
  const ck = encodeCheckpoint({ config: cfg, epoch: 1, W, b, adam: { t: 0, m: [W, b], v: [W, b] }, train: {} });
  assert.throws(() => decodeModel(ck), FileKindError);
  const dir = mkdtempSync(join(tmpdir(), 'urn-kind-'));
  writeModel(join(dir, 'model.urn'), sampleModels()[0]);
  const a = urn(['analyze', join(dir, 'model.urn')]);
  assert.equal(a.code, 4);
  assert.ok(oneLineError(a.err, 'FileKindError'), a.err);
});

test('issue 12.10: an export larger than the dense network says so and suggests --l1 proximal', () => {
  const r = { bytes: 5000, denseBytes: 4000, compactedDenseBytes: 4000 } as ExportResult;
  assert.match(sizeLine(r, 'subgradient'), /LARGER/);
  assert.match(sizeLine(r, 'subgradient'), /--l1 proximal/);
  assert.doesNotMatch(sizeLine(r, 'subgradient'), /smaller/);
  assert.match(sizeLine({ ...r, bytes: 1000 }), /4\.0× smaller/);
});

test('issue 12.10: --version prints the package version; --help lists the exit codes', () => {
  const v = urn(['--version']);
  assert.equal(v.code, 0);
  assert.match(v.out.trim(), /^\d+\.\d+\.\d+/);
  const h = urn(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.out, /Exit codes:/);
});

test('issue 12.10: progress and summary print accuracies as percentages', () => {
  const line = epochLine({ epoch: 1, loss: 1, crossEntropy: 1, weightTerm: 0, activityTerm: 0, lengthTerm: 0, trainAccuracy: 0.5, testAccuracy: 0.25, activeNeurons: 3, neurons: 4, seconds: 1, elapsed: 1 }, 2);
  assert.match(line, /50\.0%/);
  assert.match(line, /25\.0%/);
});
