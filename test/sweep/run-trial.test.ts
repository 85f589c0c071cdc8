import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandSweep } from '../../src/sweep/trials.js';
import { readAttempts, trialDir, trialState, writeTrialFile } from '../../src/sweep/trial-dir.js';
import { runTrial } from '../../src/sweep/run-trial.js';
import { setupBackend } from '../helpers/backend.js';

test('a trial killed before its first checkpoint starts over, and reports the verified structure', async () => {
  await setupBackend();
  const spec = {
    data: { dataset: 'spheres', d: 10, nTrain: 256, nTest: 128 },
    config: { S: 32, I: 4, rule: 'plain', activation: 'relu' },
    options: { epochs: 3, batchSize: 32, lr: 3e-3, cN: 1e-4, checkpointEvery: 0, timelineEvery: 0 },
    seeds: [1],
    backend: 'cpu',
  };
  const [trial] = expandSweep(spec).trials;
  const dir = trialDir(mkdtempSync(join(tmpdir(), 'urn-trial-')), trial.id);
  writeTrialFile(dir, trial);
  // What a process killed in its first epoch leaves: the run's record and a metrics line, no checkpoint.
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ config: trial.config, options: trial.options, data: trial.data, backend: 'cpu', resumes: [] }));
  appendFileSync(join(dir, 'metrics.jsonl'), `${JSON.stringify({ epoch: 1, loss: 1 })}\n`);
  assert.equal(trialState(dir), 'new');
  const r = await runTrial(dir);
  assert.equal(r.epochs, 3);
  assert.equal(trialState(dir), 'done');
  assert.deepEqual(readAttempts(dir).map((a) => a.event), ['start', 'done']);
  assert.ok(r.structure, 'the result carries the structure certificate');
  assert.ok(r.structure.threshold >= 0);
  assert.equal(typeof r.structure.verified, 'boolean', 'certified on the held-out data');
  assert.ok(r.layerWidths && r.layerWidths[0] > 0, 'layers at the verified threshold');
});
