import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Packr } from 'msgpackr';
import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from '../../src/run/checkpoint.js';
import { appendTimeline, readTimeline, TIMELINE_FILE } from '../../src/run/timeline-file.js';
import { timelineEntry } from '../../src/topology/timeline.js';
import { resolveConfig } from '../../src/core/config.js';
import { initParams } from '../../src/train/init.js';
import { ChecksumError, DataFormatError, ModelFormatError } from '../../src/errors.js';
import { createRng } from '../../src/util/rng.js';
import { mlpSnapshot } from '../topology/fixtures.js';

const cfg = resolveConfig({ S: 12, I: 2, dIn: 3, dOut: 2, seed: 4 });
const { W, b } = initParams(cfg);
const ckpt: Checkpoint = {
  config: cfg,
  epoch: 3,
  W,
  b,
  adam: { t: 7, m: [W.map((v) => v / 2), b.map(() => 1)], v: [W.map((v) => v * v), b.map(() => 2)] },
  train: { options: { lr: 0.01, l1: 'proximal' } },
};
// An owned Uint8Array: msgpackr returns a Buffer, whose slice() is a view, not a copy.
const bytes = Uint8Array.from(encodeCheckpoint(ckpt));

/** Decode a mutated file: 'rejected' with a ModelFormatError, 'same' when it decodes to the original, else fail. */
function outcome(m: Uint8Array, label: string): 'rejected' | 'same' {
  try {
    const back = decodeCheckpoint(m);
    assert.deepStrictEqual(back, ckpt, `${label}: accepted a changed checkpoint`);
    return 'same';
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    assert.ok(e instanceof ModelFormatError, `${label}: ${(e as Error).name}: ${(e as Error).message}`);
    return 'rejected';
  }
}

test('issue 12.8: every in-place byte corruption of a checkpoint is rejected or harmless', () => {
  const rng = createRng(5);
  const counts = { rejected: 0, same: 0 };
  for (let at = 0; at < bytes.length; at++) {
    for (const v of [bytes[at] ^ 1, bytes[at] ^ 0x80, rng.int(256)]) {
      if (v === bytes[at]) continue;
      const m = bytes.slice();
      m[at] = v;
      counts[outcome(m, `byte ${at} = ${v}`)]++;
    }
  }
  assert.equal(counts.same, 0, 'no corruption decodes to the original either');
  assert.ok(counts.rejected > 3 * bytes.length - 10);
});

test('issue 12.8: fuzzed checkpoints (flips, truncations, insertions, deletions) give only ModelFormatError', () => {
  const rng = createRng(20261130);
  for (let k = 0; k < 3000; k++) {
    let m = bytes.slice();
    for (let c = 1 + rng.int(4); c > 0; c--) {
      const at = rng.int(Math.max(1, m.length));
      const op = rng.int(4);
      if (op === 0) m[at] ^= 1 << rng.int(8);
      else if (op === 1) m = m.slice(0, at);
      else if (op === 2) m = Uint8Array.from([...m.subarray(0, at), ...new Uint8Array(1 + rng.int(8)).map(() => rng.int(256)), ...m.subarray(at)]);
      else m = Uint8Array.from([...m.subarray(0, at), ...m.subarray(at + 1 + rng.int(8))]);
    }
    outcome(m, `case ${k}`);
  }
});

test('issue 12.8: a checksum mismatch is a ChecksumError; version-1 files (no checksum) still read', () => {
  const m = bytes.slice();
  // Flip a bit in the last byte of W's data: a silent weight change without the checksum.
  const at = Buffer.from(m).indexOf(Buffer.from(new Uint8Array(W.buffer, W.byteOffset, W.byteLength))) + W.byteLength - 1;
  m[at] ^= 1;
  assert.throws(() => decodeCheckpoint(m), ChecksumError);
  const bin = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const v1 = new Packr({ useRecords: false }).pack({
    magic: 'urn-checkpoint', version: 1, config: cfg, epoch: 3, train: ckpt.train,
    W: bin(W), b: bin(b), adam: { t: 7, m: ckpt.adam.m.map(bin), v: ckpt.adam.v.map(bin) },
  });
  assert.deepStrictEqual(decodeCheckpoint(v1), ckpt);
});

test('issue 12.8: a corrupted timeline is a ChecksumError, a mangled one a DataFormatError', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-tl-'));
  appendTimeline(dir, timelineEntry(mlpSnapshot([3, 4, 2]).snap, { epoch: 1, accuracy: 0.5 }));
  appendTimeline(dir, timelineEntry(mlpSnapshot([3, 4, 2]).snap, { epoch: 2, accuracy: 0.75 }));
  const path = join(dir, TIMELINE_FILE);
  const good = readFileSync(path);
  assert.equal(readTimeline(dir).length, 2);
  let checksum = 0;
  for (let at = 0; at < good.length; at++) {
    const m = Buffer.from(good);
    m[at] ^= 0x10;
    writeFileSync(path, m);
    try {
      readTimeline(dir);
      assert.fail(`byte ${at}: a changed timeline was accepted`);
    } catch (e) {
      if (e instanceof assert.AssertionError) throw e;
      assert.ok(e instanceof DataFormatError || e instanceof ModelFormatError, `byte ${at}: ${(e as Error).name}`);
      if (e instanceof ChecksumError) checksum++;
    }
  }
  assert.ok(checksum > good.length / 2, `${checksum} checksum errors`);
});
