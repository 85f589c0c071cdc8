import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig, neuronRole, outputNeuron, linearFrom } from '../../src/core/config.js';
import { phiOfNeuron } from '../../src/core/phi.js';
import { resolveTrainOptions } from '../../src/train/options.js';
import { ConfigError } from '../../src/errors.js';

test('defaults are filled in', () => {
  const c = resolveConfig({ S: 20, I: 4, dIn: 10, dOut: 2 });
  assert.equal(c.rule, 'plain');
  assert.equal(c.activation, 'relu');
  assert.equal(outputNeuron(c, 1), 19);
  assert.deepEqual([0, 9, 10, 17, 18, 19].map((i) => neuronRole(c, i)), ['input', 'input', 'hidden', 'hidden', 'output', 'output']);
});

test("readout: 'phi' is the field's absence; 'linear' moves φ's end to the outputs; anything else is a ConfigError", () => {
  const base = { S: 20, I: 4, dIn: 10, dOut: 2 };
  assert.equal('readout' in resolveConfig(base), false);
  assert.equal('readout' in resolveConfig({ ...base, readout: 'phi' }), false);
  const lin = resolveConfig({ ...base, readout: 'linear' });
  assert.equal(lin.readout, 'linear');
  assert.deepEqual([linearFrom(lin), linearFrom(resolveConfig(base))], [18, 20]);
  assert.deepEqual([phiOfNeuron(lin, true)(-2), phiOfNeuron(lin, false)(-2), phiOfNeuron({ activation: 'relu' }, true)(-2)], [-2, 0, 0]);
  assert.throws(() => resolveConfig({ ...base, readout: 'softmax' } as never), /unknown readout 'softmax'\. Use one of phi, linear/);
});

test('invalid configs fail with ConfigError naming what to change', () => {
  const bad = [
    { S: 10, I: 2, dIn: 8, dOut: 4 }, // dIn + dOut > S
    { S: 10.5, I: 2, dIn: 2, dOut: 2 },
    { S: 10, I: 0, dIn: 2, dOut: 2 },
    { S: 10, I: 2, dIn: 0, dOut: 2 },
    { S: 10, I: 2, dIn: 2, dOut: 2, rule: 'fancy' },
    { S: 10, I: 2, dIn: 2, dOut: 2, activation: 'gelu' },
    { S: 10, I: 2, dIn: 2, dOut: 2, seed: 0.5 },
    { S: 18, I: 2, dIn: 9, dOut: 1, geometry: { grid: [3, 3, 3], beta: 1, gamma: 1 } }, // S ≠ XYZ
    { S: 27, I: 2, dIn: 8, dOut: 1, geometry: { grid: [3, 3, 3], beta: 1, gamma: 1 } }, // dIn ≠ XY
    { S: 27, I: 2, dIn: 9, dOut: 1, geometry: { grid: [3, 3, 3], beta: 0, gamma: 1 } },
    // A compacted grid: cells must be one per neuron, ascending, inputs first, outputs last.
    { S: 11, I: 2, dIn: 9, dOut: 1, geometry: { grid: [3, 3, 3], beta: 1, gamma: 1, cells: [0, 1, 2, 3, 4, 5, 6, 7, 8, 26] } },
    { S: 11, I: 2, dIn: 9, dOut: 1, geometry: { grid: [3, 3, 3], beta: 1, gamma: 1, cells: [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 25] } },
    { S: 11, I: 2, dIn: 9, dOut: 1, geometry: { grid: [3, 3, 3], beta: 1, gamma: 1, cells: [0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 26] } },
    { S: 11, I: 2, dIn: 9, dOut: 1, geometry: { grid: [3, 3, 3], beta: 1, gamma: 1, cells: [0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 26] } },
    { S: 11, I: 2, dIn: 9, dOut: 1, geometry: { grid: [3, 3, 3], beta: 1, gamma: 1, cells: [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 27] } },
  ];
  for (const c of bad) assert.throws(() => resolveConfig(c as never), ConfigError, JSON.stringify(c));
  assert.throws(() => resolveConfig({ S: 10, I: 2, dIn: 8, dOut: 4 }), /dIn \+ dOut \(12\) exceeds S \(10\)/);
  const cells = [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 26];
  assert.deepEqual(resolveConfig({ S: 11, I: 2, dIn: 9, dOut: 1, geometry: { grid: [3, 3, 3], beta: 1, gamma: 1, cells } }).geometry?.cells, cells);
});

test('invalid training options fail with ConfigError', () => {
  for (const o of [{ lr: 0 }, { epochs: -1 }, { batchSize: 0 }, { beta1: 1 }, { cW: -1 }, { cN: NaN }, { l1: 'lasso' }, { activityReduction: 'max' }]) {
    assert.throws(() => resolveTrainOptions(o as never), ConfigError, JSON.stringify(o));
  }
  assert.throws(() => resolveTrainOptions({ l1: 'proximal', grad: 'autodiff' }), /l1 'proximal' needs grad 'custom'/);
});
