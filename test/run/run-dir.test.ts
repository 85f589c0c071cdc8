import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLockRefusal, lockHolder, lockRun } from '../../src/run/lock.js';
import { openRunDir } from '../../src/run/open.js';
import { readRun } from '../../src/run/read-run.js';
import { RUN_FILES, runFile } from '../../src/run/files.js';
import { ConfigError, RunDirError } from '../../src/errors.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'urn-rundir-'));
const writeLock = (dir: string, pid: number) => writeFileSync(join(dir, RUN_FILES.lock), JSON.stringify({ pid, host: hostname(), since: 'then' }));

test('issue 12.2: a live lock (another process) is a RunDirError; a stale one (dead pid) is taken over', async () => {
  const dir = fresh();
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
  try {
    writeLock(dir, child.pid!);
    assert.throws(() => lockRun(dir), RunDirError);
  } finally {
    child.kill('SIGKILL');
  }
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
  writeLock(dir, dead);
  const release = lockRun(dir);
  assert.equal(JSON.parse(readFileSync(join(dir, RUN_FILES.lock), 'utf8')).pid, process.pid);
  release();
  assert.equal(existsSync(join(dir, RUN_FILES.lock)), false, 'released');
});

test('the lock is re-entrant in its process; lockHolder names only a live other process', async () => {
  const dir = fresh();
  const lock = join(dir, RUN_FILES.lock);
  assert.equal(lockHolder(dir), null, 'no lock');
  const outer = lockRun(dir);
  assert.equal(lockHolder(dir), null, "this process's own lock");
  const inner = lockRun(dir);
  inner();
  assert.equal(existsSync(lock), true, "the inner release leaves the outer holder's lock");
  outer();
  assert.equal(existsSync(lock), false, 'the outer release frees it');
  // A lock file naming this pid that this process did not take (a reused pid) is taken over, not re-entered.
  writeLock(dir, process.pid);
  const again = lockRun(dir);
  assert.notEqual(JSON.parse(readFileSync(lock, 'utf8')).since, 'then');
  again();
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
  try {
    writeLock(dir, child.pid!);
    assert.equal(lockHolder(dir)?.pid, child.pid);
    // The refusal, as a trial child passes it up in text, is recognised (the local executor waits on it).
    assert.throws(() => lockRun(dir), (e: Error) => isLockRefusal(`${e.name}: ${e.message}`));
    assert.equal(isLockRefusal('RunDirError: run directory runs/a already holds a run.'), false);
  } finally {
    child.kill('SIGKILL');
  }
});

test('issue 12.2: a directory that holds a run is refused unless resume or force', () => {
  const dir = fresh();
  openRunDir(dir)();
  writeFileSync(runFile(dir, 'metrics'), '{"epoch":1}\n');
  writeFileSync(runFile(dir, 'run'), '{}');
  assert.throws(() => openRunDir(dir), RunDirError);
  assert.throws(() => openRunDir(dir, { resume: true }), ConfigError, 'resume needs a checkpoint');
  openRunDir(dir, { force: true })();
  assert.equal(existsSync(runFile(dir, 'metrics')), false, 'force removed the old run');
  writeFileSync(join(dir, 'file'), 'x');
  assert.throws(() => openRunDir(join(dir, 'file')), Error);
});

test('readRun returns plain data and says what is not a run', () => {
  const dir = fresh();
  assert.throws(() => readRun(dir), ConfigError);
  writeFileSync(runFile(dir, 'metrics'), '{"epoch":1,"loss":0.5}\n{"epoch":2,"lo');
  writeFileSync(runFile(dir, 'timeline'), 'garbage');
  const r = readRun(dir);
  assert.equal(r.metrics.length, 1, 'a torn last line is skipped');
  assert.equal(r.checkpoint, null);
  assert.equal(r.timeline, null);
  assert.equal(r.problems.length, 1, 'the corrupt timeline is reported, not thrown');
});
