import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tf } from '../../../src/train/tf.js';
import { initBackend } from '../../../src/train/backend.js';
import { loadNative, type NativeAddon } from '../../../src/train/kernels/native.js';
import { blasCoreFor, blasCoreOf, cpuFlags } from '../../../src/train/kernels/blas-core.js';
import { configureAccel } from '../../../src/train/kernels/accel.js';
import { installNativeMatMul, uninstallNativeMatMul, nativeMatMulCalls } from '../../../src/train/kernels/native-matmul.js';
import { nativeAdamCalls } from '../../../src/train/kernels/native-adam.js';
import { checkNativeKernels } from '../../../src/train/kernels/self-check.js';
import { resolveConfig } from '../../../src/core/config.js';
import { createModel, disposeModel } from '../../../src/train/model.js';
import { createAdamL1 } from '../../../src/train/adam.js';
import { ADAM_DEFAULTS } from '../../../src/train/adam.js';
import { trainStep } from '../../../src/train/step.js';
import { initParams } from '../../../src/train/init.js';
import { createRng } from '../../../src/util/rng.js';
import { noLeak } from '../../helpers/backend.js';
import { assertClose, F32_REDUCED } from '../../helpers/tolerance.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { addon, reason } = loadNative();
const skip = addon ? false : `native addon not available (${reason})`;

before(async () => {
  await initBackend({ backend: 'wasm' });
});

/** Adam's learning rate and the number of steps of `steps`. */
const LR = 1e-2;
const STEPS = 4;

/** A few Adam steps of a small URN through the custom gradient; returns W afterwards. */
function steps(seed: number, l1: 'subgradient' | 'proximal' = 'subgradient'): Float32Array {
  const cfg = resolveConfig({ S: 40, I: 3, dIn: 5, dOut: 2, seed });
  const model = createModel(cfg, initParams(cfg));
  const adam = createAdamL1([model.W, model.b], { ...ADAM_DEFAULTS, lr: LR });
  const rng = createRng(seed);
  const x = tf.tensor2d(Float32Array.from({ length: 16 * 5 }, () => rng.normal()), [16, 5]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from({ length: 16 }, (_, k) => k % 2), 'int32'), 2)) as tf.Tensor2D;
  for (let k = 0; k < STEPS; k++) trainStep(model, adam, x, y, { cW: 1e-3, cN: 1e-3, cSyn: 0, l1 }).dispose();
  const W = Float32Array.from(model.W.dataSync() as Float32Array);
  tf.dispose([x, y]);
  adam.dispose();
  disposeModel(model);
  return W;
}

/**
 * `assertClose` with F32_REDUCED for all but 1% of the elements, and those within 1e-3 of the
 * steps' whole travel (STEPS · LR). Adam divides each gradient by its own running scale, so where
 * a weight's gradient is near zero (under the proximal step the L1 term is not in it) a float32
 * rounding difference becomes a visible fraction of a step: 2 of 1600 weights, away from 0, moved
 * 0.7–1.6e-5 on OpenBLAS's Haswell kernels. A wrong kernel moves most elements.
 */
function assertCloseAfterAdam(actual: Float32Array, expected: Float32Array, what: string): void {
  const bound = 1e-3 * STEPS * LR;
  const far = Array.from(actual, (_, k) => k).filter((k) => !(Math.abs(actual[k] - expected[k]) <= F32_REDUCED.atol + F32_REDUCED.rtol * Math.abs(expected[k])));
  assert.ok(far.length <= 0.01 * expected.length, `${what}: ${far.length} of ${expected.length} elements outside F32_REDUCED`);
  for (const k of far) assert.ok(Math.abs(actual[k] - expected[k]) <= bound, `${what}[${k}]: ${actual[k]} ≠ ${expected[k]} by more than ${bound}`);
}

test('the native kernels and Adam pass give the stock results on wasm and cpu', { skip }, async () => {
  for (const kind of ['wasm', 'cpu'] as const) {
    await initBackend({ backend: kind });
    assert.deepEqual((await configureAccel(kind, { native: false })).accel.includes('native-blas'), false);
    const stock = await noLeak(() => steps(3));
    const stockProx = await noLeak(() => steps(3, 'proximal'));
    const report = await configureAccel(kind, { native: true });
    assert.ok(report.accel.includes('native-blas') && report.accel.includes('native-adam'), `${kind}: ${report.notes}`);
    const [mm, ad] = [nativeMatMulCalls.count, nativeAdamCalls.count];
    const fast = await noLeak(() => steps(3));
    const fastProx = await noLeak(() => steps(3, 'proximal'));
    assert.ok(nativeMatMulCalls.count > mm && nativeAdamCalls.count > ad + 4, `${kind}: the native path ran`);
    assertClose(fast, stock, F32_REDUCED, `${kind} W after 4 steps`);
    assertCloseAfterAdam(fastProx, stockProx, `${kind} W after 4 proximal steps`);
    const zeros = (w: Float32Array) => w.filter((v) => v === 0).length;
    assert.ok(zeros(stockProx) > 0 && zeros(fastProx) > 0, `${kind}: the proximal step gives exact zeros`);
    assert.equal(zeros(stock), 0, `${kind}: the subgradient step gives none`);
  }
  await initBackend({ backend: 'wasm' });
});

test('a wasm heap that grows between calls is read afresh', { skip }, async () => {
  await configureAccel('wasm');
  const a = tf.randomNormal([33, 17], 0, 1, 'float32', 1);
  const b = tf.randomNormal([17, 9], 0, 1, 'float32', 2);
  const before = tf.matMul(a, b).dataSync().slice();
  const big = tf.zeros([64 * 1024 * 1024 / 4 * 3]); // 192 MB: the heap must grow
  const after = tf.matMul(a, b).dataSync();
  assertClose(after, before);
  tf.dispose([a, b, big]);
});

