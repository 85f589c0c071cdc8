/**
 * Reliability campaign (issue 12): bad CLI inputs, mutated checkpoint and model files, kill -9
 * during training, two writers. Counts typed one-line errors, stack traces / internal errors,
 * silent wrong results and lost data. `npm run bench -- campaign [--json] [--kills K] [--mutations M] [--writers W]`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeCheckpoint, encodeCheckpoint } from '../src/run/checkpoint.js';
import { readRun } from '../src/run/read-run.js';
import { decodeModel } from '../src/runtime/read-model.js';
import { encodeModel } from '../src/format/encode.js';
import { predict } from '../src/runtime/predict.js';
import { UrnError } from '../src/errors.js';
import { createRng, type Rng } from '../src/util/rng.js';
import { sampleModels } from '../test/format/models.js';
import { int, parseFlags } from './lib/flags.js';

export const flags = {
  mutations: int(2000, 'mutated checkpoint files, and as many mutated model files'),
  kills: int(5, 'trainings killed with SIGKILL and resumed'),
  writers: int(3, 'trials of two `urn train` into one directory at once'),
};

const CLI = ['--import', 'tsx', 'src/cli/main.ts'];
const urn = (args: string[], input = '') => spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', input });
const SMALL = ['--S', '16', '--I', '2', '--n-train', '200', '--n-test', '50'];

/** Bad invocations: each must exit non-zero with exactly one `urn: XError: ` line. */
function badInputs(dir: string, model: string): string[][] {
  return [
    ['train', '--S', '-5'], ['train', '--S', 'abc'], ['train', '--I', '0', '--n-train', '50'], ['train', '--S', '8'],
    ['train', '--lr', 'NaN'], ['train', '--rule', 'bogus'], ['train', '--activation', 'gelu'], ['train', '--dataset', 'nope'],
    ['train', '--dataset', 'idx:/nope,/nope'], ['train', '--S', '100000', '--I', '4'], ['train', '--grid', '1,2'],
    ['train', '--resume'], ['train', '--resume', '--out', join(dir, 'none')], ['train', '--out', '/sys/urn-campaign'],
    ['train', '--bogus'], ['analyze', model], ['analyze', join(dir, 'none')], ['export', join(dir, 'none'), '--out', 'x.urn'],
    ['export', dir, '--out', join(dir, 'm.urn'), '--threshold', '-1'], ['verify', model, '--against', join(dir, 'none')],
    ['predict', model, '--input', join(dir, 'none.csv')], ['predict', model, '--input', dir], ['predict', dir, '--input', '-'],
    ['predict', model, '--input', '-'], ['timeline', join(dir, 'none')], ['report', join(dir, 'none')],
  ];
}

const STDIN: Record<number, string> = { 23: 'NaN,1,2,3\n' };

function cliCampaign(dir: string, model: string) {
  const out = { cases: 0, typedOneLine: 0, internalOrStack: 0, exitedZero: 0, exit7: 0, bad: [] as string[] };
  badInputs(dir, model).forEach((args, k) => {
    const r = urn(args, STDIN[k] ?? '');
    out.cases++;
    const lines = r.stderr.trimEnd().split('\n').filter((l) => !l.startsWith('Usage') && l.trim());
    const typed = /^urn: [A-Za-z]+Error: /.test(lines[0] ?? '') || /^error: /.test(lines[0] ?? '');
    if (r.status === 0) out.exitedZero++;
    if (r.status === 7) out.exit7++;
    if (/\n\s+at /.test(r.stderr) || /internal error/.test(r.stderr)) {
      out.internalOrStack++;
      out.bad.push(`${args.join(' ')} → ${r.status}: ${r.stderr.slice(0, 160)}`);
    }
    else if (typed && r.status !== 0) out.typedOneLine++;
    else out.bad.push(`${args.join(' ')} → ${r.status}: ${r.stderr.slice(0, 120)}`);
  });
  return out;
}

function mutate(b: Uint8Array, rng: Rng): Uint8Array {
  const m = Uint8Array.from(b);
  if (rng.next() < 0.2) return m.slice(0, rng.int(m.length));
  for (let c = 1 + rng.int(3); c > 0; c--) m[rng.int(m.length)] ^= 1 << rng.int(8);
  return m;
}

function checkpointCampaign(bytes: Uint8Array, n: number, rng: Rng) {
  const ref = decodeCheckpoint(bytes);
  const out = { cases: n, rejectedTyped: 0, acceptedSame: 0, silentWrong: 0, untyped: 0 };
  for (let k = 0; k < n; k++) {
    try {
      const c = decodeCheckpoint(mutate(bytes, rng));
      if (Buffer.compare(encodeCheckpoint(c), encodeCheckpoint(ref)) === 0) out.acceptedSame++;
      else out.silentWrong++;
    } catch (e) {
      if (e instanceof UrnError) out.rejectedTyped++;
      else out.untyped++;
    }
  }
  return out;
}

