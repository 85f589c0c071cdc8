import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as fig6 } from '../../bench/fig6-fmnist.js';
import { IDX_DIR } from '../data/fixtures.js';

type Arm = { testAccuracy: number; trainAccuracy: number | null } | null;
type Body = { seeds: { withCsyn: Arm; withoutCsyn: Arm; upliftPoints: number | null; data: { seed: number } }[]; acrossSeeds: { upliftPoints: { mean: number; n: number }; upliftPositive: number } };

test('bench fig6-fmnist --seeds runs a pair per seed, summarises them across seeds, and reuses finished arms', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-fig6-'));
  const args = ['--data-dir', IDX_DIR, '--grid', '4,4,2', '--n-train', '20', '--n-test', '10', '--epochs', '2', '--seeds', '1,2', '--out', join(dir, 'runs'), '--results', join(dir, 'new', 'results')];
  try {
    const a = (await fig6(args)) as unknown as Body;
    assert.deepEqual(a.seeds.map((p) => p.data.seed), [1, 2]);
    assert.ok(existsSync(join(dir, 'new', 'results', 'fig6-fmnist-4x4x2-seeds.json')), 'named by the grid, in a --results folder made for it');
    assert.ok(existsSync(join(dir, 'runs', 'seed-1', 'fig6-fmnist-4x4x2-with-csyn.png')), 'figures in each seed\'s folder');
    const uplifts = a.seeds.map((p) => 100 * (p.withCsyn!.testAccuracy - p.withoutCsyn!.testAccuracy));
    assert.deepEqual(a.seeds.map((p) => p.upliftPoints), uplifts);
    assert.equal(a.acrossSeeds.upliftPoints.n, 2);
    assert.ok(Math.abs(a.acrossSeeds.upliftPoints.mean - (uplifts[0] + uplifts[1]) / 2) < 1e-9);
    assert.equal(a.acrossSeeds.upliftPositive, uplifts.filter((u) => u > 0).length);
    const ck = join(dir, 'runs', 'seed-2', 'without-csyn', 'checkpoint.msgpack');
    const before = statSync(ck).mtimeMs;
    const b = (await fig6(args)) as unknown as Body;
    assert.equal(statSync(ck).mtimeMs, before, 'a finished arm is not trained again');
    assert.deepEqual(b.seeds.map((p) => [p.withCsyn!.testAccuracy, p.withoutCsyn!.testAccuracy]), a.seeds.map((p) => [p.withCsyn!.testAccuracy, p.withoutCsyn!.testAccuracy]));
    // --add-to pools new seeds with an earlier -seeds.json, and refuses anything but new seeds.
    const earlier = join(dir, 'new', 'results', 'fig6-fmnist-4x4x2-seeds.json');
    const base = args.slice(0, args.indexOf('--seeds'));
    const before2 = (JSON.parse(readFileSync(earlier, 'utf8')) as Body).seeds;
    const added = (await fig6([...base, '--seeds', '3', '--add-to', earlier, '--out', join(dir, 'runs'), '--results', join(dir, 'added')])) as unknown as Body & { earlierCommands: string[] };
    assert.deepEqual(added.seeds.map((p) => p.data.seed), [1, 2, 3]);
    assert.deepEqual(added.seeds.slice(0, 2), before2, 'the earlier pairs as they were');
    const all = added.seeds.map((p) => p.upliftPoints!);
    assert.equal(added.acrossSeeds.upliftPoints.n, 3);
    assert.ok(Math.abs(added.acrossSeeds.upliftPoints.mean - (all[0] + all[1] + all[2]) / 3) < 1e-9);
    assert.match(added.earlierCommands[0], /--seeds 1,2/);
    assert.ok(existsSync(join(dir, 'added', 'fig6-fmnist-4x4x2-seeds.json')));
    await assert.rejects(fig6([...base, '--seeds', '2', '--add-to', earlier, '--out', join(dir, 'runs')]), { name: 'ConfigError', message: /seed 2 is already in it/ });
    await assert.rejects(fig6([...base, '--lr', '3e-3', '--seeds', '4', '--add-to', earlier, '--out', join(dir, 'runs')]), { name: 'ConfigError', message: /its lr differ/ });
    await assert.rejects(fig6([...base, '--seeds', '4', '--add-to', join(dir, 'runs', 'seed-1', 'fig6-fmnist-4x4x2-with-csyn.png'), '--out', join(dir, 'runs')]), { name: 'ConfigError', message: /cannot read it as JSON/ });
    const c = (await fig6([...args.slice(0, -4), '--lr', '3e-3', '--out', join(dir, 'runs'), '--results', dir])) as unknown as Body;
    const afterLr = statSync(ck).mtimeMs;
    assert.notEqual(afterLr, before, 'other options train again');
    assert.equal(c.seeds.length, 2);
    await fig6([...args.slice(0, -4).map((v) => (v === '20' ? '16' : v)), '--lr', '3e-3', '--out', join(dir, 'runs'), '--results', dir]);
    assert.notEqual(statSync(ck).mtimeMs, afterLr, 'other data (--n-train 16) trains again');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
