import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../src/core/config.js';
import { figureConfig, figureFlags, figureOptions, figureReading, fig3Counts, genericTrial, READING_FLAGS, readingOf } from '../../bench/lib/spheres-figure.js';
import { parseFlags } from '../../bench/lib/flags.js';
import { resolveTrainOptions } from '../../src/train/options.js';
import { run as fig3 } from '../../bench/fig3.js';
import { run as fig4 } from '../../bench/fig4.js';
import { decodePng } from '../../src/report/png/decode.js';

test('genericTrial is the trial nearest the median of the active neurons, the lower seed on a tie', () => {
  const t = (seed: number, active: number) => ({ seed, active });
  assert.equal(genericTrial([t(1, 110), t(2, 159), t(3, 105), t(4, 153), t(5, 161)]).seed, 4);
  assert.equal(genericTrial([t(1, 10), t(2, 30), t(3, 20), t(4, 40)]).seed, 3);
  assert.equal(genericTrial([t(2, 7), t(1, 7)]).seed, 1);
});

test('fig3Counts counts by first activity and by the certified layers, each against the paper bars', () => {
  const trial = (active: number, widths: number[], certified: number[] | null) => ({
    testAccuracy: 1,
    tiedSamples: 0,
    active,
    widths,
    verified: certified && { layerWidths: [10, ...certified, 2] },
  });
  // One neuron counted in layer 1 by its first activity is in layer 2 of the certified structure.
  const c = fig3Counts([trial(120, [115, 2, 3], [114, 3, 3]), trial(126, [120, 3, 3], [119, 4, 3]), trial(110, [100, 5, 6], null)]);
  assert.equal(c.firstActive!.n, 3);
  assert.equal(c.firstActive!.widths[1].mean, 10 / 3);
  assert.deepEqual(c.firstActive!.within.widths, [true, true, false]);
  assert.equal(c.certified!.n, 2);
  assert.deepEqual(c.certified!.widths.map((s) => s.mean), [116.5, 3.5, 3]);
  assert.equal(c.certified!.active.mean, (120 + 126) / 2);
  assert.deepEqual(c.certified!.within.widths, [true, true, true]);
  assert.equal(fig3Counts([trial(1, [1, 0, 0], null)]).certified, null);
});

