import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// @tensorflow/tfjs-node(-gpu) cannot be installed here (their install script downloads
// libtensorflow), so these tests put stand-ins on NODE_PATH: CommonJS packages that, like the
// real ones, require '@tensorflow/tfjs' and register a 'tensorflow' backend (here the cpu
// backend's kernels under that name, with the real backend's `isUsingGpuDevice` flag).

const root = fileURLToPath(new URL('../../', import.meta.url));

type Fake = 'cuda' | 'no-cuda' | 'throws';

function fakePackage(dir: string, name: string, kind: Fake): void {
  const pkg = join(dir, '@tensorflow', name);
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: `@tensorflow/${name}`, version: '4.22.0', main: 'index.js' }));
  const body =
    kind === 'throws'
      ? `throw new Error('libtensorflow.so.2: cannot open shared object file');`
      : `const tf = require('@tensorflow/tfjs');
const { MathBackendCPU } = require('@tensorflow/tfjs-backend-cpu');
class FakeTensorflowBackend extends MathBackendCPU {}
FakeTensorflowBackend.prototype.isUsingGpuDevice = ${kind === 'cuda'};
if (!tf.findBackendFactory('tensorflow')) {
  tf.registerBackend('tensorflow', () => new FakeTensorflowBackend(), 3);
  for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'tensorflow' });
}
module.exports = tf;`;
  writeFileSync(join(pkg, 'index.js'), body);
}

/** initBackend() in a child with the given stand-ins, then a few custom-gradient steps on it. */
function detect(fakes: { gpu?: Fake; node?: Fake }) {
  const dir = mkdtempSync(join(tmpdir(), 'urn-fake-tfjs-node-'));
  if (fakes.gpu) fakePackage(dir, 'tfjs-node-gpu', fakes.gpu);
  if (fakes.node) fakePackage(dir, 'tfjs-node', fakes.node);
  const code = `
    const { initBackend } = await import('./src/train/backend.ts');
    const { tf } = await import('./src/train/tf.ts');
    const { train } = await import('./src/train/train.ts');
    const { makeSpheres } = await import('./src/data/spheres.ts');
    const r = await initBackend();
    const data = makeSpheres({ d: 4, nTrain: 64, nTest: 16, seed: 1 });
    const { final, model } = await train({ data, config: { S: 16, I: 2 }, options: { epochs: 1, batchSize: 32 } });
    console.log(JSON.stringify({ ...r, tfNow: tf.getBackend(), loss: final.loss }));`;
  const p = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: [dir, join(root, 'node_modules')].join(':') },
    timeout: 120_000,
  });
  assert.equal(p.status, 0, p.stderr);
  return JSON.parse(p.stdout.trim().split('\n').pop()!) as { name: string; tfBackend: string; skipped: string[]; tfNow: string; loss: number };
}

/** The skipped lines after webgpu's (these machines have no GPU, so webgpu is always skipped first). */
function withoutWebgpu(skipped: string[]): string[] {
  assert.match(skipped[0], /^webgpu: .+/);
  return skipped.slice(1);
}

test('tfjs-node is picked over wasm when it loads, and trains on its tensorflow backend', () => {
  const r = detect({ node: 'no-cuda' });
  assert.equal(r.name, 'tensorflow');
  assert.equal(r.tfNow, 'tensorflow');
  assert.deepEqual(withoutWebgpu(r.skipped), ['tensorflow-gpu: @tensorflow/tfjs-node-gpu is not installed']);
  assert.ok(Number.isFinite(r.loss));
});

test('tfjs-node-gpu is picked first when it sees a CUDA device', () => {
  const r = detect({ gpu: 'cuda', node: 'no-cuda' });
  assert.equal(r.name, 'tensorflow-gpu');
  assert.equal(r.tfNow, 'tensorflow');
  assert.deepEqual(withoutWebgpu(r.skipped), []);
});

test('tfjs-node-gpu without a CUDA device is skipped with that reason', () => {
  const r = detect({ gpu: 'no-cuda', node: 'no-cuda' });
  assert.equal(r.name, 'tensorflow');
  assert.deepEqual(withoutWebgpu(r.skipped), ['tensorflow-gpu: @tensorflow/tfjs-node-gpu found no CUDA device']);
});

test('a tfjs-node that fails to load (no libtensorflow) falls back to wasm and says why', () => {
  const r = detect({ node: 'throws' });
  assert.equal(r.name, 'wasm');
  assert.equal(withoutWebgpu(r.skipped).length, 2);
  assert.match(withoutWebgpu(r.skipped)[1], /^tensorflow: @tensorflow\/tfjs-node failed to load: libtensorflow\.so\.2/);
});
