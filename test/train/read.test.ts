import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tf } from '../../src/train/tf.js';
import { readFloats, readScalar } from '../../src/train/read.js';
import { setupBackend } from '../helpers/backend.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A synchronous tensor read: the Tensor methods, or the backend's own `readSync`. */
const SYNC_READ = /\.(dataSync|arraySync|bufferSync|readSync)\(/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Files under `dirs` that read a tensor synchronously (`fs.readSync`-style calls on other objects are named, not excused). */
function syncReaders(dirs: string[]): string[] {
  return dirs
    .flatMap((d) => sources(join(root, d)))
    .map((p) => relative(root, p))
    .filter((p) => p !== join('src', 'train', 'read.ts') && SYNC_READ.test(readFileSync(join(root, p), 'utf8')));
}

test('readFloats copies (also an int32 tensor) and readScalar reads the first value', async () => {
  await setupBackend();
  const t = tf.tensor1d([1, 2, 3], 'int32');
  const a = await readFloats(t);
  assert.ok(a instanceof Float32Array);
  assert.deepEqual(Array.from(a), [1, 2, 3]);
  a[0] = 9;
  assert.equal(await readScalar(t), 1, 'the copy is the caller’s');
  const v = tf.variable(tf.tensor1d([0.5, 2]));
  const w = await readFloats(v);
  w[1] = 7;
  assert.deepEqual(Array.from(await readFloats(v)), [0.5, 2], 'not the backend’s own storage');
  tf.dispose([t, v]);
});

test('no file in src or bench reads a tensor synchronously (webgpu cannot in Node); the scan sees one', () => {
  assert.ok(SYNC_READ.test('const w = model.W.dataSync();') && SYNC_READ.test('x.arraySync()') && SYNC_READ.test('tf.backend().readSync(t.dataId)'), 'control: the pattern matches a read');
  assert.ok(!SYNC_READ.test('const w = await readFloats(model.W);'), 'control: the helper is not a read');
  assert.deepEqual(syncReaders(['src', 'bench']), [], 'read through readFloats / readScalar (src/train/read.ts)');
});

const node = (preloads: string[], args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', ...preloads.flatMap((p) => ['--import', p]), ...args], { cwd: root, encoding: 'utf8' });
const NO_SYNC = './test/helpers/no-sync-reads.ts';

test('control: under the preload a synchronous read throws', () => {
  const p = node([NO_SYNC], ['--input-type=module', '-e', "import * as tf from '@tensorflow/tfjs'; tf.scalar(1).dataSync();"]);
  assert.notEqual(p.status, 0);
  assert.match(p.stderr, /synchronous read: Tensor\.dataSync\(\)/);
});

test('urn train --no-compact --skip-silent on cpu reads each batch support asynchronously (every synchronous read throws)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-async-skip-'));
  const args = ['src/cli/main.ts', 'train', '--S', '32', '--I', '3', '--n-train', '200', '--n-test', '50', '--cN', '1e-2', '--epochs', '2', '--no-compact', '--skip-silent', '--backend', 'cpu', '--out', join(dir, 'run'), '--json'];
  const p = node([NO_SYNC, './test/helpers/cpu-backend.ts'], args);
  assert.equal(p.status, 0, p.stderr);
});

test('train (with resume and a grown network) → analyze → timeline → export → verify → report on cpu with every synchronous read throwing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urn-async-'));
  const run = join(dir, 'run');
  const urn = (...args: string[]) => {
    const p = node([NO_SYNC, './test/helpers/cpu-backend.ts'], ['src/cli/main.ts', ...args]);
    assert.equal(p.status, 0, `urn ${args[0]}: ${p.stderr}`);
    assert.doesNotMatch(p.stderr, /self-check (failed|threw)/, 'the native self-check reads asynchronously too');
    return JSON.parse(p.stdout.trim().split('\n').pop()!);
  };
  const small = ['--S', '32', '--I', '3', '--n-train', '300', '--n-test', '100', '--cW', '1e-3', '--cN', '1e-2', '--checkpoint-every', '2', '--backend', 'cpu', '--out', run, '--json'];
  urn('train', ...small, '--epochs', '3');
  const resumed = urn('train', ...small, '--epochs', '4', '--resume');
  assert.equal(resumed.backend?.name ?? resumed.backend, 'cpu', JSON.stringify(resumed.backend));
  urn('analyze', run, '--json');
  urn('timeline', run, '--json');
  const model = join(dir, 'model.urn');
  urn('export', run, '--out', model, '--tolerance', '1', '--min-agreement', '0', '--json');
  urn('verify', model, '--against', run, '--tolerance', '1', '--min-agreement', '0', '--json');
  urn('report', run, '--json');
  const grown = join(dir, 'grown');
  urn('train', '--structure', 'grow-reserve', '--dataset', 'spirals', '--n-train', '200', '--steps', '30', '--p-add', '1', '--batch', '32', '--eval-every', '15', '--out', grown, '--json');
  urn('train', '--structure', 'grow-gated', '--dataset', 'bessel', '--steps', '20', '--eval-every', '10', '--json');
});
