import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTrainMemory, estimateTrainMemory, memoryLimit, WASM_HEAP_BYTES } from '../../src/train/memory.js';
import { ResourceError } from '../../src/errors.js';

test('the estimate counts W, b and four optimiser copies, the length matrix with c_syn, and 4I + 2 B×S arrays', () => {
  const S = 20000;
  const e = estimateTrainMemory(S, 4, 128);
  const p = 4 * (S * S + S);
  assert.equal(e.largestBuffer, 4 * S * S);
  assert.equal(e.device, 5 * p + 18 * 4 * 128 * S);
  assert.equal(e.total, e.device + 6 * p);
  assert.equal(estimateTrainMemory(S, 4, 128, { lengths: true }).device - e.device, 4 * S * S);
});

test('S = 20,000 is refused up front on a device too small for it, on a buffer limit below W, and against the RAM', () => {
  const fits = { ram: 1e12, device: 150e9, buffer: 2 ** 32, name: 'an H200-sized GPU' };
  checkTrainMemory({ S: 20000, I: 4 }, 4000, 'webgpu', fits);
  checkTrainMemory({ S: 20000, I: 4 }, 4000, 'webgpu', { ...fits, device: null, buffer: null, name: 'unknown' });
  assert.throws(() => checkTrainMemory({ S: 20000, I: 4 }, 4000, 'webgpu', { ...fits, device: 8e9, name: 'a small GPU' }), /over the 7\.5 GiB limit of a small GPU/);
  assert.throws(() => checkTrainMemory({ S: 20000, I: 4 }, 4000, 'webgpu', { ...fits, buffer: 2 ** 30 }), (e: unknown) => e instanceof ResourceError && /one 1\.5 GiB buffer but an H200-sized GPU allows 1\.0 GiB per buffer/.test(e.message));
  assert.throws(() => checkTrainMemory({ S: 20000, I: 4 }, 128, 'cpu', { ...fits, ram: 4e9 }), /in all .* over the 3\.7 GiB limit/);
});

test('c_syn\'s length matrix can be what tips a run over the limit', () => {
  const S = 12000;
  const e = estimateTrainMemory(S, 4, 64);
  const limit = { ram: 1e12, device: e.device + 1, buffer: null, name: 'a tight device' };
  checkTrainMemory({ S, I: 4 }, 64, 'wasm', limit);
  assert.throws(() => checkTrainMemory({ S, I: 4 }, 64, 'wasm', limit, { lengths: true }), /lengths 0\.54 GiB/);
});

test('the limits: wasm is capped at its 4 GiB heap, other CPU backends at the RAM, neither with a buffer limit', () => {
  const w = memoryLimit('wasm');
  assert.ok(w.device! <= WASM_HEAP_BYTES && w.buffer === null);
  const c = memoryLimit('cpu');
  assert.ok(c.device === c.ram && c.ram > 0 && c.buffer === null);
});
