import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DirectedGraph } from 'graphology';
import { parse } from 'graphology-graphml';
import { XMLParser } from 'fast-xml-parser';
import { compile } from '../../src/topology/compile.js';
import { toGraphml } from '../../src/export/graphml.js';
import { resolveConfig } from '../../src/core/config.js';
import { gridCoords } from '../../src/core/geometry.js';

function smallGraph() {
  const cfg = resolveConfig({ S: 8, I: 3, dIn: 4, dOut: 1, geometry: { grid: [2, 2, 2], beta: 1, gamma: 1 } });
  const S = cfg.S;
  const W = new Float32Array(S * S);
  for (let j = 0; j < 4; j++) W[4 * S + j] = 0.5 + j; // inputs → 4
  W[7 * S + 4] = -2.25; // 4 → output 7
  W[4 * S + 4] = 0.125; // a self-loop
  return compile({ config: cfg, W, b: new Float32Array(S), coords: gridCoords(cfg) });
}

test('toGraphml round-trips through graphology-graphml: nodes, directed weighted edges, typed attributes', () => {
  const g = smallGraph();
  const xml = toGraphml(g);
  const back = parse(DirectedGraph, xml);
  assert.equal(back.order, g.order);
  assert.equal(back.size, g.size);
  assert.equal(back.type, 'directed');
  assert.equal(back.getEdgeAttribute('4', '7', 'weight'), -2.25);
  assert.equal(back.getEdgeAttribute('4', '4', 'weight'), 0.125);
  assert.ok(!back.hasEdge('7', '4'), 'direction j → i is kept');
  assert.equal(back.getNodeAttribute('4', 'role'), 'hidden');
  assert.equal(back.getNodeAttribute('7', 'z'), g.getNodeAttribute('7', 'z'));
  assert.deepEqual(JSON.parse(back.getNodeAttribute('4', 'liveIterations')), g.getNodeAttribute('4', 'liveIterations'));
  assert.equal(JSON.parse(back.getAttribute('config')).S, 8);
});

test('toGraphml declares each key once with the GraphML type of its values, and escapes text', () => {
  const g = new DirectedGraph();
  g.addNode('a', { label: 'x < y & "z"', count: 3, flag: true, w: 0.5 });
  g.addNode('b', { label: 'b', count: 4, flag: false, w: 2 });
  g.addEdge('a', 'b', { weight: 1 });
  const xml = toGraphml(g);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
  const keys = [doc.graphml.key].flat() as { for: string; 'attr.name': string; 'attr.type': string }[];
  const type = (scope: string, name: string) => keys.filter((k) => k.for === scope && k['attr.name'] === name).map((k) => k['attr.type']);
  assert.deepEqual(type('node', 'count'), ['int']);
  assert.deepEqual(type('node', 'flag'), ['boolean']);
  assert.deepEqual(type('node', 'w'), ['double']);
  assert.deepEqual(type('node', 'label'), ['string']);
  const back = parse(DirectedGraph, xml);
  assert.equal(back.getNodeAttribute('a', 'label'), 'x < y & "z"');
  assert.equal(back.getNodeAttribute('b', 'flag'), false);
});
