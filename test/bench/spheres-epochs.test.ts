import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../bench/spheres-epochs.js';
import { decodePng } from '../../src/report/png/decode.js';
import { ConfigError } from '../../src/errors.js';

const settings = (epochs: number) => ({ S: 5000, I: 4, epochs, nTrain: 4000, radii: [1, 1.75], rule: 'plain', backends: ['wasm'] });
const reading = { batchSize: 64, activityReduction: 'sum' };
const fig3 = (epochs: number, actives: number[], widths: number[][], accuracy = 1) => ({
  settings: settings(epochs),
  reading,
  trials: actives.map((active, k) => ({ seed: k + 1, testAccuracy: accuracy, active, widths: widths[k], tiedSamples: 0 })),
});
const fig4 = (epochs: number, layers: number[]) => ({
  settings: { ...settings(epochs), rule: 'residual-output' },
  reading,
  trials: layers.map((hiddenLayers, k) => ({ seed: k + 1, testAccuracy: 1, hiddenLayers, tiedSamples: 0 })),
});

test('bench spheres-epochs tabulates both figures by epochs, recomputes the targets from the trials, and draws them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-epochs-'));
  const put = (name: string, body: unknown) => {
    writeFileSync(join(dir, name), JSON.stringify(body));
    return join(dir, name);
  };
  try {
    // 200: layer 1 too wide (131 > 115 + 15); 260: every count in its bar; 400: all in, but a seed at 99%.
    const a = put('a.json', fig3(200, [136, 136], [[131, 3, 3], [131, 5, 3]]));
    const b = put('b.json', fig3(260, [120, 124], [[114, 3, 3], [116, 5, 3]]));
    const c = put('c.json', fig3(400, [120, 124], [[114, 3, 3], [116, 5, 3]], 0.99));
    const d = put('d.json', fig4(200, [1, 2]));
    const e = put('e.json', fig4(260, [1, 1]));
    const f = put('f.json', fig4(400, [1, 1]));
    const results = join(dir, 'out', 'scan.json');
    // Out of order on purpose: rows come sorted by epochs.
    const body = (await run(['--fig3', [c, a, b].join(','), '--fig4', [d, e, f].join(','), '--results', results])) as {
      rows: { epochs: number; fig3: { within: { widths: boolean[]; allPerfect: boolean }; active: { mean: number } }; fig4: { oneHiddenLayer: number }; bothMet: boolean }[];
      bothMetAt: number[];
      figure: string;
    };
    assert.deepEqual(body.rows.map((r) => r.epochs), [200, 260, 400]);
    assert.deepEqual(body.rows[0].fig3.within.widths, [false, true, true]);
    assert.equal(body.rows[1].fig3.active.mean, 122);
    assert.deepEqual(body.rows.map((r) => r.fig4.oneHiddenLayer), [1, 2, 2]);
    assert.equal(body.rows[2].fig3.within.allPerfect, false);
    assert.deepEqual(body.bothMetAt, [260]);
    assert.deepEqual(JSON.parse(readFileSync(results, 'utf8')).bothMetAt, [260]);
    assert.equal(body.figure, join(dir, 'out', 'scan.png'));
    assert.ok(decodePng(readFileSync(body.figure)).width > 500);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bench spheres-epochs refuses results that differ in more than the epochs, or two at the same epochs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-epochs-bad-'));
  const put = (name: string, body: unknown) => {
    writeFileSync(join(dir, name), JSON.stringify(body));
    return join(dir, name);
  };
  try {
    const a = put('a.json', fig3(200, [120], [[114, 3, 3]]));
    const other = put('b.json', { ...fig3(260, [120], [[114, 3, 3]]), reading: { ...reading, batchSize: 96 } });
    const same = put('c.json', fig3(200, [121], [[115, 3, 3]]));
    const results = join(dir, 'x.json');
    await assert.rejects(run(['--fig3', `${a},${other}`, '--results', results]), (e: unknown) => e instanceof ConfigError && /differs from/.test(e.message));
    await assert.rejects(run(['--fig3', `${a},${same}`, '--results', results]), (e: unknown) => e instanceof ConfigError && /same number of epochs/.test(e.message));
    await assert.rejects(run(['--fig3', join(dir, 'missing.json'), '--results', results]), ConfigError);
    await assert.rejects(run(['--results', results]), ConfigError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
