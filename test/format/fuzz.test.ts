import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeModel } from '../../src/format/encode.js';
import { decodeModel } from '../../src/format/decode.js';
import { predict } from '../../src/runtime/predict.js';
import { ModelFormatError } from '../../src/errors.js';
import { createRng } from '../../src/util/rng.js';
import { sampleModels } from './models.js';
import { mutateBytes, mutateData, mutateManifest, swapRefs } from './mutate.js';

/** Per-file time limit: a decode (plus a small predict) that takes longer counts as a hang. */
const MAX_MS = 250;

function tryOne(bytes: Uint8Array, label: string): 'rejected' | 'accepted' {
  const t0 = performance.now();
  try {
    const m = decodeModel(bytes);
    predict(m, new Float32Array(2 * m.config.dIn).fill(0.5), 2);
    // What decoding accepts, encoding accepts too (the two validations agree).
    decodeModel(encodeModel(m));
    return 'accepted';
  } catch (e) {
    if (!(e instanceof ModelFormatError)) {
      assert.fail(`${label}: ${(e as Error)?.name}: ${(e as Error)?.message} — bytes ${Buffer.from(bytes).toString('base64')}`);
    }
    return 'rejected';
  } finally {
    const ms = performance.now() - t0;
    assert.ok(ms < MAX_MS, `${label}: took ${ms.toFixed(0)} ms`);
  }
}

const bases = sampleModels().map(encodeModel);

test('fuzz: byte mutations (flips, changes, truncations, insertions, deletions) give only ModelFormatError', () => {
  const rng = createRng(20240611);
  const counts = { rejected: 0, accepted: 0 };
  for (let k = 0; k < 3000; k++) counts[tryOne(mutateBytes(bases[k % bases.length], rng), `byte case ${k}`)]++;
  assert.ok(counts.rejected > 2000, `only ${counts.rejected} rejected`);
});

test('fuzz: manifest mutations with a valid checksum give only ModelFormatError', () => {
  const rng = createRng(99);
  const counts = { rejected: 0, accepted: 0 };
  for (let k = 0; k < 3000; k++) counts[tryOne(mutateManifest(bases[k % bases.length], rng), `manifest case ${k}`)]++;
  assert.ok(counts.rejected > 2000, `only ${counts.rejected} rejected`);
});

test('fuzz: data-section words and swapped array references with a valid checksum give only ModelFormatError', () => {
  const rng = createRng(7);
  let rejected = 0;
  for (let k = 0; k < 2000; k++) {
    const base = bases[k % bases.length];
    if (tryOne(k % 2 ? mutateData(base, rng) : swapRefs(base, rng), `data case ${k}`) === 'rejected') rejected++;
  }
  assert.ok(rejected > 800, `only ${rejected} rejected`);
});
