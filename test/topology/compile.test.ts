import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/topology/compile.js';
import { analyze } from '../../src/topology/analyze.js';
import { analyzePruned } from '../../src/topology/analyze-pruned.js';
import { pruneSnapshot } from '../../src/topology/prune.js';
import { GraphBoundError } from '../../src/errors.js';
import { ShapeError } from '../../src/errors.js';
import { gridCoords } from '../../src/core/geometry.js';
import { resolveConfig } from '../../src/core/config.js';
import { assertClose } from '../helpers/tolerance.js';
import { ACTS, F64, RULES, activityOf, denseLogits, denseStates, inputs, mlpSnapshot, randomSnapshot, replayGraph } from './fixtures.js';

test('an embedded MLP 10→6→4→2 (Eq. 1) compiles to exactly its layers', () => {
  const { snap } = mlpSnapshot([10, 6, 4, 2], { seed: 3 });
  const g = compile(snap);
  assert.equal(g.order, 22);
  assert.equal(g.size, 10 * 6 + 6 * 4 + 4 * 2);
  const r = analyze(g);
  assert.deepEqual(r.layers.widths, [10, 6, 4, 2]);
  assert.deepEqual(r.layers.longestPath, [10, 6, 4, 2]);
  assert.deepEqual(r.layers.livePairsPerIteration, [10, 6, 4, 2]);
  assert.equal(r.layers.agree, true);
  assert.equal(r.strictMlp, true);
  assert.deepEqual(r.spans, { 1: 92 });
  assert.equal(r.skips.count, 0);
  assert.deepEqual([r.loops.sccs, r.loops.selfLoops, r.loops.backEdges], [0, 0, 0]);
  assert.equal(r.layers.reused, 0);
  assert.deepEqual(r.pruning?.removed, { neverActive: 0, unreachable: 0, irrelevant: 0, inputIndependent: 0, total: 0 });
  // no constant feeds a live pair: the folded biases are the biases
  g.forEachNode((_k, a) => {
    for (const t of a.liveIterations) if (t > 0) assert.equal(a.foldedBias[t], a.bias);
  });
  assert.deepEqual(g.getNodeAttribute('12', 'liveIterations'), [1]);
  assert.deepEqual(g.getNodeAttribute('21', 'liveIterations'), [3]);
  // the analysis of the typed arrays is the analysis of the graph
  assert.deepEqual(analyzePruned(pruneSnapshot(snap, { threshold: 0 })), r);
  // and the report is plain JSON
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
});

/**
 * The MLP 10→6→4→2 plus four hidden neurons (ids 20..23, before the outputs 24, 25):
 * d (20) is fed by the inputs but dies on the data (bias −100) and feeds layer B;
 * c (21) has no input path (bias 0.7, self-loop 0.5) and feeds layer B and the outputs;
 * e (22) has no synapses at all (bias 0.3); r (23) is fed by the inputs and feeds nothing.
 * Input 9 has no synapses.
 */
function deadAndConstant() {
  const { snap, offsets } = mlpSnapshot([10, 6, 4, 2], { seed: 5, extra: 4 });
  const { S } = snap.config;
  const [, A, B, O] = offsets;
  const set = (i: number, j: number, w: number) => (snap.W[i * S + j] = w);
  for (let i = A; i < A + 6; i++) set(i, 9, 0);
  const [d, c, e, r] = [20, 21, 22, 23];
  for (let j = 0; j < 9; j++) set(d, j, 0.5);
  snap.b[d] = -100;
  for (let i = B; i < B + 4; i++) set(i, d, 1.5);
  snap.b[c] = 0.7;
  set(c, c, 0.5);
  for (let i = B; i < B + 4; i++) set(i, c, -0.8 + 0.1 * i);
  set(O, c, 0.9);
  set(O + 1, c, -0.4);
  snap.b[e] = 0.3;
  for (let j = 0; j < 9; j++) set(r, j, 0.2);
  snap.b[r] = 1;
  return { snap, A, B, O, d, c, e, r };
}

test('dead, input-independent, unreachable and irrelevant neurons are removed; constants fold exactly', () => {
  const { snap, B, O, d, c, e, r } = deadAndConstant();
  const { S } = snap.config;
  const n = 30;
  const x = inputs(n, 10, 9);
  snap.activity = activityOf(snap, x, n);
  const g = compile(snap);
  assert.deepEqual(g.getAttribute('removed'), { neverActive: 1, unreachable: 1, irrelevant: 1, inputIndependent: 1, total: 4 });
  for (const k of [d, c, e, r]) assert.equal(g.hasNode(String(k)), false, `neuron ${k} removed`);
  assert.deepEqual(g.getAttribute('unusedInputs'), [9]);
  assert.equal(g.hasNode('9'), true, 'inputs are never removed');
  const rep = analyze(g);
  assert.deepEqual(rep.layers.widths, [9, 6, 4, 2]);
  assert.equal(rep.strictMlp, true);

  // The oracle: c's value at each iteration comes from the dense float64 forward (any x).
  const N = denseStates(snap, x.subarray(0, 10));
  const c1 = Math.fround(0.7);
  assert.deepEqual([1, 2, 3].map((t) => N[t * S + c]), [c1, 0.5 * c1 + c1, 0.5 * (0.5 * c1 + c1) + c1]);
  for (let i = B; i < B + 4; i++) {
    const expected = snap.b[i] + snap.W[i * S + c] * N[1 * S + c];
    assertClose([g.getNodeAttribute(String(i), 'foldedBias')[2]!], [expected], F64, `foldedBias of ${i} at t = 2`);
    assert.notEqual(expected, snap.b[i]);
  }
  for (const o of [O, O + 1]) {
    const expected = snap.b[o] + snap.W[o * S + c] * N[2 * S + c];
    assertClose([g.getNodeAttribute(String(o), 'foldedBias')[3]!], [expected], F64, `foldedBias of ${o} at t = 3`);
  }
  // The emergent network alone (graph attributes only) gives the dense logits on the data.
  assertClose(replayGraph(g, x, n), denseLogits(snap, x, n), F64, 'logits');
});

