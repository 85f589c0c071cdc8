import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FASHION_MNIST_DIR } from '../../src/data/fashion-mnist.js';

const PACK = '../shared/gpu/pack.sh';
const why = !existsSync(PACK)
  ? `${PACK} is not here (the GPU packer lives beside the repository on the team's machines)`
  : !existsSync('node_modules/webgpu/dist/linux-x64/dawn.node')
    ? 'node_modules/webgpu is not installed'
    : !statSync('.git', { throwIfNoEntry: false })?.isDirectory()
      ? 'not a git clone with a .git folder (pack.sh records .gpu/ in .git/info/exclude)'
      : false;

/** Bytes of every file under a folder. */
function bytesUnder(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((s, e) => s + statSync(join(e.parentPath, e.name)).size, 0);
}

// The GPU machine has no node_modules but the bundle's own: a bundle that imports a package
// gpu-pack.sh left out dies on load there, while here Node finds the package in the repository's
// node_modules above .gpu/. So the bundle is run from a copy outside the repository.
test('the GPU bundle runs from .gpu/ alone: both figures\' trials and Fig. 6 on its packed data end to end on cpu, and the check dispatches', { skip: why }, (t) => {
  const pack = spawnSync('bash', ['scripts/gpu-pack.sh'], { encoding: 'utf8', timeout: 180_000 });
  assert.equal(pack.status, 0, pack.stderr);
  assert.ok(bytesUnder('.gpu') < 64 * 2 ** 20, `.gpu must stay under the 64 MiB the GPU machine takes: ${bytesUnder('.gpu')} bytes`);
  const dir = mkdtempSync(join(tmpdir(), 'urn-gpu-pack-'));
  try {
    const gpu = join(dir, '.gpu');
    cpSync('.gpu', gpu, { recursive: true });
    const out = join(dir, 'out');
    const env = { ...process.env, OUT: out, URN_DEBUG: '' };
    const node = (...args: string[]) => spawnSync(process.execPath, args, { cwd: gpu, encoding: 'utf8', timeout: 240_000, env });
    const figs = node('gpu-figures.mjs', '--backend', 'cpu', '--S', '40', '--epochs', '1', '--seeds', '1', '--jobs', '1', '--out', join(dir, 'runs'));
    assert.equal(figs.status, 0, `${figs.stdout}\n${figs.stderr}`);
    assert.match(figs.stdout, /gpu-figures: \d+ s; both figures written/);
    for (const f of ['fig3.json', 'fig4.json', 'fig3-weights.png', 'fig4-activity.svg']) assert.ok(existsSync(join(out, f)), f);
    assert.equal(JSON.parse(readFileSync(join(out, 'fig3.json'), 'utf8')).trials.length, 1);
    // Fig. 6 on the Fashion-MNIST subset packed beside the bundle (the GPU machine has no dataset).
    if (existsSync(join(FASHION_MNIST_DIR, 'train-images-idx3-ubyte.gz'))) {
      const f6 = node('gpu-figures.mjs', 'fig6', '--backend', 'cpu', '--grid', '4,4,2', '--epochs', '1', '--n-train', '200', '--n-test', '100');
      assert.equal(f6.status, 0, `${f6.stdout}\n${f6.stderr}`);
      const r6 = JSON.parse(readFileSync(join(out, 'fig6-fmnist-4x4x2.json'), 'utf8'));
      assert.equal(r6.data.nTrain, 200);
      assert.ok(r6.withCsyn.testAccuracy >= 0 && r6.withoutCsyn.testAccuracy >= 0);
      assert.equal(r6.backend.name, 'cpu');
    } else t.diagnostic(`no Fashion-MNIST in ${FASHION_MNIST_DIR} (apt-get install dataset-fashion-mnist): fig6 from the bundle not run`);
    const check = node('gpu-figures.mjs', 'check', '--only', 'setup');
    assert.match(`${check.stdout}${check.stderr}`, /gpu-check: no adapter: backend: webgpu is not usable/, 'no GPU here: the check says so, rather than failing to load');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
