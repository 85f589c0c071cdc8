import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { train } from '../../src/train/train.js';
import { disposeModel } from '../../src/train/model.js';
import { loadRun } from '../../src/train/load-run.js';
import { CHECKPOINT_FILE, readCheckpoint, writeCheckpoint } from '../../src/run/checkpoint.js';
import { makeSpheres } from '../../src/data/spheres.js';
import { noLeak, setupBackend } from '../helpers/backend.js';
import { lastJson, urn } from './helpers.js';

before(setupBackend);
const tmp = () => mkdtempSync(join(tmpdir(), 'urn-analyze-'));

describe('an analysis without activity says so', () => {
  it('warns on stderr and reports activity none for a run without a dataset spec', async () => {
    const out = join(tmp(), 'run');
    await noLeak(async () => {
      const r = await train({
        data: makeSpheres({ d: 10, nTrain: 200, nTest: 50, seed: 1 }),
        config: { S: 24, I: 3, seed: 1 },
        options: { epochs: 1, batchSize: 32, seed: 1 },
        outDir: out,
      });
      disposeModel(r.model);
    });
    const loaded = await loadRun(out, { activity: true });
    assert.equal(loaded.activity, 'none');
    assert.ok(loaded.warning);
    const a = urn(['analyze', out, '--json']);
    assert.equal(a.code, 0, a.err);
    // Two loud lines: no activity, and a structure that nothing certified (no data to certify on).
    const lines = a.err.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.ok(lines.every((l) => l.startsWith('urn analyze: warning: ')));
    assert.match(lines[1], /UNVERIFIED: there is no data to certify on/);
    const j = lastJson(a.out);
    assert.equal(j.activity, 'none');
    assert.equal(typeof j.warning, 'string');
    assert.deepEqual([j.fidelity.pass, j.fidelity.certificate], [null, null]);
    const quiet = urn(['analyze', out, '--json', '--no-activity']);
    assert.deepEqual(quiet.err.trim().split('\n').map((l) => /UNVERIFIED/.test(l)), [true]);
    assert.deepEqual([lastJson(quiet.out).activity, lastJson(quiet.out).warning], ['none', null]);
    const rep = urn(['report', out, '--out', join(tmp(), 'report'), '--json']);
    assert.equal(rep.code, 0, rep.err);
    assert.match(rep.err, /^urn report: warning: /);
    assert.match(rep.err, /\nurn report: warning: UNVERIFIED: /);
    assert.equal(typeof lastJson(rep.out).summary.warning, 'string');
    assert.equal(lastJson(rep.out).summary.fidelity.pass, null);
  });

  it('bench paper-spheres records its dataset spec, so analyze measures activity', () => {
    const out = join(tmp(), 'bench');
    const b = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'paper-spheres', '--S', '24', '--epochs', '1', '--probe-steps', '0', '--out', out, '--json'], { encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    const spec = readCheckpoint(out).train.data as { dataset?: string; seed?: number };
    assert.deepEqual([spec.dataset, spec.seed], ['spheres', 1]);
    const a = urn(['analyze', out, '--json']);
    assert.equal(a.code, 0, a.err);
    assert.deepEqual([lastJson(a.out).activity, lastJson(a.out).warning], ['measured', null]);
    const e = urn(['export', out, '--out', join(out, 'model.urn'), '--force', '--json']);
    assert.equal(e.code, 0, e.err);
    assert.ok(lastJson(e.out).certificate.samples > 0);
  });
});

describe('a dead output is named', () => {
  it('warns that its class wins only by ties, and lists it in --json', () => {
    const out = join(tmp(), 'run');
    const t = urn(['train', '--S', '30', '--I', '3', '--epochs', '1', '--n-train', '200', '--n-test', '50', '--out', out, '--json']);
    assert.equal(t.code, 0, t.err);
    const healthy = urn(['analyze', out, '--json']);
    assert.doesNotMatch(healthy.err, /reads 0 on every training sample/);
    assert.deepEqual(lastJson(healthy.out).deadOutputs, []);
    // Silence output 0 (neuron S − dOut): no inputs and a negative bias, so relu keeps it at 0.
    const ck = readCheckpoint(out);
    const { S, dOut } = ck.config;
    const o = S - dOut;
    for (let j = 0; j < S; j++) ck.W[o * S + j] = 0;
    ck.b[o] = -1;
    writeCheckpoint(join(out, CHECKPOINT_FILE), ck);
    const a = urn(['analyze', out, '--json']);
    assert.equal(a.code, 0, a.err);
    assert.match(a.err, /urn analyze: warning: output 0 reads 0 on every training sample: .*logits tie/);
    assert.deepEqual(lastJson(a.out).deadOutputs, [0]);
  });
});
