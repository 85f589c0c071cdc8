import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../bench/seed-odds.js';
import { choose, subsetShare } from '../../bench/lib/subsets.js';
import { fig3Met, fig4Met, fiveSeedOdds } from '../../bench/lib/spheres-figure.js';
import { ConfigError } from '../../src/errors.js';

test('subsetShare visits every k-subset once, in order, and counts those that pass', () => {
  const seen: string[] = [];
  const r = subsetShare([1, 2, 3, 4, 5, 6, 7], 3, (s) => (seen.push(s.join(',')), s[0] + s[1] + s[2] >= 15));
  assert.equal(seen.length, 35);
  assert.equal(new Set(seen).size, 35);
  assert.deepEqual([seen[0], seen[1], seen[34]], ['1,2,3', '1,2,4', '5,6,7']);
  // The triples of 1..7 summing to at least 15, counted independently of subsetShare's order.
  const brute = seen.filter((s) => s.split(',').map(Number).reduce((a, b) => a + b) >= 15).length;
  assert.equal(r.passing, brute);
  assert.deepEqual({ k: r.k, n: r.n, subsets: r.subsets }, { k: 3, n: 7, subsets: 35 });
  assert.equal(r.share, brute / 35);
  assert.deepEqual([choose(20, 5), choose(10, 5), choose(5, 5), choose(4, 5), choose(40, 5)], [15504, 252, 1, 0, 658008]);
  assert.equal(subsetShare(['a'], 1, () => true).share, 1);
  assert.throws(() => subsetShare([1, 2], 3, () => true), ConfigError);
  assert.throws(() => subsetShare([1, 2], 0, () => true), ConfigError);
  assert.throws(() => subsetShare(Array.from({ length: 200 }, (_, i) => i), 5, () => true), (e: unknown) => e instanceof ConfigError && /over 2000000/.test(e.message));
});

/** A fig3 results file: every trial at the paper's mean widths (115 / 4 / 3, 122 active) unless given. */
const fig3 = (trials: { seed: number; testAccuracy?: number; widths?: number[] }[]) => ({
  command: 'npm run bench -- fig3',
  within: {},
  trials: trials.map(({ seed, testAccuracy = 1, widths = [115, 4, 3] }) => ({
    seed,
    testAccuracy,
    active: widths.reduce((a, b) => a + b),
    widths,
    tiedSamples: 0,
    verified: { layerWidths: [10, ...widths, 2] },
  })),
});
/** A fig4 results file: the certified layers per seed, and with `first` the layers by first activity. */
const fig4 = (layers: number[], first?: number[]) => ({
  command: 'npm run bench -- fig4',
  oneHiddenLayer: 0,
  trials: layers.map((hiddenLayers, k) => ({
    seed: k + 1,
    hiddenLayers,
    ...(first ? { activeByFirstIteration: [60, ...Array.from({ length: 3 }, (_, l) => (l + 1 < first[k] ? 1 : 0))] } : {}),
  })),
});