test('without activity the dead neuron stays (it is not provably dead) and everything else still folds', () => {
  const { snap, d } = deadAndConstant();
  const g = compile(snap);
  assert.deepEqual(g.getAttribute('removed'), { neverActive: 0, unreachable: 1, irrelevant: 1, inputIndependent: 1, total: 3 });
  assert.equal(g.hasNode(String(d)), true);
  const x = inputs(20, 10, 4);
  assertClose(replayGraph(g, x, 20), denseLogits(snap, x, 20), F64, 'logits on any input');
});

test('removal reasons without activity: a constant that is zero is unreachable, not folded', () => {
  const { snap, c } = deadAndConstant();
  snap.b[c] = -0.5; // relu keeps c at 0: nothing to fold
  assert.equal(compile(snap).getAttribute('removed').unreachable, 2);
});

test('compile stops at maxEdges without building a graph', () => {
  const snap = randomSnapshot({ S: 60, I: 3, dIn: 5, dOut: 2, rule: 'plain', activation: 'tanh', density: 0.5, seed: 2 });
  const p = pruneSnapshot(snap, { threshold: 0 });
  assert.ok(p.liveEdgeCount > 100);
  assert.throws(() => compile(snap, { maxEdges: 100 }), (e: unknown) => {
    assert.ok(e instanceof GraphBoundError);
    assert.equal(e.name, 'GraphBoundError');
    assert.equal(e.edges, p.liveEdgeCount);
    assert.equal(e.maxEdges, 100);
    return true;
  });
  assert.equal(compile(snap, { maxEdges: p.liveEdgeCount }).size, p.liveEdgeCount);
});

test('threshold rules are resolved and recorded', () => {
  const snap = randomSnapshot({ S: 30, I: 3, dIn: 4, dOut: 2, rule: 'plain', activation: 'tanh', density: 0.4, seed: 8 });
  let max = 0;
  for (const w of snap.W) max = Math.max(max, Math.abs(w));
  const g = compile(snap, { threshold: { relative: 0.5 } });
  assert.deepEqual(g.getAttribute('threshold'), { value: 0.5 * max, rule: { relative: 0.5 } });
  let above = 0;
  for (const w of snap.W) if (Math.abs(w) > 0.5 * max) above++;
  assert.equal(g.getAttribute('edgesAboveThreshold'), above);
  g.forEachEdge((_e, a) => assert.ok(Math.abs(a.weight) > 0.5 * max));
  const q = compile(snap, { threshold: { quantile: 0.9 } });
  assert.ok(q.getAttribute('edgesAboveThreshold') <= Math.floor(0.1 * 900));
});

test('node attributes: role, coordinates, activity and first active iteration', () => {
  const cfg = resolveConfig({ S: 3 * 3 * 2, I: 2, dIn: 9, dOut: 1, geometry: { grid: [3, 3, 2], beta: 2, gamma: 1 } });
  const S = cfg.S;
  const W = new Float32Array(S * S);
  // inputs 0..8 → hidden 9 (a top-plane cell) → output 17
  for (let j = 0; j < 9; j++) W[9 * S + j] = 0.5;
  W[17 * S + 9] = 1;
  const b = new Float32Array(S);
  const snap = { config: cfg, W, b, coords: gridCoords(cfg) };
  const x = inputs(5, 9, 1).map(Math.abs);
  const act = activityOf(snap, x, 5);
  const g = compile({ ...snap, activity: act });
  const a = g.getNodeAttributes('9');
  assert.equal(a.role, 'hidden');
  assert.deepEqual([a.x, a.y, a.z], Array.from(snap.coords!.subarray(27, 30)));
  assert.equal(a.firstActive, 1);
  assert.deepEqual(a.maxActivity, [0, act.maxAbs[S + 9], act.maxAbs[2 * S + 9]]);
  assert.equal(g.getNodeAttributes('17').role, 'output');
  const r = analyze(g);
  assert.ok(r.geometry);
  // 9 edges within the input plane's z to z = 2 (forward), then 9 → 17 within z = 2 (same z)
  assert.equal(r.geometry.forward, 9);
  assert.equal(r.geometry.sameZ, 1);
  assertClose([r.geometry.forwardShare], [4.5 / 5.5], F64);
});

test('compile checks the snapshot shapes', () => {
  const { snap } = mlpSnapshot([3, 2, 1]);
  assert.throws(() => compile({ ...snap, b: new Float32Array(2) }), ShapeError);
  assert.throws(() => compile({ ...snap, W: new Float32Array(3) }), ShapeError);
});

for (const rule of RULES) {
  for (const activation of ACTS) {
    test(`the compiled graph alone replays the dense URN (${rule}, ${activation})`, () => {
      const snap = randomSnapshot({ S: 40, I: 4, dIn: 6, dOut: 3, rule, activation, density: 0.07, seed: 13 });
      const g = compile(snap, { threshold: 0.05 });
      assert.ok(g.size > 10);
      const x = inputs(15, 6, 3);
      assertClose(replayGraph(g, x, 15), denseLogits(snap, x, 15, 0.05), F64, 'logits');
      assert.deepEqual(analyze(g), analyzePruned(pruneSnapshot(snap, { threshold: 0.05 })));
    });
  }
}
