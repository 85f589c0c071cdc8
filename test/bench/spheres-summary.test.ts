import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveByFirstActive, summariseSpheresRun, verifiedFidelity, widthsByFirstActive } from '../../bench/lib/spheres-summary.js';
import { structureFidelity } from '../../src/export/fidelity.js';
import { TRIAL_FILES } from '../../src/sweep/trial-dir.js';
import { resolveConfig } from '../../src/core/config.js';
import { loadRun } from '../../src/train/load-run.js';
import { analyze, compile, pruneSnapshot, COMPILE_DEFAULTS } from '../../src/topology/index.js';
import { urn } from '../cli/helpers.js';

test('liveByFirstActive: each iteration\'s live hidden neurons by the iteration they first fired; the diagonal is the paper\'s layers', () => {
  const cfg = resolveConfig({ S: 8, I: 3, dIn: 2, dOut: 1 });
  const maxAbs = new Float32Array((cfg.I + 1) * cfg.S);
  const live = (i: number, ...ls: number[]) => ls.forEach((l) => (maxAbs[l * cfg.S + i] = 0.5));
  live(0, 0, 1, 2, 3); // an input, live at every iteration: not a hidden neuron
  live(2, 1, 2, 3); // fires at t = 1 and again at 2 and 3
  live(3, 1); // layer 1 only
  live(4, 2, 3); // first at t = 2, again at 3
  live(5, 3); // new at t = 3
  live(7, 1, 2, 3); // the output: not counted
  // neuron 6 never fires
  assert.deepEqual(liveByFirstActive({ maxAbs }, cfg), [[2], [1, 1], [1, 1, 1]]);
  assert.deepEqual(widthsByFirstActive({ maxAbs }, cfg), [2, 1, 1]);
});

test('a trial stopped after one epoch (a near-dense W, past compile\'s graph bound) is summarised, from the typed arrays', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'urn-summary-')), 'run');
  const t = urn(['train', '--S', '480', '--I', '3', '--epochs', '1', '--n-train', '300', '--n-test', '100', '--out', dir, '--json']);
  assert.equal(t.code, 0, t.err);
  const s = await summariseSpheresRun(dir);
  const { snapshot } = await loadRun(dir, { activity: true });
  const p = pruneSnapshot(snapshot, { ...COMPILE_DEFAULTS, threshold: 0 });
  assert.ok(p.liveEdgeCount > COMPILE_DEFAULTS.maxEdges, `${p.liveEdgeCount} live edges: past the bound, or this test tests nothing`);
  const rep = analyze(compile(snapshot, { threshold: 0, maxEdges: p.liveEdgeCount }));
  assert.deepEqual(s.exact.layerWidths, rep.layers.widths, 'the same layers the graph gives');
  assert.deepEqual(s.exact.livePerIteration, rep.layers.livePairsPerIteration);
});

test('the summary certifies the threshold its trial verified once, and searches again only without one or when it fails', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'urn-summary-')), 'run');
  const t = urn(['train', '--S', '60', '--I', '3', '--epochs', '3', '--n-train', '200', '--n-test', '100', '--out', dir, '--json']);
  assert.equal(t.code, 0, t.err);
  const { snapshot, data } = await loadRun(dir, { activity: false, data: true });
  const searched = await structureFidelity(snapshot, data!.test);
  assert.equal(searched.pass, true);
  assert.deepEqual(await verifiedFidelity(dir, snapshot, data!.test), searched, 'no result.json: the search');
  const known = (threshold: number) => writeFileSync(join(dir, TRIAL_FILES.result), JSON.stringify({ structure: { threshold, verified: true, argmaxAgreement: 1, maxAbsError: 0 } }));
  known(searched.threshold);
  const reused = await verifiedFidelity(dir, snapshot, data!.test);
  assert.equal(reused.rule, searched.threshold, 'certified at the known threshold, not searched');
  assert.equal(reused.threshold, searched.threshold);
  assert.deepEqual(reused.certificate, searched.certificate, 'the same certificate the search gave there');
  known(1e9); // prunes every synapse: no longer the network's function
  assert.deepEqual(await verifiedFidelity(dir, snapshot, data!.test), searched, 'a known threshold that fails: the search again');
});
