import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as errors from '../../src/errors.js';
import * as main from '../../src/index.js';
import * as runtime from '../../src/runtime/index.js';

test('the main entry exports every error class of the UrnError family', () => {
  const classes = Object.entries(errors).filter(([, v]) => typeof v === 'function' && (v === errors.UrnError || v.prototype instanceof errors.UrnError));
  assert.ok(classes.length >= 8);
  for (const [name] of classes) assert.ok(name in main, `src/index.ts does not export ${name}`);
});

test('the main entry does not export internals', () => {
  for (const name of ['prefix', 'failWith', 'phiOf', 'relu', 'neuronId', 'kthSmallestAbs', 'maxAbs', 'headOf', 'encodePng', 'decodePng']) {
    assert.ok(!(name in main), `src/index.ts exports the internal ${name}`);
  }
});

test('the runtime entry is a subset of the main entry', () => {
  for (const name of Object.keys(runtime)) assert.ok(name in main, `${name} is in ./runtime but not in the main entry`);
});
