import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { initBackend } from '../../src/train/backend.js';
import { ConfigError } from '../../src/errors.js';

test('auto-selection reports the chosen backend and why faster ones were skipped', async () => {
  const r = await initBackend();
  const order = ['webgpu', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
  assert.ok(order.includes(r.name));
  const skippedNames = r.skipped.map((s) => s.split(':')[0]);
  assert.deepEqual(skippedNames, order.slice(0, order.indexOf(r.name)));
  for (const s of r.skipped) assert.match(s, /: .+/);
});

test('an unknown backend is a ConfigError', async () => {
  await assert.rejects(initBackend({ backend: 'tpu' as never }), ConfigError);
});

test('forcing cpu works and tfjs prints no "install tfjs-node" banner', () => {
  const code = `
    const { initBackend } = await import('./src/train/backend.ts');
    const { tf } = await import('./src/train/tf.ts');
    const r = await initBackend({ backend: 'cpu' });
    tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)).dataSync());
    console.log(JSON.stringify(r));`;
  const p = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
  const r = JSON.parse(p.stdout.trim().split('\n').pop()!);
  assert.equal(r.name, 'cpu');
  assert.equal(r.requested, true);
  assert.doesNotMatch(p.stdout + p.stderr, /tfjs-node|Hi, looks like/);
});
