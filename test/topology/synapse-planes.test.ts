import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synapsePlanes } from '../../src/topology/synapse-planes.js';
import { synapseGeometry } from '../../src/topology/synapse-geometry.js';
import { csrFromDense } from '../../src/core/csr.js';
import { assertClose, F32 } from '../helpers/tolerance.js';

// Five neurons on planes z = 1, 1, 2, 4, 4 (z = 3 holds none); W[i*S + j] is j → i.
const S = 5;
const coords = Float32Array.of(0, 0, 1, 1, 0, 1, 0, 0, 2, 0, 0, 4, 1, 1, 4);
function handW(): Float32Array {
  const W = new Float32Array(S * S);
  const put = (from: number, to: number, w: number) => (W[to * S + from] = w);
  put(0, 1, 1); // z 1 → 1
  put(1, 2, -2); // z 1 → 2
  put(0, 3, 3); // z 1 → 4
  put(2, 4, 1); // z 2 → 4
  put(4, 2, -2); // z 4 → 2
  put(3, 4, 1); // z 4 → 4
  put(2, 2, 9); // a self-loop: left out
  return W;
}

test('Σ|w| shares by (source plane, target plane) of a hand-made W', () => {
  const p = synapsePlanes(csrFromDense(handW(), S, 0), coords);
  assert.deepEqual(p.planes, [1, 2, 4]);
  const expected = [
    [1, 2, 3],
    [0, 0, 1],
    [0, 2, 1],
  ].map((r) => r.map((v) => v / 10));
  p.share.forEach((row, a) => assertClose(row, expected[a], F32, `share[${a}]`));
});

test('the diagonal, upper and lower triangles are synapseGeometry\'s same-z, forward and backward shares', () => {
  const csr = csrFromDense(handW(), S, 0);
  const p = synapsePlanes(csr, coords);
  const g = synapseGeometry(csr, coords, 1);
  let same = 0, fw = 0, bw = 0;
  p.share.forEach((row, a) => row.forEach((v, b) => (a === b ? (same += v) : a < b ? (fw += v) : (bw += v))));
  assertClose([same, fw, bw], [g.sameZShare, g.forwardShare, g.backwardShare], F32);
});

test('no synapses: every share is 0', () => {
  const p = synapsePlanes(csrFromDense(new Float32Array(S * S), S, 0), coords);
  assert.deepEqual(p.share, [[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
});
