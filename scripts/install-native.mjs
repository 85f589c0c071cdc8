#!/usr/bin/env node
/**
 * Build the optional native addon (build/Release/urn_native.node): CBLAS GEMM and a fused
 * L1 + Adam pass for the wasm and cpu backends. Tries node-gyp, then a direct `cc` call. Never
 * fails the install: on any problem it prints ONE line saying how to get the fast path.
 *
 *   node scripts/install-native.mjs          # what `npm install` / `npm ci` runs
 *   URN_NATIVE=0 npm ci                      # skip the build
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'Release', 'urn_native.node');
const hint = 'for the fast CPU path: apt-get install -y build-essential libopenblas-dev && npm run build:native';
const say = (msg) => process.stdout.write(`urn native: ${msg}\n`);

function nodeDir() {
  const prefix = join(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : null;
}

function run(cmd, args) {
  const p = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', timeout: 300_000 });
  const text = `${p.stdout ?? ''}${p.stderr ?? ''}`;
  return { ok: p.status === 0, why: p.error ? `${cmd}: ${p.error.message}` : lastError(text) };
}

function lastError(text) {
  const lines = text.split('\n').filter((l) => /error|cannot find|not found/i.test(l));
  return (lines[0] ?? text.trim().split('\n').pop() ?? '').trim().slice(0, 160);
}

function viaNodeGyp(dir) {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ].filter((p) => p && existsSync(p));
  if (!candidates.length) return { ok: false, why: 'node-gyp not found' };
  const args = [candidates[0], 'rebuild', '--loglevel=silent'];
  if (dir) args.push(`--nodedir=${dir}`);
  return run(process.execPath, args);
}

function viaCc(dir) {
  if (!dir) return { ok: false, why: 'Node headers (include/node/node_api.h) not found' };
  mkdirSync(dirname(out), { recursive: true });
  const cc = process.env.CC || 'cc';
  return run(cc, [
    '-O3', '-fPIC', '-shared', '-fno-math-errno', '-pthread', `-I${join(dir, 'include', 'node')}`,
    '-DNODE_GYP_MODULE_NAME=urn_native', join(root, 'native', 'urn_native.c'), '-o', out, '-lopenblas',
  ]);
}

if (process.env.URN_NATIVE === '0') {
  say(`skipped (URN_NATIVE=0); ${hint}`);
} else {
  const dir = nodeDir();
  const gyp = viaNodeGyp(dir);
  const direct = gyp.ok && existsSync(out) ? gyp : viaCc(dir);
  if (direct.ok && existsSync(out)) say(`built ${join('build', 'Release', 'urn_native.node')} (CBLAS)`);
  else say(`not built (${direct.why || gyp.why || 'the C compiler failed'}); training uses stock wasm; ${hint}`);
}
process.exit(0);
