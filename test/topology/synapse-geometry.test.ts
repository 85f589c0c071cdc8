import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synapseGeometry } from '../../src/topology/synapse-geometry.js';
import { csrFromDense } from '../../src/core/csr.js';
import { gridCoords } from '../../src/core/geometry.js';
import { resolveConfig } from '../../src/core/config.js';
import { assertClose, F32 } from '../helpers/tolerance.js';

// Four neurons placed by hand; W[i*S + j] is the synapse j → i.
const S = 4;
const BETA = 4;
const coords = Float32Array.of(
  0, 0, 1, // 0
  1, 0, 1, // 1
  0, 0, 2, // 2
  3, 4, 3, // 3
);
function handW(): Float32Array {
  const W = new Float32Array(S * S);
  const put = (from: number, to: number, w: number) => (W[to * S + from] = w);
  put(0, 2, 2); // forward, z 1 → 2: d = √(β·1) = 2
  put(1, 3, -1); // forward, z 1 → 3: d = √(4 + 16 + β·4) = 6
  put(2, 0, 0.5); // backward, z 2 → 1: d = 2
  put(0, 1, -1.5); // same z: d = 1
  put(1, 1, 7); // a self-loop: no direction, no length, left out
  return W;
}

test('shares of Σ|W| and lengths of a hand-made W: forward 3/5, backward 1/10, same z 3/10', () => {
  const g = synapseGeometry(csrFromDense(handW(), S, 0), coords, BETA);
  assertClose([g.forwardShare, g.backwardShare, g.sameZShare], [2 + 1, 0.5, 1.5].map((w) => w / 5), F32);
  assert.deepEqual([g.forward, g.backward, g.sameZ], [2, 1, 1]);
  assertClose([g.meanLength], [(2 + 6 + 2 + 1) / 4], F32);
  // Σ|w|·d / Σ|w| = (2·2 + 1·6 + 0.5·2 + 1.5·1) / 5
  assertClose([g.weightedMeanLength], [12.5 / 5], F32);
});

test('direction is source → target: the transposed W swaps forward and backward', () => {
  const W = handW();
  const T = new Float32Array(S * S);
  for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) T[j * S + i] = W[i * S + j];
  const g = synapseGeometry(csrFromDense(T, S, 0), coords, BETA);
  assertClose([g.forwardShare, g.backwardShare, g.sameZShare], [0.1, 0.6, 0.3], F32);
  assertClose([g.weightedMeanLength], [2.5], F32);
});

test('β scales only the z part of the length, and a threshold drops the weak synapses', () => {
  const g = synapseGeometry(csrFromDense(handW(), S, 0.75), coords, 1);
  // 2.5 (the 0→2 synapse at d = 1, the 1→3 at d = √24, the 0→1 at d = 1); 0.5 falls under the threshold
  assert.deepEqual([g.forward, g.backward, g.sameZ], [2, 0, 1]);
  assertClose([g.backwardShare], [0], F32);
  assertClose([g.weightedMeanLength], [(2 * 1 + 1 * Math.sqrt(24) + 1.5 * 1) / 4.5], F32);
});

test('on a grid config: inputs feeding the plane above are all forward, at length √β', () => {
  const cfg = resolveConfig({ S: 3 * 3 * 2, I: 2, dIn: 9, dOut: 1, geometry: { grid: [3, 3, 2], beta: 9, gamma: 1 } });
  const W = new Float32Array(cfg.S * cfg.S);
  const c = gridCoords(cfg)!;
  // every input (z = 1) to the neuron straight above it (same x, y at z = 2)
  for (let j = 0; j < 9; j++) {
    const i = Array.from({ length: 9 }, (_, k) => 9 + k).find((k) => c[3 * k] === c[3 * j] && c[3 * k + 1] === c[3 * j + 1])!;
    W[i * cfg.S + j] = 1 + j;
  }
  const g = synapseGeometry(csrFromDense(W, cfg.S, 0), c, 9);
  assert.deepEqual([g.forwardShare, g.backwardShare, g.sameZShare], [1, 0, 0]);
  assertClose([g.meanLength, g.weightedMeanLength], [3, 3], F32);
});

test('no synapses: every share and length is 0', () => {
  const g = synapseGeometry(csrFromDense(new Float32Array(S * S), S, 0), coords, BETA);
  assert.deepEqual([g.forwardShare, g.backwardShare, g.sameZShare, g.meanLength, g.weightedMeanLength], [0, 0, 0, 0, 0]);
});
