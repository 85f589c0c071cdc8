import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const urn = (...args: string[]) => {
  const p = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: p.status, out: p.stdout, err: p.stderr };
};
const lastJson = (s: string) => JSON.parse(s.trim().split('\n').pop()!);

test('CLI end to end: train, analyze, timeline, export, verify, predict, report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-cli-'));
  const run = join(dir, 'run');
  const t = urn('train', '--S', '48', '--I', '3', '--epochs', '12', '--n-train', '600', '--n-test', '300', '--cW', '1e-4', '--cN', '1e-3', '--out', run, '--json');
  assert.equal(t.code, 0, t.err);
  const summary = lastJson(t.out);
  for (const k of ['testAccuracy', 'trainAccuracy', 'activeNeurons', 'backend', 'epochs', 'seconds']) assert.ok(k in summary, k);
  assert.ok(summary.testAccuracy >= 0.9, `test accuracy ${summary.testAccuracy}`);
  assert.equal(summary.epochs, 12);

  const a = urn('analyze', run, '--json', '--gexf', join(dir, 'net.gexf'), '--graphml', join(dir, 'net.graphml'));
  assert.equal(a.code, 0, a.err);
  const report = lastJson(a.out);
  assert.equal(report.layers.livePairsPerIteration.length, 4);
  assert.equal(report.layers.livePairsPerIteration[0] > 0, true);
  assert.ok(existsSync(join(dir, 'net.gexf')));
  assert.match(readFileSync(join(dir, 'net.graphml'), 'utf8'), /<graphml /);
  // Each node carries its unrolled layer, so Gephi or yEd can partition by it.
  assert.match(readFileSync(join(dir, 'net.gexf'), 'utf8'), /<attribute id="[^"]*" title="layer" type="(integer|long|double|float)"/);
  assert.match(readFileSync(join(dir, 'net.graphml'), 'utf8'), /<key [^>]*attr\.name="layer"/);

  const tl = urn('timeline', run, '--json');
  assert.equal(tl.code, 0, tl.err);
  assert.deepEqual(lastJson(tl.out).map((e: { epoch: number }) => e.epoch), [5, 10, 12]);

  const model = join(dir, 'model.urn');
  const e = urn('export', run, '--out', model, '--json');
  assert.equal(e.code, 0, e.err);
  const ex = lastJson(e.out);
  assert.equal(ex.certificate.argmaxAgreement, 1);
  assert.ok(ex.certificate.maxRelError <= 1e-2);
  assert.ok(ex.bytes > 0 && existsSync(model));
  for (const [format, out, file] of [['onnx', 'model.onnx', ''], ['tfjs', 'model-tfjs', 'model.json']]) {
    const f = urn('export', run, '--out', join(dir, out), '--format', format, '--threshold', String(ex.threshold), '--json');
    assert.equal(f.code, 0, f.err);
    assert.deepEqual(lastJson(f.out).certificate, ex.certificate, `${format}: the same threshold gives the same certificate`);
    assert.ok(existsSync(join(dir, out, file)));
  }

  const v = urn('verify', model, '--against', run, '--json');
  assert.equal(v.code, 0, v.err);
  const cert = lastJson(v.out).certificate;
  assert.equal(cert.argmaxAgreement, 1);
  // The same samples and model; the dense side may round differently across kernel paths.
  assert.ok(Math.abs(cert.maxAbsError - ex.certificate.maxAbsError) <= 1e-5 + 1e-3 * ex.certificate.maxAbsError);

  const csv = join(dir, 'in.csv');
  writeFileSync(csv, `${Array.from({ length: 10 }, (_, k) => `f${k}`).join(',')}\n${Array(10).fill('0.1').join(',')}\n${Array(10).fill('0.6').join(',')}\n`);
  const p = urn('predict', model, '--input', csv, '--header', '--json');
  assert.equal(p.code, 0, p.err);
  const pr = lastJson(p.out);
  assert.equal(pr.classes.length, 2);
  assert.equal(pr.logits[0].length, 2);

  const r = urn('report', run, '--json');
  assert.equal(r.code, 0, r.err);
  assert.ok(existsSync(lastJson(r.out).html));
});

test('CLI errors are typed and say what to change', () => {
  const bad = urn('train', '--S', '8', '--I', '2', '--epochs', '1');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /ConfigError: .*dIn \+ dOut \(12\) exceeds S \(8\)/);
  const reduction = urn('train', '--S', '32', '--epochs', '1', '--activity-reduction', 'median');
  assert.equal(reduction.code, 2);
  assert.match(reduction.err, /ConfigError: .*activityReduction must be one of mean, sum, got median/);
  const missing = urn('analyze', '/nonexistent/run');
  assert.equal(missing.code, 6, 'a missing path is a file-system error (see the exit codes)');
  assert.match(missing.err, /FileSystemError/);
  const help = urn('--help');
  assert.equal(help.code, 0);
  for (const c of ['train', 'analyze', 'timeline', 'export', 'verify', 'predict', 'report', 'demo']) assert.match(help.out, new RegExp(`\\b${c}\\b`));
});
