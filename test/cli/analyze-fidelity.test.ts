import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { analyzeRun } from '../../src/export/analyze-run.js';
import { thresholdCandidates } from '../../src/export/threshold.js';
import { readCheckpoint } from '../../src/run/checkpoint.js';
import { lastJson, oneLineError, urn } from './helpers.js';
import { silenceSpec } from '../../src/cli/parse.js';

const dir = mkdtempSync(join(tmpdir(), 'urn-fidelity-'));
const run = join(dir, 'run');
const FIDELITY_KEYS = ['rule', 'threshold', 'tolerance', 'minAgreement', 'pass', 'certificate', 'summary'];

before(() => {
  const t = urn(['train', '--S', '48', '--I', '3', '--epochs', '12', '--n-train', '600', '--n-test', '300', '--cW', '1e-4', '--cN', '1e-3', '--out', run, '--json']);
  assert.equal(t.code, 0, t.err);
  assert.ok(lastJson(t.out).testAccuracy >= 0.9);
});

describe('analyze and report state the fidelity of the structure they show', () => {
  it('analyze --json: by default the verified threshold, with its certificate, and no warning', () => {
    const a = urn(['analyze', run, '--json']);
    assert.equal(a.code, 0, a.err);
    assert.equal(a.err, '');
    const j = lastJson(a.out);
    assert.deepEqual(Object.keys(j.fidelity).sort(), [...FIDELITY_KEYS].sort());
    const f = j.fidelity;
    assert.deepEqual([f.rule, f.pass, f.certificate.argmaxAgreement, f.certificate.heldOut], ['verified', true, 1, 300]);
    assert.ok(f.certificate.maxRelError <= f.tolerance);
    assert.equal(typeof f.certificate.maxAbsError, 'number');
    assert.equal(j.threshold.value, f.threshold, 'the structure is the one certified');
    const e = urn(['export', run, '--out', join(dir, 'model.urn'), '--json']);
    assert.equal(lastJson(e.out).threshold, f.threshold, 'the threshold urn export --threshold auto picks');
    const table = urn(['analyze', run]);
    assert.match(table.out, /\nfidelity +verified: the structure at threshold .* argmax agreement 100\.00%, max \|Δlogit\| /);
  });

  it('analyze --threshold rel:0.5 warns loudly that the structure flips predictions', () => {
    const a = urn(['analyze', run, '--threshold', 'rel:0.5', '--json']);
    assert.equal(a.code, 0, a.err);
    const f = lastJson(a.out).fidelity;
    assert.deepEqual([f.rule, f.pass], [{ relative: 0.5 }, false]);
    assert.ok(f.certificate.argmaxAgreement < 1);
    assert.match(a.err, /^urn analyze: warning: NOT THE NETWORK'S FUNCTION: the structure at rel:0\.5 \(\|w\| > \S+\) flips \d+\.\d\d% of predictions/);
    const bad = urn(['analyze', run, '--threshold', 'verify']);
    assert.equal(bad.code, 2);
  });

  it('analyzeRun compiles the graph at the certified threshold, and a larger candidate fails', async () => {
    const a = await analyzeRun(run);
    assert.equal(a.fidelity.pass, true);
    assert.equal(a.report.threshold!.value, a.fidelity.threshold);
    const candidates = thresholdCandidates(readCheckpoint(run).W, 64);
    const next = candidates[candidates.indexOf(a.fidelity.threshold) + 1];
    const b = await analyzeRun(run, { threshold: next, activity: false });
    assert.equal(b.fidelity.pass, false);
    assert.equal(b.report.threshold!.value, next);
  });

  it('report --json carries the fidelity; --threshold rel:0.5 is loud there too', () => {
    const r = urn(['report', run, '--out', join(dir, 'report'), '--json']);
    assert.equal(r.code, 0, r.err);
    const s = lastJson(r.out).summary;
    assert.deepEqual(Object.keys(s.fidelity).sort(), [...FIDELITY_KEYS].sort());
    assert.deepEqual([s.fidelity.rule, s.fidelity.pass, s.fidelity.certificate.argmaxAgreement], ['verified', true, 1]);
    assert.match(readFileSync(lastJson(r.out).html, 'utf8'), /<p>Fidelity: verified: the structure at threshold /);
    const bad = urn(['report', run, '--out', join(dir, 'report-bad'), '--threshold', 'rel:0.5']);
    assert.equal(bad.code, 0, bad.err);
    assert.match(bad.err, /urn report: warning: NOT THE NETWORK'S FUNCTION: .* flips /);
    assert.match(bad.out, /\nfidelity +NOT THE NETWORK'S FUNCTION/);
    assert.match(readFileSync(join(dir, 'report-bad', 'report.html'), 'utf8'), /<p class="warn">Fidelity: NOT THE NETWORK'S FUNCTION/);
  });

  it('analyze --silence certifies the structure without those hidden neurons', async () => {
    const all = await analyzeRun(run, { silence: { fromLayer: 1 } });
    const hidden = all.graph!.filterNodes((_k, a) => a.role === 'hidden' && (a.layer as number) >= 1).map(Number).sort((x, y) => x - y);
    assert.ok(hidden.length > 0);
    assert.deepEqual(all.ablation!.neurons, hidden, 'from-layer:1 silences every hidden neuron of the structure');
    assert.equal(all.ablation!.pass, false, 'without its hidden layers the network cannot decide');
    assert.ok(all.ablation!.certificate.argmaxAgreement < 1);
    const none = await analyzeRun(run, { silence: { fromLayer: 99 } });
    assert.deepEqual(none.ablation!.neurons, []);
    assert.deepEqual(none.ablation!.certificate, none.fidelity.certificate, 'silencing nothing is the structure\'s own certificate');
    assert.equal(none.ablation!.pass, true);
    assert.equal((await analyzeRun(run)).ablation, null);
    const table = urn(['analyze', run, '--silence', String(hidden[0])]);
    assert.equal(table.code, 0, table.err);
    assert.match(table.out, new RegExp(`\\nsilenced +neuron ${hidden[0]} silenced: argmax agreement \\d+\\.\\d\\d%, max \\|Δlogit\\| `));
    const input = urn(['analyze', run, '--silence', '0']);
    assert.equal(input.code, 2);
    assert.ok(oneLineError(input.err, 'ConfigError'), input.err);
    assert.match(input.err, /neuron 0 is not a hidden neuron/);
  });

  it('above --max-edges: the same report from the typed arrays, no graph, and a graph export is a typed error', async () => {
    const full = await analyzeRun(run);
    assert.equal(full.graphSkipped, null);
    assert.equal(full.liveEdges, full.graph!.size);
    const bounded = await analyzeRun(run, { maxEdges: full.liveEdges - 1 });
    assert.equal(bounded.graph, null);
    assert.match(bounded.graphSkipped!, new RegExp(`^${full.liveEdges} live edges exceed maxEdges \\(${full.liveEdges - 1}\\)`));
    assert.deepEqual(bounded.report, full.report, 'the report does not depend on whether the graph was built');
    await assert.rejects(analyzeRun(run, { maxEdges: 1, silence: { fromLayer: 2 } }), (e: Error) => e.name === 'GraphBoundError' && /raise --max-edges to \d+/.test(e.message));
    const j = urn(['analyze', run, '--max-edges', '1', '--json']);
    assert.equal(j.code, 0, j.err);
    assert.deepEqual([lastJson(j.out).liveEdges, lastJson(j.out).layers.widths], [full.liveEdges, full.report.layers.widths]);
    assert.match(urn(['analyze', run, '--max-edges', '1']).out, /\ngraph +not built: \d+ live edges exceed maxEdges \(1\)/);
    const gexf = join(dir, 'bounded.gexf');
    const g = urn(['analyze', run, '--max-edges', '1', '--gexf', gexf]);
    assert.equal(g.code, 9);
    assert.ok(oneLineError(g.err, 'GraphBoundError'), g.err);
    assert.throws(() => readFileSync(gexf), /ENOENT/, 'nothing written');
    assert.equal(urn(['analyze', run, '--max-edges', 'many']).code, 2);
  });

  it('--silence parses ids or from-layer:<k> and refuses anything else', () => {
    assert.deepEqual(silenceSpec('24,25'), [24, 25]);
    assert.deepEqual(silenceSpec('from-layer:2'), { fromLayer: 2 });
    for (const bad of ['', 'x', '1,,2', '-1', '2.5', 'from-layer:0', 'from-layer:x']) assert.throws(() => silenceSpec(bad), /expected hidden neuron ids/);
  });
});