test('bench fig3 writes its results and the paper figure of the median trial next to them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-fig3-'));
  try {
    const results = join(dir, 'fig3-small.json');
    const body = (await fig3(['--S', '30', '--epochs', '2', '--seeds', '1,2,3', '--out', join(dir, 'runs'), '--results', results])) as {
      trials: { seed: number; active: number; verified: { layerWidths: number[]; reused: number; livePerIteration: number[] } | null }[];
      figures: { seed: number; activity: string; weights: string };
    };
    const written = JSON.parse(readFileSync(results, 'utf8'));
    for (const t of body.trials.filter((r) => r.verified)) {
      const v = t.verified!;
      assert.deepEqual([v.livePerIteration.length, v.livePerIteration[0]], [5, 10], 'live neurons at t = 0..4, the 10 inputs first');
      // Each neuron is in one layer; the reused ones are some of them, and each is live at two iterations or more.
      const nodes = v.layerWidths.reduce((a, w) => a + w, 0);
      const pairs = v.livePerIteration.reduce((a, w) => a + w, 0);
      assert.ok(v.reused >= 0 && v.reused <= nodes && pairs >= nodes + v.reused, `reused ${v.reused} of ${nodes} neurons, ${pairs} live pairs`);
    }
    assert.deepEqual(written.figures, body.figures);
    assert.equal(body.figures.seed, genericTrial(body.trials).seed);
    assert.deepEqual([body.figures.activity, body.figures.weights], [join(dir, 'fig3-small-activity.png'), join(dir, 'fig3-small-weights.png')]);
    for (const png of [body.figures.activity, body.figures.weights]) assert.ok(decodePng(readFileSync(png)).width > 100, png);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bench fig3 --from continues the finished trials of a shorter sweep, exactly as if trained that long', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-fig3-from-'));
  const common = ['--S', '30', '--seeds', '1,2'];
  type Body = { trials: { seed: number; testAccuracy: number; active: number; widths: number[] }[]; settings: { epochs: number; continuedFrom?: string } };
  try {
    await fig3([...common, '--epochs', '2', '--out', join(dir, 'e2'), '--results', join(dir, 'e2.json')]);
    const continued = (await fig3([...common, '--epochs', '4', '--from', join(dir, 'e2'), '--out', join(dir, 'e4c'), '--results', join(dir, 'e4c.json')])) as Body;
    const fresh = (await fig3([...common, '--epochs', '4', '--out', join(dir, 'e4'), '--results', join(dir, 'e4.json')])) as Body;
    assert.equal(continued.settings.continuedFrom, join(dir, 'e2'));
    assert.deepEqual(continued.trials.map(({ seed, testAccuracy, active, widths }) => ({ seed, testAccuracy, active, widths })), fresh.trials.map(({ seed, testAccuracy, active, widths }) => ({ seed, testAccuracy, active, widths })));
    const runJson = JSON.parse(readFileSync(join(dir, 'e4c', 'trials', readdirSync(join(dir, 'e4c', 'trials'))[0], 'run.json'), 'utf8'));
    assert.equal(runJson.resumes.length, 1, 'the continuation is recorded as a resume');
    await assert.rejects(fig3([...common, '--epochs', '4', '--cN', '1e-3', '--from', join(dir, 'e2'), '--out', join(dir, 'bad'), '--results', join(dir, 'bad.json')]), /no finished trial of seed 1 with these settings/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bench fig3 and fig4 --add-to pool new seeds with an earlier results file, and refuse anything but new seeds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-fig3-add-'));
  const common = ['--S', '30', '--epochs', '2', '--out', join(dir, 'runs')];
  type Body = { command: string; earlierCommands?: string[]; trials: { seed: number; active: number; widths: number[] }[]; mean: { active: number; widths: number[] }; settings: { backends: string[] } };
  try {
    const earlierPath = join(dir, 'fig3-12.json');
    const earlier = (await fig3([...common, '--seeds', '1,2', '--results', earlierPath])) as Body;
    const added = (await fig3([...common, '--seeds', '3', '--add-to', earlierPath, '--results', join(dir, 'fig3-123.json')])) as Body;
    const all = (await fig3([...common, '--seeds', '1,2,3', '--results', join(dir, 'fig3-all.json')])) as Body;
    assert.deepEqual(added.trials.map((t) => t.seed), [1, 2, 3]);
    assert.deepEqual(added.trials.slice(0, 2), earlier.trials, "the earlier file's trials are carried as they are");
    assert.deepEqual(added.trials.map(({ seed, active, widths }) => ({ seed, active, widths })), all.trials.map(({ seed, active, widths }) => ({ seed, active, widths })));
    assert.deepEqual(added.mean, all.mean, 'the statistics are over all the trials');
    assert.deepEqual(added.earlierCommands, [earlier.command]);
    assert.deepEqual(added.settings.backends, all.settings.backends);
    assert.equal((added as Body & { fiveSeedOdds: unknown }).fiveSeedOdds, null, 'three seeds have no 5-seed subsets to count');
    await assert.rejects(fig3([...common, '--seeds', '2,4', '--add-to', earlierPath]), { name: 'ConfigError', message: /seed 2 is already in it/ });
    await assert.rejects(fig3([...common, '--seeds', '4', '--cN', '1e-4', '--add-to', earlierPath]), { name: 'ConfigError', message: /its cN differ/ });
    await assert.rejects(fig3([...common, '--seeds', '4', '--output-bias', '0.1', '--add-to', earlierPath]), { name: 'ConfigError', message: /reading\.outputBias differ/ });
    await assert.rejects(fig3([...common, '--seeds', '4', '--B', '32', '--add-to', earlierPath]), { name: 'ConfigError', message: /its reading\.batchSize differ/ });
    await assert.rejects(fig3([...common, '--seeds', '4', '--eps', '1e-8', '--add-to', earlierPath]), { name: 'ConfigError', message: /its reading\.epsilon differ/ });
    await assert.rejects(fig3([...common, '--seeds', '4', '--add-to', join(dir, 'fig3-12-activity.png')]), { name: 'ConfigError', message: /cannot read it as JSON/ });
    await assert.rejects(fig4([...common, '--seeds', '4', '--add-to', earlierPath]), { name: 'ConfigError', message: /its rule differ/ }, "Fig. 3's trials do not pool into Fig. 4");
    const f4 = join(dir, 'fig4-1.json');
    await fig4([...common, '--seeds', '1', '--results', f4]);
    const f4added = (await fig4([...common, '--seeds', '2', '--add-to', f4, '--results', join(dir, 'fig4-12.json')])) as {
      trials: { seed: number; hiddenLayers: number; activeByFirstIteration: number[] }[];
      oneHiddenLayer: number;
      oneHiddenLayerByFirstActivity: number;
    };
    assert.deepEqual(f4added.trials.map((t) => t.seed), [1, 2]);
    assert.equal(f4added.oneHiddenLayer, f4added.trials.filter((t) => t.hiddenLayers === 1).length);
    // By first activity: the trials whose hidden neurons all first fire at one and the same iteration.
    const firstOnly = (w: number[]) => w.filter((v) => v > 0).length === 1;
    assert.equal(f4added.oneHiddenLayerByFirstActivity, f4added.trials.filter((t) => firstOnly(t.activeByFirstIteration)).length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('readingOf records weightInit, biasInit, outputBias and epsilon only off their defaults, so older trial ids stand', () => {
  const plain = readingOf(parseFlags('fig3', READING_FLAGS, []));
  assert.deepEqual(Object.keys(plain).sort(), ['activityOf', 'activityOutputs', 'activityReduction', 'batchSize', 'initScale']);
  const keras = readingOf(parseFlags('fig3', READING_FLAGS, ['--weight-init', 'truncated', '--eps', '1e-8']));
  assert.equal(keras.weightInit, 'truncated');
  assert.equal(keras.epsilon, 1e-8);
  assert.equal(resolveTrainOptions(keras).weightInit, 'truncated', 'a valid set of train options');
  assert.throws(() => parseFlags('fig3', READING_FLAGS, ['--weight-init', 'uniform']), { name: 'ConfigError' });
});

test('--no-compact trains dense, evaluated every 10th epoch, and says so in the reading; the default reading is unchanged', () => {
  const flags = figureFlags('fig3');
  const compacted = figureReading(parseFlags('fig3', flags, []));
  assert.deepEqual(compacted, readingOf(parseFlags('fig3', READING_FLAGS, [])), 'older trial ids stand');
  const dense = figureReading(parseFlags('fig3', flags, ['--no-compact']));
  assert.equal(dense.compact, false);
  assert.equal(dense.evalEvery, 10);
  assert.equal(figureOptions(parseFlags('fig3', flags, [])).compact, true, 'compacted by default');
  const o = resolveTrainOptions(figureOptions(parseFlags('fig3', flags, ['--no-compact'])));
  assert.equal(o.compact, false, 'the reading overrides the figure\'s default compaction');
  assert.equal(o.evalEvery, 10);
  assert.equal(o.skipSilent, false);
  assert.ok(!('skipSilent' in dense), 'dense trial ids from before --skip-silent stand');
});

test('--skip-silent goes into the reading and the train options of a dense figure, and is refused without --no-compact', () => {
  const flags = figureFlags('fig4');
  const o = parseFlags('fig4', flags, ['--no-compact', '--skip-silent']);
  assert.equal(figureReading(o).skipSilent, true);
  assert.equal(resolveTrainOptions(figureOptions(o)).skipSilent, true);
  assert.throws(() => figureReading(parseFlags('fig4', flags, ['--skip-silent'])), { name: 'ConfigError', message: /needs --no-compact/ });
});

test('--readout linear goes into the config and the reading, not the train options; the default changes neither', () => {
  const flags = figureFlags('fig4');
  const plain = parseFlags('fig4', flags, []);
  assert.deepEqual(figureConfig(plain, 'residual-output'), { S: 5000, I: 4, rule: 'residual-output' }, 'older trial ids stand');
  assert.equal('readout' in figureReading(plain), false);
  const lin = parseFlags('fig4', flags, ['--readout', 'linear']);
  assert.equal(resolveConfig({ ...figureConfig(lin, 'residual-output'), dIn: 10, dOut: 2 }).readout, 'linear');
  assert.equal(figureReading(lin).readout, 'linear', 'recorded, so such trials never pool with relu read-outs');
  assert.doesNotThrow(() => resolveTrainOptions(figureOptions(lin)), 'the train options stay valid (readout is not one)');
  assert.throws(() => parseFlags('fig4', flags, ['--readout', 'softmax']), { name: 'ConfigError' });
});
