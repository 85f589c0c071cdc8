import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toReplay } from '../../src/export/replay.js';
import { toLayered } from '../../src/export/layered.js';
import { predict } from '../../src/runtime/predict.js';
import { createPool, type PredictPool } from '../../src/runtime/pool.js';
import { spawn, workerExecArgv } from '../../src/runtime/pool-handle.js';
import type { SparseModel } from '../../src/core/sparse-model.js';
import { ConfigError, DataFormatError } from '../../src/errors.js';
import { RULES, randomInputs, randomSnapshot } from '../export/fixtures.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bitEqual = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** Predict with big batches until a worker has run a share (workers start asynchronously); fails after 20 s. */
function untilWorkerRuns(pool: PredictPool, model: SparseModel): void {
  const n = 2048;
  const x = randomInputs(n, model.config.dIn, 1);
  for (const t0 = Date.now(); pool.shares.worker === 0; ) {
    assert.ok(Date.now() - t0 < 20_000, 'a worker ran a share within 20 s');
    pool.predict(model, x, n);
  }
}

for (const rule of RULES) {
  for (const [activation, density] of [['relu', 0.9], ['tanh', 0.05]] as const) {
    test(`the pool's logits equal predict's bit for bit, both forms: ${rule}, ${activation}, ${density > 0.5 ? 'dense' : 'CSR'} blocks`, () => {
      const snap = randomSnapshot({ S: 41, I: 4, dIn: 6, dOut: 3, rule, activation, density, seed: 5, biasScale: 0.5 });
      const models: SparseModel[] = [toReplay(snap, 0), toLayered(toReplay(snap, 0))];
      for (const threads of [2, 3]) {
        const pool = createPool({ threads, minBatch: 0 });
        try {
          untilWorkerRuns(pool, models[1]);
          for (const model of models) {
            for (const n of [0, 1, 7, 16, 24, 100, 333, 1031]) {
              const x = randomInputs(n, 6, n + 7);
              assert.ok(bitEqual(pool.predict(model, x, n), predict(model, x, n)), `${model.form}, ${threads} threads, n ${n}`);
            }
          }
          assert.ok(pool.shares.worker > 0);
        } finally {
          pool.close();
        }
      }
    });
  }
}

test('a batch in a SharedArrayBuffer is read in place by the workers, at any offset, with the same logits and errors', () => {
  const lm = toLayered(toReplay(randomSnapshot({ S: 30, I: 3, dIn: 4, dOut: 2, rule: 'plain', activation: 'relu', density: 0.5, seed: 3 }), 0));
  const pool = createPool({ threads: 2, minBatch: 0 });
  try {
    untilWorkerRuns(pool, lm);
    const n = 512;
    const plain = randomInputs(n + 3, 4, 11);
    // A view that starts 3 samples into the shared buffer, so the workers' offsets are not 0.
    const buffer = new SharedArrayBuffer(plain.byteLength);
    new Float32Array(buffer).set(plain);
    const x = new Float32Array(buffer, 3 * 4 * 4, n * 4);
    const copied = pool.shares.worker;
    const expected = predict(lm, plain.subarray(12), n);
    for (const t0 = Date.now(); pool.shares.worker === copied; ) {
      assert.ok(Date.now() - t0 < 20_000, 'a worker ran a share read from the caller\'s buffer within 20 s');
      assert.ok(bitEqual(pool.predict(lm, x, n), expected));
    }
    x[100 * 4 + 2] = Number.POSITIVE_INFINITY; // row 101, in the worker's share
    assert.throws(() => pool.predict(lm, x, n), (e: Error) => e instanceof DataFormatError && /row 101, feature 3/.test(e.message));
  } finally {
    pool.close();
  }
});

test('a non-finite input in a worker\'s share is named by its row in the whole batch', () => {
  const lm = toLayered(toReplay(randomSnapshot({ S: 30, I: 3, dIn: 4, dOut: 2, rule: 'plain', activation: 'relu', density: 0.5, seed: 3 }), 0));
  const pool = createPool({ threads: 2, minBatch: 0 });
  try {
    untilWorkerRuns(pool, lm);
    const worker = pool.shares.worker;
    const n = 512;
    const x = randomInputs(n, 4, 9);
    x[100 * 4 + 2] = Number.NaN; // row 101, in the worker's share (the first half)
    assert.throws(() => pool.predict(lm, x, n), (e: Error) => e instanceof DataFormatError && /row 101, feature 3/.test(e.message));
    assert.equal(pool.shares.worker + pool.shares.takenBack > worker, true);
    x[100 * 4 + 2] = 0;
    assert.ok(bitEqual(pool.predict(lm, x, n), predict(lm, x, n)), 'the pool still works after the error');
  } finally {
    pool.close();
  }
});

