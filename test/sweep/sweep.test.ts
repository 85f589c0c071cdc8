import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readSweepSpec } from '../../src/sweep/spec.js';
import { sweep, type SweepResult } from '../../src/sweep/sweep.js';
import { localExecutor } from '../../src/sweep/local.js';
import { queueExecutor } from '../../src/sweep/queue.js';
import { queueProgress } from '../../src/sweep/progress.js';
import { readAttempts, readTrialResult, type TrialResult } from '../../src/sweep/trial-dir.js';
import type { PointAggregate } from '../../src/sweep/aggregate.js';
import { REDIS_SKIP, startRedis } from '../helpers/redis.js';

// One BLAS thread everywhere, so trials give the same bits whichever process runs them.
process.env.OPENBLAS_NUM_THREADS = '1';
const SPEC = readSweepSpec('fixtures/sweep/small.yaml');
const root = mkdtempSync(join(tmpdir(), 'urn-sweep-'));

/** The aggregate without wall time (the only part that depends on the machine). */
const noWall = (rows: PointAggregate[]) => rows.map((r) => ({ ...r, wallSeconds: null }));
/** A result without what depends on where and when it ran. */
const outcome = (r: TrialResult) => ({ ...r, wallSeconds: 0, checkpoint: '' });

/** `urn …` in a child; `group` gives it a process group of its own, with the children it starts. */
const urn = (args: string[], env: NodeJS.ProcessEnv = {}, group = false): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: group });
const exit = (p: ChildProcess) => new Promise<number | null>((resolve) => (p.exitCode !== null || p.signalCode ? resolve(p.exitCode) : p.once('exit', (c) => resolve(c))));

/** Trial directories of a sweep directory. */
const trialDirs = (dir: string) => (existsSync(join(dir, 'trials')) ? readdirSync(join(dir, 'trials')).map((id) => join(dir, 'trials', id)) : []);

