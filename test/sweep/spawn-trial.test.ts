import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childExecArgv } from '../../src/sweep/spawn-trial.js';

test("childExecArgv keeps our flags and drops the test runner's and the inspector's, with their values", () => {
  assert.deepEqual(childExecArgv(['--import', 'tsx', '--test', '--test-concurrency=2']), ['--import', 'tsx']);
  // A value given as the next argument goes with its flag (it would otherwise be run as the script).
  assert.deepEqual(childExecArgv(['--import', 'tsx', '--test-name-pattern', 'queue|restart', '--test-reporter', 'spec', '--max-old-space-size=4096']), [
    '--import',
    'tsx',
    '--max-old-space-size=4096',
  ]);
  assert.deepEqual(childExecArgv(['--test-only', '--import', 'tsx', '--inspect=9229', '--enable-source-maps']), ['--import', 'tsx', '--enable-source-maps']);
  assert.deepEqual(childExecArgv([]), []);
});
