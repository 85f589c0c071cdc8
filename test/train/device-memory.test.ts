import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDeviceMemory, deviceLimits, estimateDeviceMemory } from '../../src/train/device-memory.js';
import { ConfigError } from '../../src/errors.js';

test('the estimate counts five S² arrays (six with lengths) and the per-iteration B×S arrays', () => {
  const e = estimateDeviceMemory({ S: 20000, B: 128, I: 4, lengths: false });
  assert.equal(e.largestBuffer, 4 * 20000 ** 2);
  assert.equal(e.bytes, 5 * 4 * 20000 ** 2 + 18 * 4 * 128 * 20000);
  assert.equal(estimateDeviceMemory({ S: 20000, B: 128, I: 4, lengths: true }).bytes - e.bytes, 4 * 20000 ** 2);
});

test('S = 20,000 is refused up front on a device too small for it, and on a buffer limit below W', () => {
  const e = estimateDeviceMemory({ S: 20000, B: 4000, I: 4, lengths: false });
  assert.throws(() => checkDeviceMemory(e, { total: 8e9, buffer: null, name: 'a small GPU' }), ConfigError);
  assert.throws(() => checkDeviceMemory(e, { total: 150e9, buffer: 2 ** 30, name: 'a 1 GiB-binding GPU' }), ConfigError);
  checkDeviceMemory(e, { total: 150e9, buffer: 2 ** 32, name: 'an H200-sized GPU' });
  checkDeviceMemory(e, { total: null, buffer: null, name: 'unknown' });
});

test('off webgpu the limit is the RAM of this machine', () => {
  const d = deviceLimits('cpu');
  assert.ok(d.total! > 0 && d.buffer === null);
});