/** Poll until `pick` returns a value (or fail after `ms`). */
async function waitFor<T>(what: string, pick: () => T | null | undefined, ms = 120_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = pick();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/**
 * Kill `p`'s process group (started with `group`) the way a lost machine dies: stop every process
 * in it, confirm `holds()` while nothing of it runs, then SIGKILL them all. When `holds()` no longer
 * does (a trial finished between the look and the stop), the group goes on and this returns false.
 */
function killGroupIf(p: ChildProcess, holds: () => boolean): boolean {
  process.kill(-p.pid!, 'SIGSTOP');
  if (!holds()) {
    process.kill(-p.pid!, 'SIGCONT');
    return false;
  }
  process.kill(-p.pid!, 'SIGKILL');
  return true;
}

/** Kill what is left of a process group (cleanup). */
function endGroup(p: ChildProcess): void {
  try {
    process.kill(-p.pid!, 'SIGKILL');
  } catch {
    /* gone */
  }
}

/** Whether process `pid` is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Each trial finished exactly once; returns the number of starts per trial. */
function assertDoneOnce(dir: string, n: number): Map<string, number> {
  const starts = new Map<string, number>();
  const dirs = trialDirs(dir);
  assert.equal(dirs.length, n);
  for (const d of dirs) {
    const a = readAttempts(d);
    assert.equal(a.filter((x) => x.event === 'done').length, 1, `${d}: finished ${a.filter((x) => x.event === 'done').length} times`);
    assert.ok(readTrialResult(d), `${d}: no result.json`);
    starts.set(d, a.filter((x) => x.event === 'start').length);
  }
  return starts;
}

describe('sweeps (2 settings × 3 seeds at S = 32)', () => {
  let local: SweepResult;

  before(async () => {
    local = await sweep(SPEC, { dir: join(root, 'local'), executor: localExecutor({ jobs: 2 }) });
  });

  test('the local executor runs every trial once, in its own run directory, and aggregates per point', () => {
    assert.deepEqual(local.failed, []);
    assert.equal(local.results.length, 6);
    assert.equal(local.aggregate.length, 2);
    for (const row of local.aggregate) {
      assert.equal(row.trials, 3);
      assert.deepEqual(row.seeds, [1, 2, 3]);
      assert.ok(row.testAccuracy && row.testAccuracy.n === 3 && row.testAccuracy.mean > 0.5, JSON.stringify(row.testAccuracy));
      assert.ok(row.hiddenWidths.length > 0);
    }
    assertDoneOnce(join(root, 'local'), 6);
    for (const r of local.results) assert.ok(existsSync(r.checkpoint));
  });

  test('rerunning a finished sweep skips every trial', async () => {
    const again = await sweep(SPEC, { dir: join(root, 'local'), executor: localExecutor({ jobs: 2 }) });
    assert.equal(again.skipped, 6);
    assert.deepEqual(again.aggregate, local.aggregate);
  });

  test('two local sweeps on one directory share its trials: each runs once, neither fails on a lock, both return every result', async () => {
    const dir = join(root, 'shared');
    const spec = { ...SPEC, grid: { 'options.cN': [1e-5] } }; // 3 trials, the first point's
    const by: string[] = [];
    const two = () => sweep(spec, { dir, executor: localExecutor({ jobs: 1, pollMs: 100 }), onEvent: (e) => e.type === 'done' && e.by && by.push(e.by) });
    const [a, b] = await Promise.all([two(), two()]);
    const byId = new Map(local.results.map((r) => [r.id, r]));
    for (const r of [a, b]) {
      assert.deepEqual(r.failed, []);
      assert.equal(r.results.length, 3);
      for (const t of r.results) assert.deepEqual(outcome(t), outcome(byId.get(t.id)!), `trial ${t.id} differs from the same trial in the local sweep`);
    }
    const starts = assertDoneOnce(dir, 3);
    for (const [d, n] of starts) assert.equal(n, 1, `${d} started ${n} times`);
    // A trial the other sweep ran is reported with the process that ran it, when this sweep
    // waited for it (a child that finds the trial finished as it starts returns it as its own,
    // so how many such reports there are depends on timing: at most one per trial).
    assert.ok(by.length <= 3, by.join(', '));
    for (const w of by) assert.match(w, /^[^:]+:\d+$/);
  });

  test('two queue workers, one SIGKILLed mid-trial, give the local aggregate; no trial lost or run twice', { skip: REDIS_SKIP }, async () => {
    const redis = await startRedis();
    const dir = join(root, 'queue');
    const worker = (name: string, group = false) => urn(['worker', '--queue', redis.url, '--lock-ms', '5000', '--stalled-ms', '1000'], { URN_WORKER_NAME: name }, group);
    const w1 = worker('w1', true);
    const w2 = worker('w2');
    try {
      const run = sweep(SPEC, { dir, executor: queueExecutor({ queue: redis.url, pollMs: 100 }) });
      // Kill w1 and its children once a trial it runs has a checkpoint and no result.
      const midOnW1 = (d: string) => {
        const a = readAttempts(d);
        return a.some((x) => x.event === 'start' && x.worker === 'w1') && !a.some((x) => x.event === 'done') && existsSync(join(d, 'checkpoint.msgpack'));
      };
      const victim = await waitFor('a checkpointed trial on w1', () => {
        const d = trialDirs(dir).find(midOnW1);
        return d && killGroupIf(w1, () => midOnW1(d)) ? d : null;
      });
      const r = await run;
      assert.deepEqual(r.failed, []);
      assert.equal(r.results.length, 6);
      assert.deepEqual(noWall(r.aggregate), noWall(local.aggregate));
      assert.deepEqual(r.results.map(outcome), local.results.map(outcome));
      const starts = assertDoneOnce(dir, 6);
      assert.equal(starts.get(victim), 2, 'the killed trial was started again once');
      const resumed = readAttempts(victim).filter((x) => x.event === 'start')[1];
      assert.equal(resumed.worker, 'w2');
      assert.ok((resumed.fromEpoch ?? 0) >= 1, 'the retry resumed from the checkpoint');
      for (const [d, n] of starts) if (d !== victim) assert.equal(n, 1, `${d} started ${n} times`);
      // Any machine reads the sweep's progress from its parent job.
      assert.deepEqual(await queueProgress(redis.url, r.id), { state: 'waiting', done: 6, pending: 0, failed: 0 });
      // A coordinator started again elsewhere (a fresh directory, every worker gone) attaches to the
      // same parent job and collects the results without running a trial.
      w2.kill('SIGTERM');
      await exit(w2);
      const again = await sweep(SPEC, { dir: join(root, 'queue-again'), executor: queueExecutor({ queue: redis.url, pollMs: 100 }) });
      assert.deepEqual(again.results, r.results);
      for (const d of trialDirs(join(root, 'queue-again'))) assert.deepEqual(readAttempts(d), []);
    } finally {
      endGroup(w1);
      w2.kill('SIGTERM');
      await Promise.all([exit(w1), exit(w2)]);
      await redis.stop();
    }
  });

  test('a coordinator killed and restarted finishes without redoing finished trials', async () => {
    const dir = join(root, 'restart');
    const spec = join(root, 'restart.json');
    writeFileSync(spec, JSON.stringify({ ...SPEC, grid: { 'options.cN': [1e-5] }, seeds: [1, 2] }));
    const first = urn(['sweep', spec, '--out', dir, '--jobs', '1'], {}, true);
    // Kill the coordinator and its trial child once one trial is finished and the other checkpointed.
    const midAfterOne = () => {
      const dirs = trialDirs(dir);
      const mid = dirs.find((d) => !readTrialResult(d) && existsSync(join(d, 'checkpoint.msgpack')));
      return dirs.some((d) => readTrialResult(d)) && mid ? mid : null;
    };
    const running = await waitFor('one finished trial and one checkpointed', () => {
      const mid = midAfterOne();
      return mid && killGroupIf(first, () => midAfterOne() === mid) ? mid : null;
    });
    await exit(first);
    const finishedBefore = trialDirs(dir).filter((d) => readTrialResult(d)).length;
    const second = urn(['sweep', spec, '--out', dir, '--jobs', '1']);
    let out = '';
    second.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    assert.equal(await exit(second), 0);
    assert.equal(out.split('\n').filter((l) => l.includes('finished before')).length, finishedBefore);
    const starts = assertDoneOnce(dir, 2);
    assert.equal(starts.get(running), 2);
    assert.ok((readAttempts(running).filter((x) => x.event === 'start')[1].fromEpoch ?? 0) >= 1);
    const byId = new Map(local.results.map((r) => [r.id, r]));
    for (const d of trialDirs(dir)) {
      const r = readTrialResult(d)!;
      assert.deepEqual(outcome(r), outcome(byId.get(r.id)!), `trial ${r.id} differs from the same trial in the local sweep`);
    }
  });

  describe('a killed coordinator or worker leaves no trial training', () => {
    // One trial far too long to finish during the test: if its process outlived its parent, it would
    // be alive (and unfinished) seconds later.
    const long = () => {
      const spec = join(root, 'long.json');
      writeFileSync(spec, JSON.stringify({ ...SPEC, name: 'long', grid: {}, seeds: [1], options: { ...SPEC.options, epochs: 100_000, timelineEvery: 100_000 } }));
      return spec;
    };
    /** Once the trial in `dir` has started on `worker` and checkpointed: its process id. */
    const trialPid = (dir: string, worker?: string) =>
      waitFor('a started, checkpointed trial', () => {
        const d = trialDirs(dir)[0];
        const s = d && existsSync(join(d, 'checkpoint.msgpack')) ? readAttempts(d).find((x) => x.event === 'start' && (!worker || x.worker === worker)) : undefined;
        return s?.pid;
      });
    /** The trial process exits within 10 s of its parent's death, without finishing. */
    async function assertOrphanExits(dir: string, pid: number): Promise<void> {
      await waitFor(`trial process ${pid} to exit`, () => !alive(pid), 10_000);
      const d = trialDirs(dir)[0];
      assert.equal(readTrialResult(d), null);
      assert.ok(!readAttempts(d).some((x) => x.event === 'done'));
    }

    test('the coordinator SIGKILLed: its trial child exits', async () => {
      const dir = join(root, 'orphan-local');
      const coordinator = urn(['sweep', long(), '--out', dir, '--jobs', '1']);
      try {
        const pid = await trialPid(dir);
        coordinator.kill('SIGKILL');
        await assertOrphanExits(dir, pid);
      } finally {
        coordinator.kill('SIGKILL');
        await exit(coordinator);
      }
    });

    test('a queue worker SIGKILLed: the trial two processes below it exits', { skip: REDIS_SKIP }, async () => {
      const redis = await startRedis();
      const dir = join(root, 'orphan-queue');
      const w = urn(['worker', '--queue', redis.url], { URN_WORKER_NAME: 'w' });
      const coordinator = urn(['sweep', long(), '--out', dir, '--queue', redis.url]);
      try {
        const pid = await trialPid(dir, 'w');
        w.kill('SIGKILL');
        await assertOrphanExits(dir, pid);
      } finally {
        for (const p of [w, coordinator]) p.kill('SIGKILL');
        await Promise.all([exit(w), exit(coordinator)]);
        await redis.stop();
      }
    });
  });
});

test('a sweep whose spec misspells a key refuses to start, naming the key and the point, and writes nothing', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'urn-sweep-keys-')), 'sw');
  const base = { data: { dataset: 'spheres', nTrain: 40, nTest: 20 }, config: { S: 16, I: 2 }, options: { epochs: 1 }, seeds: [1] };
  await assert.rejects(sweep({ ...base, options: { epoch: 1 } }, { dir }), { name: 'ConfigError', message: /^sweep spec: options: unknown key 'epoch'\. Known: .*epochs/ });
  await assert.rejects(sweep({ ...base, grid: { 'data.radius': [1.5, 2] } }, { dir }), { name: 'ConfigError', message: /^sweep spec: data \(point radius=1\.5\): unknown key 'radius'/ });
  await assert.rejects(sweep({ ...base, config: { S: 16, I: 2, rules: 'plain' } }, { dir }), { name: 'ConfigError', message: /^sweep spec: config: unknown key 'rules'/ });
  assert.ok(!existsSync(dir), 'no sweep directory was made');
});
