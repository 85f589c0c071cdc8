import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { makeSpheres } from '../../src/data/spheres.js';
import { writeModel } from '../../src/format/file.js';
import { formatReportSummary } from '../../src/report/summary.js';
import { decodePng } from '../../src/report/png/decode.js';
import { writeReport } from '../../src/report/write-report.js';
import { analyzeRun } from '../../src/export/analyze-run.js';
import { toReplay } from '../../src/export/replay.js';
import { verify } from '../../src/export/verify.js';
import { readCheckpoint } from '../../src/run/checkpoint.js';
import { disposeModel } from '../../src/train/model.js';
import { train } from '../../src/train/train.js';
import { noLeak, setupBackend } from '../helpers/backend.js';
import { wellFormed } from './fixtures.js';

const spec = { dataset: 'spheres', d: 4, nTrain: 300, nTest: 100, seed: 1, normalize: 'none' };
const data = makeSpheres({ d: 4, nTrain: 300, nTest: 100, seed: 1 });
let runDir = '';

before(async () => {
  await setupBackend();
  runDir = mkdtempSync(join(tmpdir(), 'urn-report-'));
  const res = await train({ data, config: { S: 32, I: 3 }, options: { epochs: 4, cW: 1e-4, cN: 1e-4, seed: 1 }, outDir: runDir, dataSpec: spec });
  disposeModel(res.model);
  const ck = readCheckpoint(runDir);
  const snap = { config: ck.config, W: ck.W, b: ck.b };
  const model = toReplay(snap, 1e-3);
  model.certificate = await verify(model, snap, data.test, { synthetic: 50, seed: 1 });
  writeModel(join(runDir, 'model.urn'), model);
});

/** Every `src` and `href` of a page, resolved against the page's folder. */
function references(html: string, page: string): string[] {
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => resolve(dirname(page), m[1]));
}

test('writeReport writes a page whose every reference is a local file that exists', async () => {
  const out = join(runDir, 'report');
  const r = await noLeak(() => writeReport(runDir, { data: data.test, sample: 100 }));
  assert.equal(r.html, join(out, 'report.html'));
  const html = readFileSync(r.html, 'utf8');
  const refs = references(html, r.html);
  for (const p of refs) assert.ok(existsSync(p), `missing ${p}`);
  for (const f of r.figures) assert.ok(refs.includes(resolve(f)), `not linked: ${f}`);
  assert.doesNotMatch(html, /(?:src|href)="(?:https?:)?\/\//, 'no network references');
  const names = r.figures.map((f) => f.split('/').pop());
  for (const n of ['activity', 'weights', 'connectome', 'training', 'timeline']) {
    assert.ok(names.includes(`${n}.svg`) && names.includes(`${n}.png`), n);
  }
  for (const f of r.figures.filter((p) => p.endsWith('.svg'))) {
    const svg = readFileSync(f, 'utf8');
    assert.ok(wellFormed(svg), f);
    const w = Number(/width="(\d+)"/.exec(svg)![1]);
    const h = Number(/height="(\d+)"/.exec(svg)![1]);
    const img = decodePng(readFileSync(f.replace(/\.svg$/, '.png')));
    assert.equal(img.width, 2 * w, f);
    assert.equal(img.height, 2 * h, f);
  }
  // Config, final metrics, topology and the certificate are on the page.
  for (const s of ['update rule', 'Final metrics', 'testAccuracy', 'Topology of the emergent network', 'model.urn', 'argmaxAgreement', 'maxAbsError']) {
    assert.ok(html.includes(s), s);
  }
  assert.equal(r.summary.models.length, 1);
  assert.equal(typeof r.summary.models[0].argmaxAgreement, 'number');
  assert.ok(r.summary.network && r.summary.network.widths.length > 0);
  assert.match(formatReportSummary(r.summary), /model file model\.urn: replay/);
  // The structure shown is the certified one, at the threshold of its certificate.
  const f = r.summary.fidelity;
  assert.deepEqual([f.rule, f.pass, f.certificate!.argmaxAgreement, f.certificate!.heldOut], ['verified', true, 1, data.test.n]);
  assert.equal(r.summary.network && formatReportSummary(r.summary).includes(`fidelity   ${f.summary}`), true);
});

test('writeReport rebuilds the data from run.json, and is deterministic', async () => {
  const a = await writeReport(runDir, { out: join(runDir, 'a'), sample: 50 });
  const b = await writeReport(runDir, { out: join(runDir, 'b'), sample: 50 });
  assert.equal(a.summary.activity?.samples, 50);
  assert.equal(a.summary.notes.length, 0);
  for (const f of readdirSync(join(runDir, 'a', 'figures'))) {
    assert.ok(readFileSync(join(runDir, 'a', 'figures', f)).equals(readFileSync(join(runDir, 'b', 'figures', f))), f);
  }
  assert.equal(readFileSync(a.html, 'utf8'), readFileSync(b.html, 'utf8'));
});

test('writeReport measures the activity where urn analyze does (the training split), so both show one structure', async () => {
  const tried: number[] = [];
  const r = await noLeak(() => writeReport(runDir, { out: join(runDir, 'same'), onTrial: (t) => tried.push(t.threshold) }));
  assert.ok(tried.includes(r.summary.fidelity.threshold), 'the search told of each threshold it tried, the one shown among them');
  assert.equal(r.summary.activity?.samples, data.train.n);
  assert.match(r.summary.activity!.source, /^training split of /);
  const a = await analyzeRun(runDir);
  assert.deepEqual(r.summary.network?.widths, a.report.layers.widths);
  assert.equal(r.summary.fidelity.certificate?.heldOut, data.test.n, 'certified on the test split');
});

test('writeReport without data leaves the activity figure out and says why', async () => {
  const r = await writeReport(runDir, { out: join(runDir, 'nodata'), data: null });
  assert.ok(!r.figures.some((f) => f.endsWith('activity.svg')));
  assert.ok(r.figures.some((f) => f.endsWith('weights.svg')));
  assert.equal(r.summary.activity, null);
  assert.deepEqual([r.summary.fidelity.pass, r.summary.fidelity.certificate], [null, null]);
  assert.match(r.summary.fidelity.summary, /^UNVERIFIED: /);
  const html = readFileSync(r.html, 'utf8');
  for (const p of references(html, r.html)) assert.ok(existsSync(p), `missing ${p}`);
});

test('writeReport with data that does not fit the model: not certified, and the notes say why', async () => {
  const wide = makeSpheres({ d: 5, nTrain: 10, nTest: 20, seed: 1 }).test;
  const r = await noLeak(() => writeReport(runDir, { out: join(runDir, 'wide'), data: wide }));
  assert.equal(r.summary.fidelity.pass, null);
  assert.ok(r.summary.notes.some((n) => /^the structure could not be certified /.test(n)), r.summary.notes.join('\n'));
});

test('cleanup', () => rmSync(runDir, { recursive: true, force: true }));
