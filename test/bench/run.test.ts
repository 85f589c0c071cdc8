import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npm run bench -- <args>`, as the dispatcher runs it; killed after 2 minutes (a bench that started). */
const bench = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, URN_DEBUG: '' } });

/** A bench run directly as a script (`node --import tsx bench/<file> <args>`), as the GPU machine runs its bundle. */
const direct = (file: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', `bench/${file}`, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, URN_DEBUG: '' } });

/** Run `fn` with the paths of a run directory and a results file in a fresh temporary folder; removed after. */
function withOut(fn: (out: string, results: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'urn-bench-run-'));
  try {
    fn(join(dir, 'runs'), join(dir, 'results', 'fig3.json'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a bench given a bad flag prints one typed line and the CLI exit code, not a stack', () => {
  const r = bench('fig6-fmnist', '--only', 'both');
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trim(), 'bench fig6-fmnist: ConfigError: --only must be with or without, got "both".');
});

test('an unknown bench name is a usage error that lists the benches', () => {
  const r = bench('no-such-bench');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^usage: npm run bench -- <name>/);
  assert.match(r.stderr, /fig6-fmnist/);
});

test('--help (and -h) on a multi-hour bench prints its flags with kinds and defaults, exits 0 and runs nothing', () => {
  withOut((out, results) => {
    for (const h of ['--help', '-h']) {
      const r = bench('fig3', '--out', out, '--results', results, h);
      assert.equal(r.status, 0, `${h}: ${r.stderr}`);
      assert.match(r.stdout, /^usage: npm run bench -- fig3 /);
      assert.match(r.stdout, /--seeds <int-list> +one trial per seed \(default 1,2,3,4,5\)/);
      assert.match(r.stdout, /--epochs <int> +.*\(default 200\)/);
      assert.match(r.stdout, /--activity <sum\|mean> +.*\(default sum\)/);
      for (const f of ['--S ', '--from ', '--jobs ', '--radii ', '--init-scale ', '--cN ', '--json ', '--help ']) assert.ok(r.stdout.includes(f), f);
      assert.equal(r.stderr, '');
      assert.ok(!existsSync(out) && !existsSync(results), 'nothing was run');
    }
  });
});

test('an unknown flag is one typed line naming it and the nearest known flag, before anything runs', () => {
  withOut((out, results) => {
    const r = bench('fig3', '--epoch', '20', '--out', out, '--results', results);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, 'bench fig3: ConfigError: unknown flag --epoch. Did you mean --epochs? See npm run bench -- fig3 --help.\n');
    assert.ok(!existsSync(out), 'no sweep was started');
  });
});

test('a non-numeric number and a value outside a choice are one typed line each, exit 2', () => {
  const n = bench('fig3', '--S', 'abc');
  assert.equal(n.status, 2, n.stderr);
  assert.equal(n.stderr, 'bench fig3: ConfigError: --S must be an integer, got "abc".\n');
  const c = bench('fig3', '--activity', 'median');
  assert.equal(c.status, 2, c.stderr);
  assert.equal(c.stderr, 'bench fig3: ConfigError: --activity must be sum or mean, got "median".\n');
});

test("a bench's failed checks are the dispatcher's exit code: gpu-check without a GPU exits 3, not 0", () => {
  withOut((out) => {
    const r = bench('gpu-check', '--only', 'setup', '--out', out);
    const written = JSON.parse(readFileSync(join(out, 'gpu-check.json'), 'utf8')) as { noAdapter?: string; summary?: { failed: string[] } };
    // Here (no Vulkan) there is no adapter; on the GPU machine the setup checks run and decide.
    const want = written.noAdapter !== undefined ? 3 : written.summary!.failed.length ? 1 : 0;
    assert.equal(r.status, want, r.stderr);
  });
});

test('run directly, the GPU entries take --help and print a bad flag as one typed line, exit 2', () => {
  const h = direct('gpu-figures.ts', '--help');
  assert.equal(h.status, 0, h.stderr);
  assert.match(h.stdout, /^usage: bash \.gpu\/run\.sh gpu-figures\.mjs \[--flag value …\]/);
  assert.match(h.stdout, /--deadline <number>/);
  const c = direct('gpu-figures.ts', 'check', '-h');
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /^usage: bash \.gpu\/run\.sh gpu-figures\.mjs check /);
  assert.match(c.stdout, /--only <list of setup/);
  const bad = direct('gpu-figures.ts', '--dedline', '5');
  assert.equal(bad.status, 2, bad.stderr);
  assert.equal(bad.stderr, 'bench gpu-figures: ConfigError: unknown flag --dedline. Did you mean --deadline? See npm run bench -- gpu-figures --help.\n');
  const g = direct('gpu-check.ts', '--only', 'nope');
  assert.equal(g.status, 2, g.stderr);
  assert.equal(g.stderr, 'bench gpu-check: ConfigError: --only must be a comma-separated list of setup, kernels, e2e, timing, train-step or s20000, got "nope".\n');
});

test('bench threshold times the verified-threshold search and one attempt by phase, against its forward passes', () => {
  const r = bench('threshold', '--S', '60', '--density', '1,0.2', '--samples', '40', '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.equal(out.bench, 'threshold');
  assert.equal(out.cases.length, 2);
  for (const c of out.cases) {
    assert.ok(c.attempts >= 2 && c.synapses > 0 && c.synapses <= 3600, JSON.stringify(c));
    assert.ok(c.searchSeconds > 0 && c.certifySeconds > 0 && c.ratioToForward > 0, JSON.stringify(c));
    assert.ok(c.searchNoProbeSeconds > 0 && c.probeSpeedup > 0 && c.rejectedOnProbe >= 0 && c.rejectedOnProbe < c.attempts, JSON.stringify(c));
  }
  assert.ok(out.cases[0].synapses > out.cases[1].synapses, 'the denser W keeps more synapses');
  assert.match(r.stdout, /S=60 density=1: \d+ attempts in [\d.]+ m?s \(\d+ rejected on the probe; [\d.]+ m?s without it: [\d.]+×\); one attempt: toReplay/);
});

test('bench skip-silent times the dense and the support step on one network: the support step ran, and the two Ws agree', () => {
  const r = bench('skip-silent', '--S', '400', '--live', '400,20', '--steps', '3', '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { rows: { live: number; ratio: number; supportSteps: number; meanSupport: number | null; maxDeltaW: number }[] };
  const [all, few] = out.rows;
  assert.equal(all.meanSupport, null, 'every neuron live: the steps stay dense');
  assert.equal(few.supportSteps, 3);
  assert.ok(few.meanSupport! <= 20 + 10 + 2, `the support holds the live neurons, the inputs and the outputs: ${few.meanSupport}`);
  for (const row of out.rows) assert.ok(row.maxDeltaW < 1e-5 && row.ratio > 0, JSON.stringify(row));
});