test('the self-check catches a wrong kernel', { skip }, async () => {
  await initBackend({ backend: 'cpu' });
  await configureAccel('cpu', { native: false });
  const broken: NativeAddon = { ...(addon as NativeAddon), sgemm: () => undefined };
  installNativeMatMul(broken, 'cpu');
  assert.match((await checkNativeKernels(broken)) ?? '', /matMul/);
  uninstallNativeMatMul('cpu');
  const badAdam: NativeAddon = { ...(addon as NativeAddon), adamL1: () => [0, 0] };
  installNativeMatMul(addon as NativeAddon, 'cpu');
  assert.match((await checkNativeKernels(badAdam)) ?? '', /adamL1/);
  uninstallNativeMatMul('cpu');
  await configureAccel('cpu');
  await initBackend({ backend: 'wasm' });
});

test('URN_NATIVE=0 runs the same training on stock kernels (child process)', () => {
  const code = `
    import { initBackend } from './src/train/backend.js';
    import { train } from './src/train/train.js';
    import { makeSpheres } from './src/data/spheres.js';
    const report = await initBackend({ backend: 'wasm' });
    const r = await train({ data: makeSpheres({ d: 4, nTrain: 200, nTest: 50, seed: 2 }), config: { S: 30, I: 3, seed: 1 },
      options: { epochs: 2, batchSize: 25, lr: 1e-2, cW: 1e-4, cN: 1e-3, seed: 1, compact: false } });
    process.stdout.write(JSON.stringify({ accel: report.accel, notes: report.accelNotes, W: Array.from(r.model.W.dataSync()) }) + '\\n');`;
  const runChild = (env: Record<string, string>) => {
    const p = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000,
    });
    assert.equal(p.status, 0, p.stderr);
    return { ...JSON.parse(p.stdout.trim().split('\n').pop()!), stderr: p.stderr } as { accel: string[]; notes: string[]; W: number[]; stderr: string };
  };
  const off = runChild({ URN_NATIVE: '0' });
  assert.deepEqual(off.accel, ['wasm-transposed-matmul']);
  assert.match(off.notes.join(' '), /URN_NATIVE=0/);
  if (!addon) return;
  const on = runChild({});
  assert.ok(on.accel.includes('native-blas'));
  assertClose(on.W, off.W, F32_REDUCED, 'W after 2 epochs, native vs stock');
  if (!blasCoreOf(addon.info().blas) || !blasCoreFor(cpuFlags())) return;
  // Told a pre-AVX core, OpenBLAS still computes right, and the user hears that it is slow.
  const old = runChild({ OPENBLAS_CORETYPE: 'Prescott' });
  assertClose(old.W, off.W, F32_REDUCED, 'W after 2 epochs on Prescott kernels');
  assert.match(old.notes.join(' '), /Prescott kernels on a CPU with AVX2.*OPENBLAS_CORETYPE=/);
  assert.match(old.stderr, /^urn: OpenBLAS runs its Prescott kernels/m);
});

test('OpenBLAS runs the kernels the CPU\'s flags prove, or the user\'s OPENBLAS_CORETYPE, never a pre-AVX fallback', { skip }, () => {
  const want = blasCoreFor(cpuFlags());
  if (!blasCoreOf(addon!.info().blas) || !want) return; // another CBLAS, or a CPU without AVX2: nothing to choose
  // In children, so that both cases run whatever this process's environment holds.
  const statusWith = (coreType: string | undefined) => {
    const env: Record<string, string | undefined> = { ...process.env, OPENBLAS_CORETYPE: coreType };
    if (coreType === undefined) delete env.OPENBLAS_CORETYPE;
    const code = `import { loadNative } from './src/train/kernels/native.ts';
      const s = loadNative(); process.stdout.write(JSON.stringify({ reason: s.reason, warning: s.warning, coreFrom: s.coreFrom, env: process.env.OPENBLAS_CORETYPE }));`;
    const p = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', env, timeout: 60_000 });
    assert.equal(p.status, 0, p.stderr);
    return JSON.parse(p.stdout) as { reason: string; warning?: string; coreFrom: string; env: string };
  };
  const chosen = statusWith(undefined);
  assert.equal(chosen.coreFrom, 'cpu flags');
  assert.equal(chosen.env, want);
  assert.equal(chosen.warning, undefined, chosen.reason);
  assert.match(chosen.reason, /OpenBLAS [\d.]+, \w+, \d+ threads/);
  const mine = statusWith('Haswell'); // every CPU blasCoreFor names runs Haswell's kernels
  assert.equal(mine.coreFrom, 'OPENBLAS_CORETYPE');
  assert.equal(mine.env, 'Haswell', 'a user\'s value is kept');
  assert.match(mine.reason, want === 'Haswell' ? /, Haswell from OPENBLAS_CORETYPE, / : new RegExp(`, Haswell from OPENBLAS_CORETYPE \\(the CPU runs ${want}\\), `));
  assert.doesNotMatch(statusWith(want).reason, /the CPU runs/, 'no note when the user\'s core is the CPU\'s');
  assert.doesNotMatch(statusWith(want.toLowerCase()).reason, /the CPU runs/, 'OpenBLAS reads the name in any case');
  assert.equal(statusWith('').env, want, 'an empty value counts as unset');
  // This process: whichever applied, the core in use is not a pre-AVX one.
  assert.equal(loadNative().warning, undefined, loadNative().reason);
});
