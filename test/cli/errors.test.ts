import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCheckpoint } from '../../src/run/checkpoint.js';
import { resolveConfig } from '../../src/core/config.js';
import { initParams } from '../../src/train/init.js';
import { writeModel } from '../../src/format/file.js';
import { FileSystemError } from '../../src/errors.js';
import { fileSystemError } from '../../src/util/fs-error.js';
import { describeError } from '../../src/cli/exit-codes.js';
import { sampleModels } from '../format/models.js';
import { oneLineError, urn } from './helpers.js';

test('issue 12.5: missing paths, a directory as a file and an unwritable place are one-line FileSystemErrors (exit 6)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-errors-'));
  const model = join(dir, 'model.urn');
  writeModel(model, sampleModels()[0]);
  const cases = [
    ['predict', join(dir, 'missing.urn'), '--input', '-'],
    ['predict', dir, '--input', '-'],
    ['predict', model, '--input', dir],
    ['train', '--S', '16', '--I', '2', '--epochs', '1', '--n-train', '50', '--n-test', '10', '--out', '/sys/urn-engine-test-run'],
    ['analyze', join(dir, 'nothing-here')],
    ['train', '--resume'],
  ];
  for (const args of cases) {
    const r = urn(args, '');
    assert.ok(r.code === 6 || r.code === 8 || (r.code === 2 && args[1] === '--resume'), `${args.join(' ')}: exit ${r.code}: ${r.err}`);
    assert.ok(/^urn: (FileSystemError|RunDirError|ConfigError): /.test(r.err) && r.err.trimEnd().split('\n').length === 1, `${args.join(' ')}: ${r.err}`);
  }
});

test('issue 12.5: an error of ours after tfjs-wasm has loaded exits with its own code, not 7', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-errors-'));
  const cfg = resolveConfig({ S: 16, I: 2, dIn: 10, dOut: 2 });
  const { W, b } = initParams(cfg);
  const z = () => [new Float32Array(256), new Float32Array(16)];
  writeCheckpoint(join(dir, 'checkpoint.msgpack'), { config: cfg, epoch: 1, W, b, adam: { t: 0, m: z(), v: z() }, train: { data: { dataset: 'spheres', seed: 1, nTrain: 40, nTest: 40, d: 10, normalize: 'none' } } });
  mkdirSync(join(dir, 'taken.urn'));
  const r = urn(['export', dir, '--out', join(dir, 'no', 'such', 'dir', 'model.urn'), '--threshold', '0']);
  assert.equal(r.code, 6, r.err);
  assert.ok(oneLineError(r.err, 'FileSystemError'), r.err);
  const d = urn(['export', dir, '--out', join(dir, 'taken.urn'), '--threshold', '0']);
  assert.equal(d.code, 6, d.err);
  assert.ok(oneLineError(d.err, 'FileSystemError'), d.err);
});

test('issue 12.5: ENOSPC, EROFS and EACCES map to FileSystemError and exit code 6', () => {
  for (const code of ['ENOSPC', 'EROFS', 'EACCES', 'EISDIR', 'ENOTDIR']) {
    const e = fileSystemError(Object.assign(new Error('x'), { code, syscall: 'write', path: 'runs/a/checkpoint.msgpack' }));
    assert.ok(e instanceof FileSystemError);
    const { code: exit, line } = describeError(Object.assign(new Error('raw'), { code, syscall: 'open', path: '/x' }));
    assert.equal(exit, 6);
    assert.match(line, /^urn: FileSystemError: open: \/x .+\. .+\.\n$/);
  }
  assert.equal(describeError(new TypeError('boom')).code, 1);
});

