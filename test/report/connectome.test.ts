import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectomeFigure } from '../../src/report/figures/connectome.js';
import { gridProjectionFigure } from '../../src/report/figures/grid-projection.js';
import { emergentNetwork } from '../../src/report/network.js';
import { layeredLayout } from '../../src/report/layered-layout.js';
import { capEdges } from '../../src/report/edges.js';
import { decodePng } from '../../src/report/png/decode.js';
import { renderPng } from '../../src/report/raster.js';
import { resolveConfig } from '../../src/core/config.js';
import { gridCoords } from '../../src/core/geometry.js';
import { ConfigError } from '../../src/errors.js';
import { embeddedMlp, rng, wellFormed } from './fixtures.js';

test('emergentNetwork of an embedded MLP: every neuron at its layer, every synapse forward', () => {
  const { snap, layerOf } = embeddedMlp();
  const net = emergentNetwork(snap, { threshold: 0 });
  for (let k = 0; k < net.neurons.length; k++) assert.equal(net.layer[k], layerOf[net.neurons[k]]);
  let nnz = 0;
  for (const w of snap.W) if (w !== 0) nnz++;
  assert.equal(net.edges.length, nnz);
  for (let k = 1; k < net.edges.length; k++) assert.ok(Math.abs(net.edges[k - 1].weight) >= Math.abs(net.edges[k].weight));
  for (const e of net.edges) assert.equal(layerOf[e.target], layerOf[e.source] + 1);
});

test('connectomeFigure draws the MLP with forward synapses only and renders at its size', () => {
  const { snap } = embeddedMlp();
  const net = emergentNetwork(snap, { threshold: 0 });
  const fig = connectomeFigure(net);
  assert.ok(wellFormed(fig.svg));
  assert.ok(fig.svg.includes(`forward (${net.edges.length})`));
  assert.ok(fig.svg.includes('backward (0)') && fig.svg.includes('same layer (0)'));
  const img = decodePng(renderPng(fig.svg));
  assert.equal(img.width, fig.width * 2);
  assert.equal(img.height, fig.height * 2);
});

test('connectomeFigure caps the synapses drawn and says so', () => {
  const { snap } = embeddedMlp();
  const net = emergentNetwork(snap, { threshold: 0 });
  const fig = connectomeFigure(net, { maxEdges: 10 });
  assert.ok(wellFormed(fig.svg));
  assert.ok(fig.notes.some((n) => n.includes(`10 of ${net.edges.length} synapses`)));
  assert.equal((fig.svg.match(/<path /g) ?? []).length, 10);
});

test('capEdges gives every pair of layers its strongest synapses before the big pairs fill up', () => {
  const layer = [0, 1, 1, 1, 2];
  const edges = [
    { source: 1, target: 4, weight: 0.1 },
    { source: 0, target: 1, weight: 0.9 },
    { source: 0, target: 2, weight: 0.8 },
    { source: 0, target: 3, weight: 0.7 },
    { source: 2, target: 4, weight: 0.05 },
  ].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  const kept = capEdges(edges, (i) => layer[i], 3);
  assert.deepEqual(
    kept.map((e) => e.weight),
    [0.9, 0.8, 0.1],
  );
  assert.equal(capEdges(edges, (i) => layer[i], 10), edges);
});

test('layeredLayout keeps columns by layer and is deterministic', () => {
  const edges = [
    { source: 0, target: 3, weight: 1 },
    { source: 1, target: 2, weight: 1 },
  ];
  const a = layeredLayout([0, 1, 2, 3], [0, 0, 1, 1], edges);
  const b = layeredLayout([0, 1, 2, 3], [0, 0, 1, 1], edges);
  assert.deepEqual(a.members, b.members);
  assert.deepEqual(a.columns, [0, 1]);
  // Barycentres uncross the two edges: 2 follows 1 and 3 follows 0.
  assert.equal(a.place.get(2)![1] === a.place.get(1)![1], a.place.get(3)![1] === a.place.get(0)![1]);
});

test('gridProjectionFigure shows a grid network on x–z and y–z, colour by z direction', () => {
  const config = resolveConfig({ S: 27, I: 2, dIn: 9, dOut: 1, geometry: { grid: [3, 3, 3], beta: 1, gamma: 1 } });
  const coords = gridCoords(config)!;
  const r = rng(5);
  const W = new Float32Array(27 * 27);
  // Local upward synapses: z=1 → z=2 → z=3, between neighbours in x and y.
  for (let i = 0; i < 27; i++) {
    for (let j = 0; j < 27; j++) {
      const dz = coords[3 * i + 2] - coords[3 * j + 2];
      const dx = Math.abs(coords[3 * i] - coords[3 * j]) + Math.abs(coords[3 * i + 1] - coords[3 * j + 1]);
      if (dz === 1 && dx <= 1) W[i * 27 + j] = 0.2 + r();
    }
  }
  const snap = { config, W, b: new Float32Array(27), coords };
  const net = emergentNetwork(snap, { threshold: 0 });
  assert.ok(net.edges.length > 0);
  const fig = gridProjectionFigure(net);
  assert.ok(wellFormed(fig.svg));
  assert.ok(fig.svg.includes(`up (z grows) (${net.edges.length})`));
  assert.deepEqual(Object.keys(fig.plots).sort(), ['xz', 'yz']);
  const img = decodePng(renderPng(fig.svg, 1));
  assert.equal(img.width, fig.width);
  const { snap: flat } = embeddedMlp();
  assert.throws(() => gridProjectionFigure(emergentNetwork(flat, { threshold: 0 })), ConfigError);
});

test('gridProjectionFigure with balance: false draws the strongest synapses overall, not per z-plane pair', () => {
  const config = resolveConfig({ S: 18, I: 2, dIn: 9, dOut: 1, geometry: { grid: [3, 3, 2], beta: 1, gamma: 1 } });
  const coords = gridCoords(config)!;
  // 9 strong upward synapses (input k → top cell 9+k), strongest first, then 3 weak downward ones
  const edges = [
    ...Array.from({ length: 9 }, (_, k) => ({ source: k, target: 9 + k, weight: 2 - k / 10 })),
    ...Array.from({ length: 3 }, (_, k) => ({ source: 9 + k, target: k, weight: 0.1 })),
  ];
  const net = {
    config, coords, edges, removed: 0, layering: 'by hand', threshold: { value: 0, rule: 0 },
    neurons: Int32Array.from({ length: 18 }, (_, i) => i),
    layer: Int32Array.from({ length: 18 }, (_, i) => (i < 9 ? 0 : 1)),
  };
  const cap = 6;
  const strongest = gridProjectionFigure(net, { maxEdges: cap, balance: false });
  assert.ok(strongest.svg.includes(`up (z grows) (${cap})`));
  assert.ok(strongest.svg.includes('down (z falls) (0)'));
  assert.ok(strongest.notes.some((n) => n.includes(`showing ${cap} of ${edges.length}`) && n.endsWith('the strongest.')));
  // the default keeps each z-plane pair in turn: the weak downward synapses are drawn too
  const balanced = gridProjectionFigure(net, { maxEdges: cap });
  assert.ok(balanced.svg.includes('down (z falls) (3)'));
});

test('the figure note says a relative threshold in words, not as JSON', () => {
  const { snap } = embeddedMlp();
  const svg = connectomeFigure(emergentNetwork(snap, { threshold: { relative: 0.01 } })).svg;
  assert.ok(svg.includes('(1% of max|W|)'), 'the rule in words');
  assert.ok(!svg.includes('relative&quot;'), 'no JSON in the note');
});
