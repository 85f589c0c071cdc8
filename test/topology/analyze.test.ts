import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DirectedGraph } from 'graphology';
import { topologicalGenerations } from 'graphology-dag';
import type { UpdateRule, UrnConfig } from '../../src/core/config.js';
import type { Snapshot } from '../../src/core/snapshot.js';
import { createRng } from '../../src/util/rng.js';
import { compile } from '../../src/topology/compile.js';
import { analyze } from '../../src/topology/analyze.js';
import { csrFromGraph } from '../../src/topology/csr-graph.js';
import { longestPathLayers } from '../../src/topology/longest-path.js';
import { ConfigError } from '../../src/errors.js';
import { assertClose } from '../helpers/tolerance.js';
import { F64, denseLogits, inputs, mlpSnapshot, replayGraph, weight } from './fixtures.js';

/** A snapshot from an edge list [j, i, w] (j → i), biases default 0.1. */
function edgeSnapshot(cfg: Omit<UrnConfig, 'activation' | 'seed'>, edges: [number, number, number][]): Snapshot {
  const { S } = cfg;
  const W = new Float32Array(S * S);
  for (const [j, i, w] of edges) W[i * S + j] = w;
  const b = new Float32Array(S).fill(0.1);
  for (let i = 0; i < cfg.dIn; i++) b[i] = 0.25;
  return { config: { ...cfg, activation: 'relu', seed: 0 }, W, b };
}

// x0, x1 (inputs) → h (2) → o (3), plus the skip x0 → o.
const SKIP_EDGES: [number, number, number][] = [[0, 2, 1], [1, 2, -0.5], [2, 3, 2], [0, 3, 0.7]];
const skipNet = (rule: UpdateRule, I: number) => edgeSnapshot({ S: 4, I, dIn: 2, dOut: 1, rule }, SKIP_EDGES);

test('residual-input makes an input skip possible: found with its span, whatever I', () => {
  for (const I of [2, 3, 5]) {
    const snap = skipNet('residual-input', I);
    const g = compile(snap);
    assert.ok(g.hasEdge('0', '3'), `I = ${I}: the skip is live`);
    const r = analyze(g);
    assert.deepEqual(r.layers.widths, [2, 1, 1], `I = ${I}`);
    assert.deepEqual(r.skips, { count: 1, spans: { 2: 1 } });
    assert.equal(r.strictMlp, false);
    assert.equal(r.layers.agree, true);
    assert.equal(r.layers.reused, 0);
    assert.equal(r.layers.livePairsPerIteration[0], 2, 're-injected inputs mark x (t = 0) as used');
    const x = inputs(10, 2, I);
    assertClose(replayGraph(g, x, 10), denseLogits(snap, x, 10), F64, `logits I = ${I}`);
  }
});

test('residual-output makes a skip into the outputs possible, accumulated over depths', () => {
  const snap = skipNet('residual-output', 2);
  const g = compile(snap);
  const r = analyze(g);
  assert.deepEqual(r.layers.widths, [2, 1, 1]);
  assert.deepEqual(r.skips, { count: 1, spans: { 2: 1 } });
  assert.equal(r.layers.accumulatingOutputs, 1); // o = φ(x-term) at t = 1, + φ(h-term) at t = 2
  assert.equal(r.layers.reused, 0);
  assert.equal(r.layers.agree, true);
  assert.deepEqual(g.getEdgeAttribute('0', '3', 'liveIterations'), [1]);
  const x = inputs(10, 2, 1);
  assertClose(replayGraph(g, x, 10), denseLogits(snap, x, 10), F64, 'logits');
});

