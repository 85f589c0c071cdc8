import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/core/config.js';
import { gridCoords, synapseLengthMatrix, upliftDistance } from '../../src/core/geometry.js';
import { gatherSquare } from '../../src/train/compact.js';

const cfg = resolveConfig({ S: 5 * 4 * 3, I: 2, dIn: 20, dOut: 2, geometry: { grid: [5, 4, 3], beta: 4, gamma: 2 } });

test('inputs fill the z=1 plane in row-major order; outputs sit at the centre of the top plane', () => {
  const c = gridCoords(cfg)!;
  for (let i = 0; i < 20; i++) assert.deepEqual([c[3 * i], c[3 * i + 1], c[3 * i + 2]], [i % 5, Math.floor(i / 5), 1]);
  for (let i = 20; i < 40; i++) assert.equal(c[3 * i + 2], 2);
  // The centre of a 5×4 plane is (2, 1.5): cells (2,1) and (2,2) are nearest; they are the outputs.
  const outs = [58, 59].map((i) => [c[3 * i], c[3 * i + 1], c[3 * i + 2]]);
  assert.deepEqual(outs, [[2, 1, 3], [2, 2, 3]]);
  // Every cell of the grid appears exactly once.
  const seen = new Set<string>();
  for (let i = 0; i < cfg.S; i++) seen.add(`${c[3 * i]},${c[3 * i + 1]},${c[3 * i + 2]}`);
  assert.equal(seen.size, cfg.S);
  assert.equal(gridCoords(resolveConfig({ S: 8, I: 1, dIn: 2, dOut: 2 })), undefined);
});

test('uplift distances follow ds² = dx² + dy² + β·dz², and the length matrix is d^γ off the diagonal', () => {
  const c = gridCoords(cfg)!;
  // neuron 0 at (0,0,1) and neuron 59 at (2,2,3): dx²+dy² = 8, β·dz² = 4·4 = 16.
  assert.equal(upliftDistance(c, 0, 59, 4), Math.sqrt(24));
  const D = synapseLengthMatrix(c, cfg.S, 4, 2);
  assert.equal(D[0 * cfg.S + 59], Math.fround(24));
  assert.equal(D[59 * cfg.S + 0], Math.fround(24));
  for (let i = 0; i < cfg.S; i++) assert.equal(D[i * cfg.S + i], 0);
});

test('a compacted grid keeps the coordinates of its cells, and its length matrix is the full one gathered', () => {
  const cells = [...Array.from({ length: 20 }, (_, i) => i), 23, 31, 40, 44, 52, 58, 59];
  const small = resolveConfig({ ...cfg, S: cells.length, geometry: { ...cfg.geometry!, cells } });
  const full = gridCoords(cfg)!;
  const c = gridCoords(small)!;
  assert.equal(c.length, 3 * cells.length);
  cells.forEach((cell, i) => assert.deepEqual(Array.from(c.subarray(3 * i, 3 * i + 3)), Array.from(full.subarray(3 * cell, 3 * cell + 3))));
  const D = synapseLengthMatrix(full, cfg.S, 4, 2);
  assert.deepEqual(synapseLengthMatrix(c, small.S, 4, 2), gatherSquare(D, cfg.S, Int32Array.from(cells)));
});
