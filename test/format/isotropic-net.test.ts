import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyNet } from '../train/isotropic/fixtures.js';
import { decodeIsoMlp, encodeIsoMlp, readIsoMlp, writeIsoMlp } from '../../src/format/isotropic-net.js';
import { ModelFormatError } from '../../src/errors.js';

test('network files round-trip exactly and refuse corrupt input', () => {
  const net = busyNet([6, 5, 4, 3]);
  assert.deepEqual(decodeIsoMlp(encodeIsoMlp(net)), net);
  const bytes = encodeIsoMlp(net);
  assert.throws(() => decodeIsoMlp(bytes.subarray(0, bytes.length - 7)), ModelFormatError);
  assert.throws(() => decodeIsoMlp(Uint8Array.of(1, 2, 3)), ModelFormatError);
  const bad = { ...net, W: [net.W[0].subarray(1), ...net.W.slice(1)] };
  assert.throws(() => encodeIsoMlp(bad), ModelFormatError);
});

test('network files: written atomically, read back, size-capped, wrong kind refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-isonet-'));
  try {
    const net = busyNet([4, 3, 2], 2, { oMode: 'constant', psiMode: 'none' });
    writeIsoMlp(join(dir, 'a.iso'), net);
    assert.deepEqual(readIsoMlp(join(dir, 'a.iso')), net);
    assert.throws(() => readIsoMlp(join(dir, 'a.iso'), 10), ModelFormatError);
    const wrongKind = encodeIsoMlp(net);
    const text = Buffer.from(wrongKind).toString('latin1').replace('urn-isotropic-mlp', 'urn-isotropic-mlq');
    assert.throws(() => decodeIsoMlp(Buffer.from(text, 'latin1')), ModelFormatError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
