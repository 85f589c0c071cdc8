import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { diagnoseVulkan } from '../../../src/train/webgpu/vulkan.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** initBackend in a child process (the backend choice is per process), with extra environment. */
function init(options: string, env: Record<string, string> = {}) {
  const code = `
    const { initBackend } = await import('./src/train/backend.ts');
    const r = await initBackend(${options});
    console.log(JSON.stringify(r));
    process.exit(0);`;
  const p = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000,
  });
  assert.equal(p.status, 0, p.stderr);
  return { report: JSON.parse(p.stdout.trim().split('\n').pop()!), stderr: p.stderr };
}

let dawnLoads = true;
try {
  await import('webgpu' as string);
} catch {
  dawnLoads = false;
}

test('webgpu comes first in the automatic order and is skipped here with what is missing', (t) => {
  const expected = diagnoseVulkan();
  if (!expected) return t.skip('this machine has a Vulkan loader and driver: the reason would come from Dawn');
  const { report, stderr } = init('{}');
  assert.notEqual(report.name, 'webgpu');
  assert.equal(report.skipped[0], `webgpu: ${expected}`);
  assert.equal(report.device, null);
  assert.doesNotMatch(stderr, /Couldn't load Vulkan/, "Dawn is not asked when the loader is missing: no warning from it");
});

test("--backend webgpu on Dawn's Null backend initialises tfjs-backend-webgpu and names the adapter", { skip: dawnLoads ? false : 'webgpu (Dawn) is not installed' }, () => {
  const { report } = init("{ backend: 'webgpu' }", { URN_DAWN_FLAGS: 'backend=null' });
  assert.equal(report.name, 'webgpu');
  assert.equal(report.tfBackend, 'webgpu');
  assert.equal(report.requested, true);
  assert.match(report.device, /Null backend/);
});

test('--backend webgpu without an adapter is a BackendError naming the reason', (t) => {
  const expected = diagnoseVulkan();
  if (!expected) return t.skip('this machine has a Vulkan loader and driver');
  const code = `
    const { initBackend } = await import('./src/train/backend.ts');
    try { await initBackend({ backend: 'webgpu' }); } catch (e) { console.log(JSON.stringify({ name: e.name, message: e.message })); }`;
  const p = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  const r = JSON.parse(p.stdout.trim().split('\n').pop()!);
  assert.equal(r.name, 'BackendError');
  assert.ok(r.message.includes(expected));
});