function modelCampaign(n: number, rng: Rng) {
  const bases = sampleModels().map((m) => Uint8Array.from(encodeModel(m)));
  const out = { cases: n, rejectedTyped: 0, accepted: 0, nonFiniteAccepted: 0, untyped: 0 };
  for (let k = 0; k < n; k++) {
    try {
      const m = decodeModel(mutate(bases[k % bases.length], rng));
      out.accepted++;
      try {
        predict(m, new Float32Array(m.config.dIn).fill(0.5), 1);
      } catch (e) {
        if (!(e instanceof UrnError)) out.untyped++;
        else out.nonFiniteAccepted++;
      }
    } catch (e) {
      if (e instanceof UrnError) out.rejectedTyped++;
      else out.untyped++;
    }
  }
  return out;
}

/** kill -9 at a random moment, resume, and compare with an uninterrupted run bit for bit. */
async function killCampaign(root: string, kills: number, rng: Rng) {
  const flags = [...SMALL.slice(0, 4), '--n-train', '2000', '--n-test', '50', '--epochs', '12', '--checkpoint-every', '1', '--json'];
  const ref = join(root, 'ref');
  urn(['train', ...flags, '--out', ref]);
  const W = readRun(ref).checkpoint!.W;
  const out = { trials: kills, bitExact: 0, lostData: 0, failedResume: 0 };
  for (let k = 0; k < kills; k++) {
    const dir = join(root, `kill${k}`);
    const p = spawn(process.execPath, [...CLI, 'train', ...flags, '--out', dir], { stdio: 'ignore' });
    const exited = new Promise((r) => p.on('exit', r));
    // Kill while it trains: once its first checkpoint exists, after a random further delay.
    let done = false;
    void exited.then(() => (done = true));
    while (!done && !existsSync(join(dir, 'checkpoint.msgpack'))) await new Promise((r) => setTimeout(r, 50));
    await Promise.race([exited, new Promise((r) => setTimeout(r, rng.int(3000)))]);
    p.kill('SIGKILL');
    await exited;
    const resume = urn(['train', '--resume', '--out', dir, '--json']);
    const fresh = resume.status !== 0 && /no checkpoint|does not exist/.test(resume.stderr) ? urn(['train', ...flags, '--out', dir, '--force']) : resume;
    if (fresh.status !== 0) {
      out.failedResume++;
      continue;
    }
    const run = readRun(dir);
    const same = run.checkpoint!.W.every((v, i) => Object.is(v, W[i]));
    if (same && run.metrics.length === 12) out.bitExact++;
    else out.lostData++;
  }
  return out;
}

/** Two `urn train` into one directory at once: one must win, the other exit 8; metrics not interleaved. */
async function twoWriters(root: string, trials: number) {
  const out = { trials, oneRefused: 0, bothSucceeded: 0, interleaved: 0 };
  for (let k = 0; k < trials; k++) {
    const dir = join(root, `two${k}`);
    const run = () => new Promise<number | null>((res) => spawn(process.execPath, [...CLI, 'train', ...SMALL, '--epochs', '6', '--out', dir, '--json'], { stdio: 'ignore' }).on('exit', res));
    const codes = await Promise.all([run(), run()]);
    if (codes.includes(0) && codes.includes(8)) out.oneRefused++;
    if (codes.every((c) => c === 0)) out.bothSucceeded++;
    const epochs = readRun(dir, { checkpoint: false }).metrics.map((m) => m.epoch);
    if (epochs.join() !== '1,2,3,4,5,6') out.interleaved++;
  }
  return out;
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const o = parseFlags('campaign', flags, args);
  const rng = createRng(20261130);
  const root = mkdtempSync(join(tmpdir(), 'urn-campaign-'));
  const dir = join(root, 'base');
  urn(['train', ...SMALL, '--epochs', '2', '--out', dir, '--json']);
  const model = join(root, 'model.urn');
  urn(['export', dir, '--out', model, '--threshold', '0']);
  const t0 = performance.now();
  const cli = cliCampaign(dir, model);
  const checkpoints = checkpointCampaign(Uint8Array.from(readFileSync(join(dir, 'checkpoint.msgpack'))), o.mutations, rng);
  const models = modelCampaign(o.mutations, rng);
  const kills = await killCampaign(root, o.kills, rng);
  const writers = await twoWriters(root, o.writers);
  const result = { cli, checkpoints, models, kills, writers, seconds: (performance.now() - t0) / 1000 };
  process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
  return result;
}
