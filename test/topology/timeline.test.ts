import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timelineEntry } from '../../src/topology/timeline.js';
import { appendTimeline, readTimeline, TIMELINE_FILE } from '../../src/run/timeline-file.js';
import { DataFormatError } from '../../src/errors.js';
import { createRng } from '../../src/util/rng.js';
import { mlpSnapshot } from './fixtures.js';
import type { Snapshot } from '../../src/core/snapshot.js';

function denseSnapshot(S: number): Snapshot {
  const rng = createRng(1);
  const W = new Float32Array(S * S);
  for (let k = 0; k < W.length; k++) W[k] = rng.normal() * 0.01 + 1e-6;
  return { config: { S, I: 4, dIn: 10, dOut: 2, rule: 'plain', activation: 'relu', seed: 0 }, W, b: new Float32Array(S) };
}

test('a dense 2000×2000 W hits the bound: counts only, recorded, and cheap', () => {
  const snap = denseSnapshot(2000);
  const t0 = performance.now();
  const e = timelineEntry(snap, { epoch: 0, accuracy: 0.5, threshold: 0, maxEdges: 200_000 });
  const ms = performance.now() - t0;
  assert.equal(e.bounded, true);
  assert.match(e.boundHit!, /4000000 synapses above threshold 0 exceed maxEdges \(200000\)/);
  assert.equal(e.edges, 4_000_000);
  assert.equal(e.activeNeurons, 2000);
  assert.equal(e.layerWidths, null);
  assert.equal(e.iterationWidths, null);
  assert.equal(e.loops, null);
  // building a graphology graph of 4M edges takes ~20 s (DESIGN.md); even a CSR pass would be slower
  assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
});

test('below the bound the entry has the emergent structure', () => {
  const { snap } = mlpSnapshot([10, 6, 4, 2]);
  const e = timelineEntry(snap, { epoch: 3, accuracy: 0.9 });
  assert.deepEqual(e, {
    epoch: 3,
    accuracy: 0.9,
    threshold: { value: 0, rule: 0 },
    activeNeurons: 22,
    edges: 92,
    edgesAboveThreshold: 92,
    layerWidths: [10, 6, 4, 2],
    iterationWidths: [10, 6, 4, 2],
    skips: 0,
    loops: { sccs: 0, selfLoops: 0, backEdges: 0 },
    strictMlp: true,
    agree: true,
    bounded: false,
    boundHit: null,
  });
});

test('append and read round-trip; the writes are atomic and a corrupt file is a DataFormatError', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-timeline-'));
  try {
    const { snap } = mlpSnapshot([4, 3, 2]);
    const entries = [
      timelineEntry(snap, { epoch: 0 }),
      timelineEntry(snap, { epoch: 1, accuracy: 0.75, threshold: { relative: 0.5 } }),
      timelineEntry(denseSnapshot(40), { epoch: 2, maxEdges: 10 }),
    ];
    for (const e of entries) appendTimeline(dir, e);
    assert.deepEqual(readTimeline(dir), entries);
    assert.deepEqual(readTimeline(join(dir, TIMELINE_FILE)), entries);
    assert.deepEqual(readdirSync(dir), [TIMELINE_FILE], 'no temporary files left');
    const bytes = readFileSync(join(dir, TIMELINE_FILE));
    writeFileSync(join(dir, TIMELINE_FILE), bytes.subarray(0, bytes.length - 7));
    assert.throws(() => readTimeline(dir), DataFormatError);
    writeFileSync(join(dir, TIMELINE_FILE), Buffer.from([0x93, 1, 2, 3]));
    assert.throws(() => readTimeline(dir), DataFormatError);
    assert.throws(() => readTimeline(join(dir, 'missing')), DataFormatError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
