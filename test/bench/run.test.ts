import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

test('a bench given a bad flag prints one typed line and the CLI exit code, not a stack', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'fig6-fmnist', '--only', 'both'], { encoding: 'utf8', env: { ...process.env, URN_DEBUG: '' } });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trim(), 'bench fig6-fmnist: ConfigError: --only must be with or without, got "both".');
});

test('an unknown bench name is a usage error that lists the benches', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'no-such-bench'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^usage: npm run bench -- <name>/);
  assert.match(r.stderr, /fig6-fmnist/);
});
