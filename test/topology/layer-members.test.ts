import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/topology/compile.js';
import { analyze } from '../../src/topology/analyze.js';
import { hiddenFromLayer } from '../../src/topology/layer-members.js';
import { handSnapshot } from '../export/fixtures.js';

// residual-output, I = 3: inputs 0, 1; 0 → 2 → 3 → output 5 and 1 → 4 → output 6, so hidden
// 2 and 4 are at layer 1 and hidden 3 at layer 2.
const snapshot = () =>
  handSnapshot({ S: 7, I: 3, dIn: 2, dOut: 2, rule: 'residual-output', activation: 'relu' }, [[2, 0, 1], [3, 2, 1], [5, 3, 1], [4, 1, 1], [6, 4, 1]]);

test('hiddenFromLayer lists the hidden neurons at a layer or deeper, sorted', () => {
  const graph = compile(snapshot(), { threshold: 0 });
  assert.deepEqual(hiddenFromLayer(graph, 1), [2, 3, 4]);
  assert.deepEqual(hiddenFromLayer(graph, 2), [3]);
  assert.deepEqual(hiddenFromLayer(graph, 3), []);
  assert.equal(graph.getNodeAttribute('3', 'layer'), 2, 'it writes the layers onto the nodes');
});

test('hiddenFromLayer uses layers already on the nodes, and never lists inputs or outputs', () => {
  const graph = compile(snapshot(), { threshold: 0 });
  analyze.assign(graph);
  graph.setNodeAttribute('4', 'layer', 5);
  assert.deepEqual(hiddenFromLayer(graph, 2), [3, 4], 'the layers on the nodes are read, not recomputed');
  assert.ok(hiddenFromLayer(graph, 0).every((id) => id >= 2 && id <= 4));
});