test('bad options and a closed pool raise ConfigError; small batches stay on the calling thread', () => {
  assert.throws(() => createPool({ threads: 0 }), ConfigError);
  assert.throws(() => createPool({ threads: 1.5 }), ConfigError);
  assert.throws(() => createPool({ spin: -1 }), ConfigError);
  const lm = toLayered(toReplay(randomSnapshot({ S: 30, I: 3, dIn: 4, dOut: 2, rule: 'plain', activation: 'relu', density: 0.5, seed: 3 }), 0));
  const pool = createPool({ threads: 2, minBatch: 64 });
  const x = randomInputs(63, 4, 2);
  assert.ok(bitEqual(pool.predict(lm, x, 63), predict(lm, x, 63)));
  assert.deepEqual(pool.shares, { worker: 0, takenBack: 0 });
  pool.close();
  assert.throws(() => pool.predict(lm, x, 63), ConfigError);
});

test('a pool never keeps the process alive, closed or not', () => {
  for (const close of [true, false]) {
    const script = `
      import { createPool } from './src/runtime/pool.ts';
      import { toReplay } from './src/export/replay.ts';
      import { toLayered } from './src/export/layered.ts';
      import { randomInputs, randomSnapshot } from './test/export/fixtures.ts';
      const lm = toLayered(toReplay(randomSnapshot({ S: 30, I: 3, dIn: 4, dOut: 2, rule: 'plain', activation: 'relu', density: 0.5, seed: 3 }), 0));
      const pool = createPool({ threads: 2, minBatch: 0 });
      for (const t0 = Date.now(); pool.shares.worker === 0 && Date.now() - t0 < 20000; ) pool.predict(lm, randomInputs(512, 4, 1), 512);
      console.log('worker shares ' + (pool.shares.worker > 0));
      ${close ? 'pool.close();' : ''}
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.match(out, /worker shares true/, `close: ${close}`);
  }
});

test('rebalance moves a worker\'s fraction by 1/32 towards the slower side, within [½, 1½] of an even share', async () => {
  const { rebalance } = await import('../../src/runtime/pool.js');
  assert.equal(rebalance(0.5, 1, 2), 0.5 * (1 + 1 / 32));
  assert.equal(rebalance(0.5, -1, 2), 0.5 * (1 - 1 / 32));
  assert.equal(rebalance(0.5, 0, 2), 0.5);
  let f = 0.5;
  for (let i = 0; i < 100; i++) f = rebalance(f, 1, 2);
  assert.equal(f, 0.75);
  for (let i = 0; i < 200; i++) f = rebalance(f, -1, 2);
  assert.equal(f, 0.25);
  // with 3 workers (4 threads) the workers never take the calling thread's last 5%
  let g = 0.25;
  for (let i = 0; i < 100; i++) g = rebalance(g, 2, 4);
  assert.equal(g, 0.95 / 3);
});

test('workers do not inherit --input-type, which Node.js refuses in a worker started from a file', () => {
  assert.deepEqual(workerExecArgv(['--input-type=module', '--no-warnings', '-e', 'x']), ['--no-warnings', '-e', 'x']);
  assert.deepEqual(workerExecArgv(['--input-type', 'module', '--import', 'tsx']), ['--import', 'tsx']);
  assert.deepEqual(workerExecArgv([]), []);
});

test('a worker that stops is recorded on its handle, not thrown at the process', async () => {
  const h = spawn(0);
  await h.worker.terminate();
  for (const t0 = Date.now(); h.failure === undefined && Date.now() - t0 < 5000; ) await new Promise((r) => setTimeout(r, 10));
  assert.match(h.failure ?? '', /exited with code/);
  h.port.close();
});

test('the built pool runs its workers in a process started with --input-type=module -e (dist/, as installed)', (t) => {
  const dist = resolve(root, 'dist/runtime/pool-handle.js');
  if (!existsSync(dist) || statSync(dist).mtimeMs < statSync(resolve(root, 'src/runtime/pool-handle.ts')).mtimeMs) {
    t.skip('dist/ is missing or older than src/: run npm run build (npm ci does)');
    return;
  }
  const script = `
    import { createPool } from './dist/index.js';
    import { toLayered } from './dist/export/layered.js';
    import { toReplay } from './dist/export/replay.js';
    const S = 30, W = new Float32Array(S * S).map((_, k) => (k % 7 === 0 ? Math.sin(k) : 0)), b = new Float32Array(S).fill(0.1);
    const lm = toLayered(toReplay({ config: { S, I: 3, dIn: 4, dOut: 2, rule: 'plain', activation: 'relu', seed: 1 }, W, b }, 0));
    const pool = createPool({ threads: 2, minBatch: 0 });
    const x = new Float32Array(512 * 4).map((_, k) => Math.cos(k));
    for (const t0 = Date.now(); pool.shares.worker === 0 && Date.now() - t0 < 20000; ) {
      pool.predict(lm, x, 512);
      await new Promise((r) => setTimeout(r, 1));
    }
    console.log('worker shares ' + pool.shares.worker);
    pool.close();
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /worker shares [1-9]/);
});