test('the plain rule cannot carry a skip: the edge only carries a constant, folded into the bias', () => {
  const snap = skipNet('plain', 2);
  const g = compile(snap);
  assert.equal(g.hasEdge('0', '3'), false);
  assert.equal(g.getAttribute('edgesNotLive'), 1);
  const r = analyze(g);
  assert.deepEqual(r.layers.widths, [2, 1, 1]);
  assert.equal(r.skips.count, 0);
  assert.equal(r.strictMlp, true);
  // x0 at t = 1 is relu(b_x0) = 0.25, so o's bias at t = 2 is 0.1 + 0.7·0.25
  assertClose([g.getNodeAttribute('3', 'foldedBias')[2]!], [Math.fround(0.1) + Math.fround(0.7) * 0.25], F64);
});

test('residual-output with I = 4 on a one-hidden-layer net has 2 layers, not 4 (paper Fig. 4)', () => {
  const snap = edgeSnapshot({ S: 4, I: 4, dIn: 2, dOut: 1, rule: 'residual-output' }, [[0, 2, 1], [1, 2, 1], [2, 3, 1]]);
  const g = compile(snap);
  const r = analyze(g);
  assert.deepEqual(r.layers.widths, [2, 1, 1]);
  assert.equal(r.strictMlp, true);
  assert.deepEqual(g.getNodeAttribute('3', 'liveIterations'), [2, 3, 4]); // carried after t = 2
});

test('a back edge that can reach the read-out shows as an SCC, a back edge and reuse', () => {
  const { snap, offsets } = mlpSnapshot([10, 6, 4, 2], { seed: 4 });
  const [, A, B] = offsets;
  const S = snap.config.S;
  snap.W[A * S + B] = 0.9; // B[0] → A[0]
  // I = 3: B[0] at t = 2 → A[0] at t = 3 cannot reach the outputs by t = 3: not live, dropped.
  const g3 = compile(snap);
  assert.equal(g3.hasEdge(String(B), String(A)), false);
  assert.equal(analyze(g3).loops.sccs, 0);
  // I = 5: x → A(1) → B[0](2) → A[0](3) → B(4) → out(5) is the only way to the read-out.
  const s5 = { ...snap, config: { ...snap.config, I: 5 } };
  const g = compile(s5);
  assert.ok(g.hasEdge(String(B), String(A)));
  const r = analyze(g);
  assert.equal(r.loops.sccs, 1);
  assert.equal(r.loops.largestScc, 2);
  assert.equal(r.loops.backEdges, 1);
  assert.equal(r.layers.reused, 2); // A[0] at depths 1 and 3, B[0] at 2 and 4
  assert.deepEqual(r.layers.reusedNeurons, [A, B]);
  assert.equal(r.layers.longestPath, null);
  assert.equal(r.layers.agree, false);
  assert.equal(r.strictMlp, false);
  // A[0] → B[1..3] (depth 1 → 4) and B[0] → outputs (2 → 5) span 3
  assert.deepEqual(r.skips, { count: 5, spans: { 3: 5 } });
  const x = inputs(10, 10, 2);
  assertClose(replayGraph(g, x, 10), denseLogits(s5, x, 10), F64, 'logits');
});

test('a self-loop shows as a self-loop (and the neuron as reused)', () => {
  const { snap, offsets } = mlpSnapshot([10, 6, 4, 2], { seed: 6 });
  const [, A] = offsets;
  const S = snap.config.S;
  snap.W[A * S + A] = 0.8;
  const s4 = { ...snap, config: { ...snap.config, I: 4 } };
  const g = compile(s4);
  const r = analyze(g);
  assert.equal(r.loops.selfLoops, 1);
  assert.equal(r.edges.selfLoops, 1);
  assert.equal(r.loops.sccs, 0);
  assert.equal(r.layers.reused, 1);
  assert.equal(r.strictMlp, false);
  // only A[0] can carry the input over the extra step: the other 5 of layer A are irrelevant
  assert.equal(r.pruning?.removed.irrelevant, 5);
  const x = inputs(10, 10, 2);
  assertClose(replayGraph(g, x, 10), denseLogits(s4, x, 10), F64, 'logits');
});

