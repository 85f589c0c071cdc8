import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSweepReport } from '../../src/report/sweep-report.js';
import { decodePng } from '../../src/report/png/decode.js';
import { expandSweep } from '../../src/sweep/trials.js';
import { validateSweepSpec } from '../../src/sweep/spec.js';
import { SWEEP_FILE } from '../../src/sweep/sweep.js';
import { trialDir, writeTrialResult, type TrialResult } from '../../src/sweep/trial-dir.js';
import { DataFormatError } from '../../src/errors.js';
import { wellFormed } from './fixtures.js';

/** A sweep directory with made-up results (no training): 3 points × 3 seeds, one trial unfinished. */
function fakeSweep(): string {
  const dir = mkdtempSync(join(tmpdir(), 'urn-sweep-report-'));
  const spec = validateSweepSpec({ name: 'cn', config: { S: 32, I: 4 }, grid: { 'options.cN': [1e-5, 2e-5, 4e-5] }, seeds: 3 });
  const ex = expandSweep(spec);
  writeFileSync(join(dir, SWEEP_FILE), JSON.stringify({ id: ex.id, name: ex.name, spec, points: ex.points, trials: ex.trials }));
  ex.trials.forEach((t, k) => {
    if (k === 8) return;
    const r: TrialResult = {
      id: t.id, point: t.point, seed: t.seed, testAccuracy: 0.9 + 0.01 * t.seed - 0.02 * t.point, trainAccuracy: 1, activeNeurons: 20 - 3 * t.point + t.seed,
      neurons: 32, epochs: 5, layerWidths: [10, 8 - t.point, 2, 2], hiddenWidths: [8 - t.point, 2], strictMlp: t.seed !== 2, wallSeconds: 10 + t.seed, checkpoint: '', backend: 'cpu',
    };
    mkdirSync(trialDir(dir, t.id), { recursive: true });
    writeTrialResult(trialDir(dir, t.id), r);
  });
  return dir;
}

test('sweep report: aggregate JSON and a figure of each metric against the swept parameter, with error bars', () => {
  const dir = fakeSweep();
  const r = writeSweepReport(dir);
  assert.equal(r.finished, 8);
  assert.equal(r.total, 9);
  assert.deepEqual(r.aggregate.map((a) => a.trials), [3, 3, 2]);
  assert.deepEqual(r.aggregate[0].activeNeurons, { mean: 22, std: 1, n: 3 });
  assert.deepEqual(r.aggregate[1].hiddenWidths.map((w) => w.mean), [7, 2]);
  assert.equal(r.aggregate[0].strictMlpShare, 2 / 3);
  const json = JSON.parse(readFileSync(r.json, 'utf8'));
  assert.equal(json.results.length, 8);
  assert.deepEqual(json.aggregate, JSON.parse(JSON.stringify(r.aggregate)));
  const svg = readFileSync(r.figure.svg, 'utf8');
  assert.ok(wellFormed(svg));
  for (const label of ['cN=0.00001', 'cN=0.00002', 'cN=0.00004', 'options.cN', 'hidden layer 2 width']) assert.ok(svg.includes(label), label);
  // Error bars: a vertical stroke with caps for every point with a spread.
  assert.ok((svg.match(/<path d="M[\d.]+ [\d.]+ V[\d.]+ M/g) ?? []).length >= 9);
  const png = decodePng(readFileSync(r.figure.png));
  assert.ok(png.width > 600 && png.height > 300);
});

test('sweep report on a folder that is not a sweep throws DataFormatError', () => {
  assert.throws(() => writeSweepReport(mkdtempSync(join(tmpdir(), 'urn-not-sweep-'))), DataFormatError);
});