test('bench seed-odds: the share of 5-seed subsets meeting each figure, and both on the same seeds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-odds-'));
  const put = (name: string, body: unknown) => (writeFileSync(join(dir, name), JSON.stringify(body)), join(dir, name));
  try {
    // Fig. 3: six seeds at the paper's counts; seed 6 (a) or seed 4 (b) ends at 99.9%, so only the 5 others pass.
    const a = put('a.json', fig3([1, 2, 3, 4, 5, 6].map((seed) => ({ seed, testAccuracy: seed === 6 ? 0.999 : 1 }))));
    const b = put('b.json', fig3([1, 2, 3, 4, 5, 6].map((seed) => ({ seed, testAccuracy: seed === 4 ? 0.999 : 1 }))));
    // Fig. 4: seeds 4 and 5 have two layers, so a subset passes (4 of 5) only without one of them.
    const c = put('c.json', fig4([1, 1, 1, 2, 2, 1]));
    const results = join(dir, 'odds.json');
    const body = (await run(['--fig3', `${a},${b}`, '--fig4', `${c},${c}`, '--results', results])) as {
      fig3: { all: { firstActive: { share: number; subsets: number } }; each: { active: number; widths: number[]; allPerfect: number } }[];
      fig4: { share: number; passing: number; firstActive: unknown }[];
      both: { share: number; passing: number; seeds: number[]; firstActive: unknown }[];
    };
    assert.deepEqual(body.fig3.map((r) => [r.all.firstActive.subsets, r.all.firstActive.share]), [[6, 1 / 6], [6, 1 / 6]]);
    assert.deepEqual(body.fig3[0].each, { active: 1, widths: [1, 1, 1], allPerfect: 1 / 6, noTies: 1 });
    assert.deepEqual(body.fig4.map((r) => r.passing), [2, 2]);
    // Joined by seed, not multiplied: (a) passes only without seed 6, where Fig. 4 has both
    // two-layer seeds; (b) only without seed 4, where Fig. 4 passes.
    assert.deepEqual(body.both.map((r) => r.passing), [0, 1]);
    assert.deepEqual(body.both[1].seeds, [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(JSON.parse(readFileSync(results, 'utf8')).both, body.both);
    // Files without the first-activity widths have no first-activity share.
    assert.deepEqual([body.fig4[0].firstActive, body.both[0].firstActive], [null, null]);

    // Counted by first activity, only seed 5 has a second layer: every subset passes Fig. 4 (at
    // most one such seed in 5), against 2 of 6 certified. With (a), which passes only without
    // seed 6, the joint fails certified (seeds 4 and 5 both in) and passes by first activity.
    const e = put('e.json', fig4([1, 1, 1, 2, 2, 1], [1, 1, 1, 1, 2, 1]));
    const first = (await run(['--fig3', a, '--fig4', e, '--results', results])) as {
      fig4: { passing: number; firstActive: { passing: number } | null }[];
      both: { passing: number; firstActive: { passing: number } | null }[];
    };
    assert.deepEqual([first.fig4[0].passing, first.fig4[0].firstActive?.passing], [2, 6]);
    assert.deepEqual([first.both[0].passing, first.both[0].firstActive?.passing], [0, 1]);

    // A layer outside its bar in some trials: the subsets whose mean drifts out fail that target.
    const d = put('d.json', fig3([1, 2, 3, 4, 5, 6].map((seed) => ({ seed, widths: seed <= 2 ? [115, 4, 0] : [115, 4, 3] }))));
    const wide = (await run(['--fig3', d, '--results', results])) as { fig3: { each: { widths: number[] } }[] };
    // Layer 3's mean is within 0.7 of 3 only with at most one of seeds 1, 2: 2 of the 6 subsets.
    assert.deepEqual(wide.fig3[0].each.widths, [1, 1, 2 / 6]);

    // Bad input: one-line ConfigErrors that say what to pass.
    await assert.rejects(run(['--results', results]), (e: unknown) => e instanceof ConfigError && /pass --fig3/.test(e.message));
    await assert.rejects(run(['--fig3', `${a},${b}`, '--fig4', c, '--results', results]), (e: unknown) => e instanceof ConfigError && /2 --fig3 files against 1 --fig4/.test(e.message));
    await assert.rejects(run(['--fig3', join(dir, 'none.json'), '--results', results]), (e: unknown) => e instanceof ConfigError && /^--fig3 .*none\.json: cannot read/.test(e.message));
    await assert.rejects(run(['--fig3', a, '--k', '7', '--results', results]), (e: unknown) => e instanceof ConfigError && /k must be an integer in 1\.\.6/.test(e.message));
    // Pools of other seeds: nothing to pair, said in one line.
    const other = put('other.json', { ...fig4([1, 1, 1, 1, 1]), trials: fig4([1, 1, 1, 1, 1]).trials.map((t) => ({ ...t, seed: t.seed + 10 })) });
    await assert.rejects(run(['--fig3', a, '--fig4', other, '--results', results]), (e: unknown) => e instanceof ConfigError && /share 0 seeds, fewer than --k 5/.test(e.message));
    const few = put('few.json', fig4([1, 1]));
    await assert.rejects(run(['--fig3', a, '--fig4', few, '--results', results]), (e: unknown) => e instanceof ConfigError && /k must be an integer in 1\.\.2/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bench seed-odds --held-out: each trial weighed by its held-out chance of a clean 100%, 0 where it ties', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-odds-'));
  const put = (name: string, body: unknown) => (writeFileSync(join(dir, name), JSON.stringify(body)), join(dir, name));
  try {
    // Six seeds; seeds 1-2 have a third layer of 0, so a subset's counts hold only with at most one of them.
    const a = put('a.json', fig3([1, 2, 3, 4, 5, 6].map((seed) => ({ seed, widths: seed <= 2 ? [115, 4, 0] : [115, 4, 3] }))));
    const chance = [0.9, 0.5, 1, 0.8, 0.7, 0.6];
    const trial = (seed: number) => ({ seed, pClean: chance[seed - 1], heldOut: { tiedSamples: seed === 6 ? 4 : 0 } });
    const held = put('held.json', { command: 'npm run bench -- test-odds', sweeps: [{ trials: [1, 2, 3].map(trial) }, { trials: [4, 5, 6].map(trial) }] });
    const c = put('c.json', fig4([1, 1, 1, 2, 1, 1]));
    const results = join(dir, 'odds.json');
    const body = (await run(['--fig3', a, '--fig4', c, '--held-out', held, '--results', results])) as {
      fig3: { heldOut: { allClean: number; all: number } }[];
      both: { heldOut: number }[];
    };
    // Brute force over the 6 five-seed subsets (each leaves one seed out); seed 6 ties: its chance is 0.
    const p = [0.9, 0.5, 1, 0.8, 0.7, 0];
    const without = (out: number) => p.reduce((a, x, i) => (i === out ? a : a * x), 1);
    const allClean = [0, 1, 2, 3, 4, 5].reduce((a, out) => a + without(out), 0) / 6;
    // Counts hold only when seed 1 or seed 2 is the one left out. Fig. 4 has one two-layer seed (4), so every subset passes it.
    const all = (without(0) + without(1)) / 6;
    assert.ok(Math.abs(body.fig3[0].heldOut.allClean - allClean) < 1e-12, `${body.fig3[0].heldOut.allClean} against ${allClean}`);
    assert.ok(Math.abs(body.fig3[0].heldOut.all - all) < 1e-12);
    assert.ok(Math.abs(body.both[0].heldOut - all) < 1e-12, 'Fig. 4 passes every subset here, so the joint is Fig. 3\'s');
    const c2 = put('c2.json', fig4([1, 2, 1, 2, 1, 1])); // seeds 2 and 4 have two layers: leaving 1 out keeps both
    const joint = (await run(['--fig3', a, '--fig4', c2, '--held-out', held, '--results', results])) as { both: { heldOut: number }[] };
    assert.ok(Math.abs(joint.both[0].heldOut - without(1) / 6) < 1e-12, 'only the subset without seed 2 meets both');

    const short = put('short.json', { command: 'npm run bench -- test-odds', sweeps: [{ trials: [1, 2, 3].map(trial) }] });
    await assert.rejects(run(['--fig3', a, '--held-out', short, '--results', results]), (e: unknown) => e instanceof ConfigError && /has no trial of seed 4/.test(e.message));
    const twice = put('twice.json', { command: 'npm run bench -- test-odds', sweeps: [{ trials: [1, 1].map(trial) }] });
    await assert.rejects(run(['--fig3', a, '--held-out', twice, '--results', results]), (e: unknown) => e instanceof ConfigError && /seed 1 twice/.test(e.message));
    await assert.rejects(run(['--fig3', `${a},${a}`, '--held-out', held, '--results', results]), (e: unknown) => e instanceof ConfigError && /1 --held-out files against 2 --fig3/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fiveSeedOdds: what bench fig3 and fig4 print for a pool of more than 5 seeds, and null for 5 or fewer', () => {
  const f3 = fig3([1, 2, 3, 4, 5, 6].map((seed) => ({ seed, testAccuracy: seed === 6 ? 0.999 : 1 }))).trials;
  assert.equal(fiveSeedOdds(f3.slice(0, 5), (s) => fig3Met(s, 'firstActive')), null);
  assert.deepEqual(fiveSeedOdds(f3, (s) => fig3Met(s, 'firstActive')), { k: 5, n: 6, subsets: 6, passing: 1, share: 1 / 6 });
  // The certified count fails a subset with a trial that has no certified structure.
  const uncertified = f3.map((t, i) => (i === 0 ? { ...t, verified: null } : t));
  assert.equal(fiveSeedOdds(uncertified, (s) => fig3Met(s, 'certified'))!.passing, 0);
  assert.equal(fiveSeedOdds(uncertified, (s) => fig3Met(s, 'firstActive'))!.passing, 1);
  const f4 = fig4([1, 1, 1, 2, 2, 1]).trials;
  assert.equal(fig4Met(f4.slice(0, 5)), false);
  assert.deepEqual(fiveSeedOdds(f4, fig4Met), { k: 5, n: 6, subsets: 6, passing: 2, share: 2 / 6 });
});
