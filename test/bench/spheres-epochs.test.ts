import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../bench/spheres-epochs.js';
import { fig4Target } from '../../bench/lib/spheres-figure.js';
import { decodePng } from '../../src/report/png/decode.js';
import { ConfigError } from '../../src/errors.js';

const settings = (epochs: number) => ({ S: 5000, I: 4, epochs, nTrain: 4000, radii: [1, 1.75], rule: 'plain', backends: ['wasm'] });
const reading = { batchSize: 64, activityReduction: 'sum' };
// `certified`: the hidden widths of the certified structure (default: the same as `widths`).
const fig3 = (epochs: number, actives: number[], widths: number[][], accuracy = 1, certified = widths) => ({
  settings: settings(epochs),
  reading,
  trials: actives.map((active, k) => ({ seed: k + 1, testAccuracy: accuracy, active, widths: widths[k], tiedSamples: 0, verified: { layerWidths: [10, ...certified[k], 2] } })),
});
const fig4 = (epochs: number, layers: number[]) => ({
  settings: { ...settings(epochs), rule: 'residual-output' },
  reading,
  trials: layers.map((hiddenLayers, k) => ({ seed: k + 1, testAccuracy: 1, hiddenLayers, tiedSamples: 0 })),
});

/** Run `fn` in a fresh temporary directory, with `put` writing a JSON file there; removed after. */
async function inTempDir(fn: (dir: string, put: (name: string, body: unknown) => string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'urn-epochs-'));
  const put = (name: string, body: unknown) => {
    writeFileSync(join(dir, name), JSON.stringify(body));
    return join(dir, name);
  };
  try {
    await fn(dir, put);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('bench spheres-epochs tabulates both figures by epochs, recomputes the targets from the trials, and draws them', async () => {
  await inTempDir(async (dir, put) => {
    // 200: layer 1 too wide (131 > 115 + 15) by first activity, in its bar in the certified structure;
    // 260: every count in its bar; 400: all in, but a seed at 99%.
    const a = put('a.json', fig3(200, [136, 136], [[131, 3, 3], [131, 5, 3]], 1, [[114, 3, 3], [116, 5, 3]]));
    const b = put('b.json', fig3(260, [120, 124], [[114, 3, 3], [116, 5, 3]]));
    const c = put('c.json', fig3(400, [120, 124], [[114, 3, 3], [116, 5, 3]], 0.99));
    const d = put('d.json', fig4(200, [1, 1]));
    const e = put('e.json', fig4(260, [1, 1]));
    const f = put('f.json', fig4(400, [1, 1]));
    // 300: as 260, but one trial has no certified structure: the certified count cannot be met.
    const g300 = fig3(300, [120, 124], [[114, 3, 3], [116, 5, 3]]);
    g300.trials[1] = { ...g300.trials[1], verified: null as never };
    const g = put('g.json', g300);
    const h = put('h.json', fig4(300, [1, 1]));
    const results = join(dir, 'out', 'scan.json');
    // Out of order on purpose: rows come sorted by epochs.
    const body = (await run(['--fig3', [c, a, b, g].join(','), '--fig4', [d, e, f, h].join(','), '--results', results])) as {
      rows: { x: number; fig3: Record<'firstActive' | 'certified', { within: { widths: boolean[]; allPerfect: boolean }; active: { mean: number } }>; fig4: { oneHiddenLayer: number } }[];
      bothMetAt: Record<'firstActive' | 'certified', number[]>;
      figure: string;
    };
    assert.deepEqual(body.rows.map((r) => r.x), [200, 260, 300, 400]);
    assert.deepEqual(body.rows[0].fig3.firstActive.within.widths, [false, true, true]);
    assert.deepEqual(body.rows[0].fig3.certified.within.widths, [true, true, true]);
    // The active count is the sum of the three widths, per trial: (114+3+3 + 116+5+3) / 2.
    assert.equal(body.rows[1].fig3.firstActive.active.mean, 122);
    assert.deepEqual(body.rows.map((r) => r.fig4.oneHiddenLayer), [2, 2, 2, 2]);
    assert.equal(body.rows[3].fig3.firstActive.within.allPerfect, false);
    assert.deepEqual(body.bothMetAt, { firstActive: [260, 300], certified: [200, 260] });
    assert.deepEqual(JSON.parse(readFileSync(results, 'utf8')).bothMetAt, body.bothMetAt);
    assert.equal(body.figure, join(dir, 'out', 'scan.png'));
    assert.ok(decodePng(readFileSync(body.figure)).width > 500);
  });
});

test('bench spheres-epochs refuses results that differ in more than the epochs, or two at the same epochs', async () => {
  await inTempDir(async (dir, put) => {
    const a = put('a.json', fig3(200, [120], [[114, 3, 3]]));
    const other = put('b.json', { ...fig3(260, [120], [[114, 3, 3]]), reading: { ...reading, batchSize: 96 } });
    const same = put('c.json', fig3(200, [121], [[115, 3, 3]]));
    const results = join(dir, 'x.json');
    await assert.rejects(run(['--fig3', `${a},${other}`, '--results', results]), (e: unknown) => e instanceof ConfigError && /differs from/.test(e.message));
    await assert.rejects(run(['--fig3', `${a},${same}`, '--results', results]), (e: unknown) => e instanceof ConfigError && /same epochs/.test(e.message));
    await assert.rejects(run(['--fig3', join(dir, 'missing.json'), '--results', results]), ConfigError);
    await assert.rejects(run(['--results', results]), ConfigError);
  });
});

test('bench spheres-epochs --by init-scale scans the init scale: other readings must match, a reading without one is × 1', async () => {
  await inTempDir(async (dir, put) => {
    const at = (scale: number | undefined, body: ReturnType<typeof fig3> | ReturnType<typeof fig4>) => ({ ...body, reading: scale === undefined ? reading : { ...reading, initScale: scale } });
    const a = put('a.json', at(2, fig3(200, [120, 124], [[114, 3, 3], [116, 5, 3]])));
    const b = put('b.json', at(undefined, fig3(200, [160, 150], [[150, 5, 5], [140, 5, 5]])));
    const c = put('c.json', at(0.5, fig4(200, [2, 2])));
    const d = put('d.json', at(2, fig4(200, [1, 1])));
    const results = join(dir, 'init.json');
    const body = (await run(['--by', 'init-scale', '--fig3', `${a},${b}`, '--fig4', `${c},${d}`, '--results', results])) as {
      by: string;
      rows: { x: number; fig3: unknown; fig4: { oneHiddenLayer: number } | null }[];
      bothMetAt: Record<'firstActive' | 'certified', number[]>;
    };
    assert.equal(body.by, 'init-scale');
    assert.deepEqual(body.rows.map((r) => [r.x, r.fig3 !== null, r.fig4?.oneHiddenLayer ?? null]), [[0.5, false, 0], [1, true, null], [2, true, 2]]);
    assert.deepEqual(body.bothMetAt, { firstActive: [2], certified: [2] });
    // Scanning epochs, the same files differ in their reading (the init scale): refused.
    await assert.rejects(run(['--fig3', `${a},${b}`, '--results', results]), (e: unknown) => e instanceof ConfigError && /differs from/.test(e.message));
    const other = put('e.json', { ...at(1, fig3(200, [120, 124], [[114, 3, 3], [116, 5, 3]])), reading: { ...reading, initScale: 1, batchSize: 96 } });
    await assert.rejects(run(['--by', 'init-scale', '--fig3', `${a},${other}`, '--results', results]), (e: unknown) => e instanceof ConfigError && /differs from/.test(e.message));
    await assert.rejects(run(['--by', 'lr', '--fig3', a, '--results', results]), (e: unknown) => e instanceof ConfigError && e.message === '--by must be epochs, init-scale, batch-size, output-bias or radius, got "lr".');
  });
});

test('bench spheres-epochs --by output-bias: a reading without one is 0 (zero biases)', async () => {
  await inTempDir(async (dir, put) => {
    const lit = put('lit.json', { ...fig3(200, [120, 124], [[114, 3, 3], [116, 5, 3]]), reading: { ...reading, outputBias: 0.1 } });
    const dark = put('dark.json', fig3(200, [160, 150], [[150, 5, 5], [140, 5, 5]]));
    const body = (await run(['--by', 'output-bias', '--fig3', `${dark},${lit}`, '--results', join(dir, 'bias.json')])) as { by: string; rows: { x: number }[] };
    assert.equal(body.by, 'output-bias');
    assert.deepEqual(body.rows.map((r) => r.x), [0, 0.1]);
    const other = put('other.json', { ...fig3(200, [120, 124], [[114, 3, 3], [116, 5, 3]]), reading: { ...reading, outputBias: 0.1, initScale: 2 } });
    await assert.rejects(run(['--by', 'output-bias', '--fig3', `${dark},${other}`, '--results', join(dir, 'bias.json')]), (e: unknown) => e instanceof ConfigError && /differs from/.test(e.message));
  });
});

test('bench spheres-epochs --by radius scans the outer shell; --seeds keeps the seeds every file holds', async () => {
  await inTempDir(async (dir, put) => {
    const at = <T extends { settings: object }>(radii: number[], body: T) => ({ ...body, settings: { ...body.settings, radii } });
    // Seeds 1-3 at 1.75, seeds 1-2 at 2.5: the files differ in their seeds unless --seeds picks 1,2.
    const near = put('near.json', at([1, 1.75], fig3(200, [120, 124, 300], [[114, 3, 3], [116, 5, 3], [290, 5, 5]])));
    const far = put('far.json', at([1, 2.5], fig3(200, [40, 44], [[38, 1, 1], [40, 2, 2]])));
    const near4 = put('near4.json', at([1, 1.75], fig4(200, [2, 1, 2])));
    const far4 = put('far4.json', at([1, 2.5], fig4(200, [1, 1])));
    const results = join(dir, 'radius.json');
    await assert.rejects(run(['--by', 'radius', '--fig3', `${near},${far}`, '--results', results]), (e: unknown) => e instanceof ConfigError && /differs from/.test(e.message));
    const body = (await run(['--by', 'radius', '--seeds', '1,2', '--fig3', `${far},${near}`, '--fig4', `${near4},${far4}`, '--results', results])) as {
      by: string;
      seeds: number[];
      rows: { x: number; fig3: { n: number; firstActive: { active: { mean: number } } }; fig4: { n: number; oneHiddenLayer: number } }[];
      bothMetAt: Record<'firstActive' | 'certified', number[]>;
    };
    assert.equal(body.by, 'radius');
    assert.deepEqual(body.seeds, [1, 2]);
    // Seed 3's 300 neurons are left out at 1.75: the mean is over seeds 1 and 2.
    assert.deepEqual(body.rows.map((r) => [r.x, r.fig3.n, r.fig3.firstActive.active.mean, r.fig4.oneHiddenLayer]), [[1.75, 2, 122, 1], [2.5, 2, 42, 2]]);
    assert.deepEqual(body.bothMetAt, { firstActive: [], certified: [] });
    await assert.rejects(run(['--by', 'radius', '--seeds', '1,3', '--fig3', `${near},${far}`, '--results', results]), (e: unknown) => e instanceof ConfigError && /far\.json has no trial for seed 3\./.test(e.message));
    await assert.rejects(run(['--by', 'radius', '--seeds', '1,2,1', '--fig3', `${near},${far}`, '--results', results]), (e: unknown) => e instanceof ConfigError && /names a seed twice/.test(e.message));
    // The inner shell must match: it is not what the scan varies.
    const inner = put('inner.json', at([0.5, 2.5], fig3(200, [40, 44], [[38, 1, 1], [40, 2, 2]])));
    await assert.rejects(run(['--by', 'radius', '--fig3', `${near},${inner}`, '--seeds', '1,2', '--results', results]), (e: unknown) => e instanceof ConfigError && /differs from/.test(e.message));
    const none = put('none.json', { ...fig3(200, [40], [[38, 1, 1]]), settings: { S: 5000 } });
    await assert.rejects(run(['--by', 'radius', '--fig3', none, '--results', results]), (e: unknown) => e instanceof ConfigError && /has no outer shell radius/.test(e.message));
  });
});

test("Fig. 4's target is the issue's 4 of 5 as a share, for any number of seeds", () => {
  assert.deepEqual([1, 4, 5, 6, 10].map(fig4Target), [1, 4, 4, 5, 8]);
});
