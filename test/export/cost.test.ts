import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toReplay } from '../../src/export/replay.js';
import { toLayered } from '../../src/export/layered.js';
import { synapseCount } from '../../src/export/cost.js';
import type { LayeredModel } from '../../src/core/sparse-model.js';
import type { Csr } from '../../src/core/csr.js';
import { randomSnapshot } from './fixtures.js';

/** The same count by a Set of (to, from) pairs: fine for small models. */
function bySet(m: LayeredModel): number {
  const seen = new Set<string>();
  const sources: ArrayLike<number>[] = [Int32Array.from({ length: m.config.dIn }, (_, k) => k)];
  for (const L of m.layers) {
    for (const blk of L.pre) {
      for (let u = 0; u < L.neurons.length; u++) {
        for (let k = blk.matrix.rowPtr[u]; k < blk.matrix.rowPtr[u + 1]; k++) seen.add(`${L.neurons[u]}<${sources[blk.from][blk.matrix.colIdx[k]]}`);
      }
    }
    sources.push(L.neurons);
  }
  return seen.size;
}

test('synapseCount counts a synapse used at several iterations once', () => {
  const snap = randomSnapshot({ S: 40, I: 4, dIn: 4, dOut: 2, rule: 'plain', activation: 'relu', density: 0.4, seed: 3, biasScale: 0.5 });
  const replay = toReplay(snap, 0);
  const layered = toLayered(replay);
  const entries = layered.layers.reduce((s, L) => s + L.pre.reduce((t, b) => t + b.matrix.colIdx.length, 0), 0);
  const n = synapseCount(layered);
  assert.equal(n, bySet(layered));
  assert.ok(n < entries, `${n} distinct of ${entries} entries: the iterations reuse synapses`);
  assert.ok(n <= synapseCount(replay));
});

/** A dense rows×cols block. */
function denseCsr(rows: number, cols: number): Csr {
  const rowPtr = Int32Array.from({ length: rows + 1 }, (_, u) => u * cols);
  const colIdx = new Int32Array(rows * cols);
  for (let u = 0; u < rows; u++) for (let j = 0; j < cols; j++) colIdx[u * cols + j] = j;
  return { rows, cols, rowPtr, colIdx, values: new Float32Array(rows * cols) };
}

test('synapseCount counts past 2^24 synapses (a barely trained S = 5000 network has them)', () => {
  const dIn = 4000;
  const hidden = 4200; // 16.8 M synapses > 2^24 = 16,777,216, a Set's limit
  const S = dIn + hidden + 1;
  const neurons = Int32Array.from({ length: hidden }, (_, u) => dIn + u);
  const layer = { neurons, bias: new Float32Array(hidden), offset: new Float32Array(hidden), pre: [{ from: 0, matrix: denseCsr(hidden, dIn) }], skip: [] };
  const model: LayeredModel = {
    form: 'layered',
    config: { S, I: 1, dIn, dOut: 1, rule: 'plain', activation: 'relu', seed: 0 },
    threshold: 0,
    layers: [layer],
    outLayer: Int32Array.of(-1),
    outUnit: Int32Array.of(0),
    outOffset: new Float32Array(1),
  };
  assert.equal(synapseCount(model), hidden * dIn);
});