test('urn train refuses a flag that the other flags make meaningless, instead of ignoring it (one line, exit 2)', () => {
  const small = ['train', '--S', '16', '--I', '2', '--epochs', '0', '--n-train', '50', '--n-test', '10'];
  const cases: [string[], RegExp][] = [
    [['--csyn', '1e-4'], /cSyn 0\.0001 \(the synapse-length term\) needs a geometry/],
    [['--beta', '2', '--gamma', '2'], /--beta and --gamma shape the --grid geometry/],
    [['--dataset', 'spirals', '--d', '5'], /--d is the spheres' dimension; 'spirals' takes none/],
    [['--color'], /--color keeps CIFAR-10's RGB; 'spheres' has no colour/],
    [['--no-compact', '--compact-every', '3'], /--compact-every sets how often to compact/],
    [['--force'], /--force overwrites the run in --out/],
  ];
  for (const [flags, message] of cases) {
    const r = urn([...small, ...flags]);
    assert.equal(r.code, 2, `${flags.join(' ')}: ${r.err}`);
    assert.ok(oneLineError(r.err, 'ConfigError'), r.err);
    assert.match(r.err, message, flags.join(' '));
  }
  // The same flags where they mean something still train.
  const spheres = urn([...small, '--d', '4', '--json']);
  assert.equal(spheres.code, 0, spheres.err);
  const idx = 'idx:fixtures/idx/train-images-idx3-ubyte,fixtures/idx/train-labels-idx1-ubyte';
  const grid = urn(['train', '--I', '2', '--epochs', '0', '--n-train', '16', '--n-test', '4', '--dataset', idx, '--grid', '4,4,3', '--S', '48', '--csyn', '1e-4', '--beta', '2', '--json']);
  assert.equal(grid.code, 0, grid.err);
});

test('urn sweep refuses --attempts without --queue and --jobs with it (flags it would ignore)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-sweep-flags-'));
  const spec = join(dir, 'spec.json');
  writeFileSync(spec, JSON.stringify({ data: { dataset: 'spheres', nTrain: 40, nTest: 20 }, config: { S: 16, I: 2 }, options: { epochs: 1 }, seeds: 1 }));
  const attempts = urn(['sweep', spec, '--out', join(dir, 'a'), '--attempts', '5']);
  assert.equal(attempts.code, 2, attempts.err);
  assert.ok(oneLineError(attempts.err, 'ConfigError') && /--attempts is for --queue/.test(attempts.err), attempts.err);
  const jobs = urn(['sweep', spec, '--out', join(dir, 'b'), '--queue', 'redis://127.0.0.1:1', '--jobs', '2']);
  assert.equal(jobs.code, 2, jobs.err);
  assert.ok(oneLineError(jobs.err, 'ConfigError') && /--jobs sets local child processes/.test(jobs.err), jobs.err);
  assert.ok(!existsSync(join(dir, 'a')) && !existsSync(join(dir, 'b')), 'nothing was started');
});

test('a usage error (unknown option or command, missing or extra argument) is one ConfigError line with exit 2, not the help', () => {
  const cases: [string[], RegExp][] = [
    [['train', '--bet', '1'], /^urn: ConfigError: unknown option '--bet'\. Did you mean --beta\? See urn train --help\.$/],
    [['trian'], /^urn: ConfigError: unknown command 'trian'\. Did you mean train\? See urn --help\.$/],
    [['analyze'], /^urn: ConfigError: missing required argument 'run'\. See urn analyze --help\.$/],
    [['train', '--epochs'], /^urn: ConfigError: option '--epochs <n>' argument missing\. See urn train --help\.$/],
    [['train', 'extra'], /^urn: ConfigError: too many arguments for 'train'\. Expected 0 arguments but got 1\. See urn train --help\.$/],
  ];
  for (const [args, line] of cases) {
    const r = urn(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.ok(oneLineError(r.err, 'ConfigError'), `${args.join(' ')}: ${r.err}`);
    assert.match(r.err.trimEnd(), line);
    assert.equal(r.out, '', 'no help on stdout');
  }
  const help = urn(['train', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /--weight-init <how>/);
});
