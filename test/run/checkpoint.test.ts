import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeCheckpoint, encodeCheckpoint, readCheckpoint, writeCheckpoint, type Checkpoint } from '../../src/run/checkpoint.js';
import { resolveConfig } from '../../src/core/config.js';
import { initParams } from '../../src/train/init.js';
import { FileSystemError, ModelFormatError } from '../../src/errors.js';
import { createRng } from '../../src/util/rng.js';

const cfg = resolveConfig({ S: 12, I: 2, dIn: 3, dOut: 2, seed: 4 });
const { W, b } = initParams(cfg);
const ckpt: Checkpoint = {
  config: cfg,
  epoch: 3,
  W,
  b,
  adam: { t: 7, m: [W.map((v) => v / 2), b.map(() => 1)], v: [W.map((v) => v * v), b.map(() => 2)] },
  train: { options: { lr: 0.01 } },
};

test('encode/decode round-trips exactly', () => {
  const back = decodeCheckpoint(encodeCheckpoint(ckpt));
  assert.deepEqual(back, ckpt);
});

test('writes are atomic: no temp files are left, and the file reads back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-ckpt-'));
  writeCheckpoint(join(dir, 'checkpoint.msgpack'), ckpt);
  writeCheckpoint(join(dir, 'checkpoint.msgpack'), { ...ckpt, epoch: 4 });
  assert.deepEqual(readdirSync(dir), ['checkpoint.msgpack']);
  assert.equal(readCheckpoint(dir).epoch, 4);
});

test('truncated, mutated or foreign files raise ModelFormatError only', () => {
  const bytes = encodeCheckpoint(ckpt);
  const rng = createRng(11);
  for (let k = 0; k < 400; k++) {
    const m = Uint8Array.from(bytes.subarray(0, k % 2 ? rng.int(bytes.length) : bytes.length));
    if (k % 2 === 0) for (let f = 0; f < 3; f++) m[rng.int(m.length)] ^= 1 << rng.int(8);
    try {
      decodeCheckpoint(m);
    } catch (e) {
      assert.ok(e instanceof ModelFormatError, `case ${k}: ${(e as Error).name}: ${(e as Error).message}`);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'urn-ckpt-'));
  writeFileSync(join(dir, 'x.msgpack'), 'hello');
  assert.throws(() => readCheckpoint(join(dir, 'x.msgpack')), ModelFormatError);
  assert.throws(() => readCheckpoint(join(dir, 'missing')), FileSystemError);
});