test('a hand-built graph is analysed from its structure and config', () => {
  const g = new DirectedGraph();
  for (let i = 0; i < 6; i++) g.addNode(String(i));
  // inputs 0, 1; hidden 2, 3; output 5; 4 has a self-loop only
  for (const [s, t] of [[0, 2], [1, 2], [1, 3], [2, 5], [3, 5], [3, 2], [2, 3], [4, 4]]) g.addEdge(String(s), String(t), { weight: 1 });
  const config = { S: 6, I: 3, dIn: 2, dOut: 1, rule: 'plain' as const, activation: 'relu' as const };
  const r = analyze(g, { config });
  assert.equal(r.loops.sccs, 1);
  assert.equal(r.loops.selfLoops, 1);
  assert.equal(r.layers.longestPath, null);
  assert.throws(() => analyze(g), ConfigError);
});

test('analyze.assign writes the layers onto the nodes', () => {
  const { snap } = mlpSnapshot([3, 2, 1]);
  const g = compile(snap);
  analyze.assign(g);
  assert.deepEqual(
    g.mapNodes((_k, a) => [a.layer, a.longestPathLayer]),
    [[0, 0], [0, 0], [0, 0], [1, 1], [1, 1], [2, 2]],
  );
});

/** Independent longest path: relax every edge n times (Bellman-Ford on −1 weights). */
function bellmanFordLayers(n: number, edges: [number, number][], isInput: (i: number) => boolean): number[] {
  const touched = new Array<boolean>(n).fill(false);
  for (const [s, t] of edges) if (s !== t) touched[s] = touched[t] = true;
  const L: number[] = Array.from({ length: n }, (_, i) => (isInput(i) && touched[i] ? 0 : -1));
  for (let it = 0; it < n; it++) for (const [s, t] of edges) if (s !== t && L[s] >= 0 && L[s] + 1 > L[t]) L[t] = L[s] + 1;
  return L;
}

/** A random layered DAG: layer 0 = inputs, last = outputs, edges lower → higher layer (skips allowed). */
function randomLayeredDag(seed: number) {
  const rng = createRng(seed);
  const depth = 2 + rng.int(4);
  const widths = Array.from({ length: depth + 1 }, () => 1 + rng.int(5));
  const start: number[] = [];
  let S = 0;
  for (const w of widths) start.push(S), (S += w);
  const layerOf = (i: number) => start.filter((s) => s <= i).length - 1;
  const edges: [number, number, number][] = [];
  const skipRate = rng.next() * 0.6;
  for (let i = widths[0]; i < S; i++) {
    const li = layerOf(i);
    // at least one edge from the layer below, so that every neuron hangs from the inputs
    const must = start[li - 1] + rng.int(widths[li - 1]);
    for (let j = 0; j < start[li]; j++) {
      const lj = layerOf(j);
      const p = lj === li - 1 ? 0.6 : skipRate;
      if (j === must || rng.next() < p) edges.push([j, i, weight(rng)]);
    }
  }
  return { S, widths, edges, depth, dIn: widths[0], dOut: widths[depth] };
}

test('property: random layered DAGs — longest-path layers send every edge up and match an independent computation', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const d = randomLayeredDag(seed);
    const g = new DirectedGraph();
    for (let i = 0; i < d.S; i++) g.addNode(String(i));
    for (const [j, i, w] of d.edges) g.addEdge(String(j), String(i), { weight: w });
    const { csr } = csrFromGraph(g);
    const lp = longestPathLayers(csr, Array.from({ length: d.S }, (_, i) => (i < d.dIn ? 1 : 0)));
    assert.ok(lp, `seed ${seed}: a DAG has a layering`);
    for (const [j, i] of d.edges) assert.ok(lp[i] > lp[j], `seed ${seed}: ${j} → ${i} goes up`);
    const oracle = bellmanFordLayers(d.S, d.edges.map(([j, i]) => [j, i]), (i) => i < d.dIn);
    assert.deepEqual(Array.from(lp), oracle, `seed ${seed}`);
    // graphology-dag agrees that it is a DAG and sees every edge going to a later generation
    const gen = new Map<string, number>();
    topologicalGenerations(g).forEach((nodes, k) => nodes.forEach((v) => gen.set(v, k)));
    for (const [j, i] of d.edges) assert.ok(gen.get(String(i))! > gen.get(String(j))!);
  }
});

