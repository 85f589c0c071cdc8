import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DirectedGraph } from 'graphology';
import { parse } from 'graphology-gexf';
import { compile } from '../../src/topology/compile.js';
import { toGexf } from '../../src/topology/gexf.js';
import { resolveConfig } from '../../src/core/config.js';
import { gridCoords } from '../../src/core/geometry.js';

test('toGexf writes nodes, weighted edges, attributes, positions and graph meta', () => {
  const cfg = resolveConfig({ S: 2 * 2 * 2, I: 2, dIn: 4, dOut: 1, geometry: { grid: [2, 2, 2], beta: 1, gamma: 1 } });
  const S = cfg.S;
  const W = new Float32Array(S * S);
  for (let j = 0; j < 4; j++) W[4 * S + j] = 0.5 + j; // inputs → 4
  W[7 * S + 4] = -2; // 4 → output 7
  const g = compile({ config: cfg, W, b: new Float32Array(S), coords: gridCoords(cfg) });
  const xml = toGexf(g);
  assert.match(xml, /<viz:position x="\d+" y="\d+" z="2"/);
  assert.match(xml, /<threshold>\{"value":0,"rule":0\}<\/threshold>/);
  const back = parse(DirectedGraph, xml);
  assert.equal(back.order, g.order);
  assert.equal(back.size, g.size);
  assert.equal(back.getEdgeAttribute('4', '7', 'weight'), -2);
  assert.equal(back.getNodeAttribute('4', 'role'), 'hidden');
  assert.deepEqual(back.getNodeAttribute('4', 'liveIterations'), [1]);
  assert.equal(back.getNodeAttribute('7', 'z'), 2);
  assert.equal(g.getAttribute('config').S, S, 'the graph itself is untouched');
});
