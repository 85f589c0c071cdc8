import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function urn(...args: string[]): { code: number | null; out: string; err: string } {
  const p = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: p.status, out: p.stdout, err: p.stderr };
}

test('urn isotropic: train, resize (grow exact, prune measured), adapt, export certified', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-iso-'));
  try {
    const f = (n: string) => join(dir, n);
    const data = ['--dataset', 'spheres'];
    let r = urn('isotropic', 'train', ...data, '--widths', '10,8,8,2', '--epochs', '1', '--batch', '64', '--lr', '0.01', '--out', f('a.iso'), '--json');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out).widths, [10, 8, 8, 2]);
    r = urn('isotropic', 'resize', f('a.iso'), '--delta', '3', '--out', f('b.iso'), ...data, '--json');
    assert.equal(r.code, 0, r.err);
    const grown = JSON.parse(r.out);
    assert.deepEqual(grown.widths, [10, 8, 11, 2]);
    assert.ok(grown.maxAbs < 1e-4 && grown.accuracyAfter === grown.accuracyBefore);
    r = urn('isotropic', 'adapt', f('b.iso'), '--layer', '1', '--scaffold', '2', '--out', f('c.iso'), '--json');
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).delta, -1);
    r = urn('isotropic', 'export', f('b.iso'), '--against', f('a.iso'), ...data, '--synthetic', '50', '--out', f('b.urn'), '--json');
    assert.equal(r.code, 0, r.err);
    const ex = JSON.parse(r.out);
    assert.ok(ex.nonzero < ex.dense && ex.certificate.argmaxAgreement === 1);
    r = urn('isotropic', 'resize', f('a.iso'), '--delta', '-1', '--layer', '2', '--out', f('x.iso'));
    assert.notEqual(r.code, 0);
    assert.match(r.err, /ConfigError/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
