import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../../src/train/tf.js';
import { resolveConfig, type UrnConfig } from '../../../src/core/config.js';
import { compactState, identityIds, type CompactState } from '../../../src/train/compact.js';
import { growState, reindexSquare, reindexVector, shrinkState } from '../../../src/train/structure/resize.js';
import { newOutgoing, outgoingNorms, RESERVE_DEFAULTS } from '../../../src/train/structure/reserve.js';
import { sequenceOutputs, staticOutputs } from '../../../src/train/structure/forward.js';
import { createRng } from '../../../src/util/rng.js';
import { ConfigError } from '../../../src/errors.js';
import { setupBackend, noLeak } from '../../helpers/backend.js';
import { assertClose, F32 } from '../../helpers/tolerance.js';

before(setupBackend);

function randomState(cfg: UrnConfig, seed: number): CompactState {
  const rng = createRng(seed);
  const r = (n: number, s: number) => Float32Array.from({ length: n }, () => rng.normal() * s);
  const S = cfg.S;
  return { config: cfg, W: r(S * S, 0.5), b: r(S, 0.1), adam: { t: 7, m: [r(S * S, 1), r(S, 1)], v: [r(S * S, 1), r(S, 1)] }, neuronIds: identityIds(S) };
}

const outputsOf = (s: CompactState, x: Float32Array, n: number): Float32Array =>
  tf.tidy(() => staticOutputs(s.config, { W: tf.tensor2d(s.W, [s.config.S, s.config.S]), b: tf.tensor1d(s.b) }, tf.tensor2d(x, [n, s.config.dIn])).dataSync() as Float32Array);

const sequenceOf = (s: CompactState, symbols: number[]): Float32Array =>
  tf.tidy(() => {
    const xs = symbols.map((k) => tf.oneHot(tf.tensor1d([k], 'int32'), s.config.S).toFloat() as tf.Tensor2D);
    return sequenceOutputs(s.config, { W: tf.tensor2d(s.W, [s.config.S, s.config.S]), b: tf.tensor1d(s.b) }, xs).dataSync() as Float32Array;
  });

test('reindex with −1 inserts zero rows, columns and entries', () => {
  assert.deepEqual(Array.from(reindexSquare(Float32Array.of(1, 2, 3, 4), 2, Int32Array.of(0, -1, 1))), [1, 0, 2, 0, 0, 0, 3, 0, 4]);
  assert.deepEqual(Array.from(reindexVector(Int32Array.of(5, 6), Int32Array.of(0, -1, 1), 9)), [5, 9, 6]);
});

test('a growth step leaves the function unchanged (static and sequence, tanh, every rule)', async () => {
  for (const rule of ['plain', 'residual-output', 'residual-input'] as const) {
    const cfg = resolveConfig({ S: 9, I: 3, dIn: 4, dOut: 4, rule, activation: 'tanh', seed: 1 });
    let s = randomState(cfg, 2);
    const x = Float32Array.from({ length: 5 * 4 }, (_, k) => Math.sin(k));
    const before1 = outputsOf(s, x, 5);
    const before2 = sequenceOf(s, [2, 0, 1, 0, 1, 3, 2]);
    const rng = createRng(3);
    await noLeak(() => {
      for (let k = 0; k < 3; k++) s = growState(s, newOutgoing(s.config, 0.05, rng));
    });
    assert.equal(s.config.S, 12);
    // Equal up to float32 summation order (the new neuron adds exact zeros to each sum).
    assertClose(outputsOf(s, x, 5), before1, F32);
    assertClose(sequenceOf(s, [2, 0, 1, 0, 1, 3, 2]), before2, F32);
  }
});

test('growth inserts before the outputs: zero incoming row, Adam moments 0 there, fresh ids, the step count kept', () => {
  const cfg = resolveConfig({ S: 6, I: 2, dIn: 2, dOut: 2, activation: 'tanh' });
  const s = randomState(cfg, 4);
  const col = newOutgoing(cfg, 0.05, createRng(1));
  const g = growState(s, col);
  const at = 4;
  assert.deepEqual(Array.from(g.neuronIds), [0, 1, 2, 3, 6, 4, 5]);
  for (let j = 0; j < 7; j++) assert.equal(g.W[at * 7 + j], 0);
  for (let i = 0; i < 7; i++) if (i !== at) assert.equal(g.W[i * 7 + at], col[i]);
  assert.equal(g.W[5 * 7 + 0], s.W[4 * 6 + 0]); // the old output 4 moved to 5
  assert.equal(g.adam.t, 7);
  for (let j = 0; j < 7; j++) assert.equal(g.adam.m[0][at * 7 + j], 0);
  assert.equal(g.b[at], 0);
  assert.throws(() => growState({ ...s, config: { ...cfg, geometry: { grid: [1, 2, 3], beta: 1, gamma: 1 } } }, col), ConfigError);
});

test('a new neuron starts in reserve: its outgoing norm is T_D/2', () => {
  const cfg = resolveConfig({ S: 10, I: 2, dIn: 4, dOut: 4, activation: 'tanh' });
  const g = growState(randomState(cfg, 5), newOutgoing(cfg, RESERVE_DEFAULTS.threshold, createRng(2)));
  const norms = outgoingNorms(g.config, g.W);
  assert.ok(Math.abs(norms[2] - RESERVE_DEFAULTS.threshold / 2) < 1e-6, `${norms[2]}`);
});

test('shrinking is compaction: growing then deleting the new neuron gives the original state back', () => {
  const cfg = resolveConfig({ S: 8, I: 2, dIn: 3, dOut: 2, activation: 'tanh' });
  const s = randomState(cfg, 6);
  const back = shrinkState(growState(s, newOutgoing(cfg, 0.05, createRng(1))), [6]);
  assert.deepEqual(back.W, s.W);
  assert.deepEqual(back.adam, s.adam);
  assert.deepEqual(back.neuronIds, s.neuronIds);
  assert.deepEqual(shrinkState(s, [4]), compactState(s, Int32Array.of(0, 1, 2, 3, 5, 6, 7)));
});