/**
 * Independent answer for the plain rule on a DAG whose inputs have no in-edges: (i, t) is live
 * iff some input reaches i in exactly t steps and i reaches an output in exactly I − t steps.
 */
function plainLiveOracle(S: number, I: number, dIn: number, dOut: number, edges: [number, number][]): boolean[][] {
  const from: boolean[][] = Array.from({ length: I + 1 }, () => new Array<boolean>(S).fill(false));
  const to: boolean[][] = Array.from({ length: I + 1 }, () => new Array<boolean>(S).fill(false));
  for (let i = 0; i < dIn; i++) from[0][i] = true;
  for (let t = 1; t <= I; t++) for (const [j, i] of edges) if (from[t - 1][j]) from[t][i] = true;
  for (let o = S - dOut; o < S; o++) to[0][o] = true; // to[s][i]: i reaches an output in s steps
  for (let s = 1; s <= I; s++) for (const [j, i] of edges) if (to[s - 1][i]) to[s][j] = true;
  return Array.from({ length: I + 1 }, (_, t) => Array.from({ length: S }, (_, i) => from[t][i] && to[I - t][i]));
}

test('property: random layered DAGs under the plain rule — compile matches the path-length oracle', () => {
  let withReuse = 0;
  let without = 0;
  for (let seed = 1; seed <= 60; seed++) {
    const d = randomLayeredDag(1000 + seed);
    const I = Math.max(1, d.depth + (seed % 3) - 1); // shorter than the DAG (skips matter), equal, longer
    const snap = edgeSnapshot({ S: d.S, I, dIn: d.dIn, dOut: d.dOut, rule: 'plain' }, d.edges);
    const g = compile(snap);
    const live = plainLiveOracle(d.S, I, d.dIn, d.dOut, d.edges.map(([j, i]) => [j, i]));
    for (let i = d.dIn; i < d.S - d.dOut; i++) {
      const its = [...Array(I + 1).keys()].filter((t) => live[t][i]);
      if (its.length === 0) assert.equal(g.hasNode(String(i)), false, `seed ${seed}: ${i} removed`);
      else assert.deepEqual(g.getNodeAttribute(String(i), 'liveIterations'), its, `seed ${seed}: ${i}`);
    }
    for (const [j, i] of d.edges) {
      const isLive = [...Array(I).keys()].some((t) => live[t][j] && live[t + 1][i]);
      assert.equal(g.hasEdge(String(j), String(i)), isLive, `seed ${seed}: edge ${j} → ${i}`);
    }
    const r = analyze.assign(g);
    if (r.layers.reused === 0) {
      without++;
      // one depth per neuron: every edge goes from layer k to k + 1, and both layerings agree
      assert.equal(r.layers.agree, true, `seed ${seed}`);
      assert.equal(r.strictMlp || g.size === 0, true, `seed ${seed}`);
      g.forEachNode((k, a) => {
        if (a.liveIterations.length) assert.equal(a.layer, a.liveIterations[0], `seed ${seed}: layer = iteration`);
      });
    } else withReuse++;
    const x = inputs(5, d.dIn, seed);
    assertClose(replayGraph(g, x, 5), denseLogits(snap, x, 5), F64, `seed ${seed} logits`);
  }
  assert.ok(withReuse > 3 && without > 10, `both cases are exercised (${withReuse} with reuse, ${without} without)`);
});

test('the report names a linear read-out, and names none under the default', () => {
  const lin = edgeSnapshot({ S: 4, I: 2, dIn: 2, dOut: 1, rule: 'plain', readout: 'linear' }, SKIP_EDGES);
  assert.equal(analyze(compile(lin)).config.readout, 'linear');
  assert.equal('readout' in analyze(compile(skipNet('plain', 2))).config, false);
});
