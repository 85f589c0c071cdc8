import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DirectedGraph } from 'graphology';
import { stronglyConnectedComponents } from 'graphology-components';
import { stronglyConnected } from '../../src/topology/scc.js';
import { csrFromGraph } from '../../src/topology/csr-graph.js';
import type { TopologyCsr } from '../../src/core/csr.js';
import { createRng } from '../../src/util/rng.js';

/** CSR (incoming adjacency) from an edge list. */
function csrOf(n: number, edges: [number, number][]): TopologyCsr {
  const rows: number[][] = Array.from({ length: n }, () => []);
  for (const [s, t] of edges) rows[t].push(s);
  const rowPtr = new Int32Array(n + 1);
  const col: number[] = [];
  rows.forEach((r, i) => {
    r.sort((a, b) => a - b);
    col.push(...r);
    rowPtr[i + 1] = col.length;
  });
  return {
    rows: n, cols: n, rowPtr, colIdx: Int32Array.from(col), values: new Float32Array(col.length).fill(1),
    neuron: Int32Array.from({ length: n }, (_, i) => i),
  };
}

test('a 10,000-node chain closed into a cycle, plus a 10,000-node open chain: no stack overflow', () => {
  const n = 10_000;
  const edges: [number, number][] = [];
  for (let i = 0; i + 1 < n; i++) edges.push([i, i + 1]);
  edges.push([n - 1, 0]);
  for (let i = n; i + 1 < 2 * n; i++) edges.push([i, i + 1]);
  edges.push([n - 1, n]); // the cycle feeds the chain
  const { count, sizes, component } = stronglyConnected(csrOf(2 * n, edges));
  assert.equal(count, 1 + n);
  assert.equal(Math.max(...sizes), n);
  for (let i = 1; i < n; i++) assert.equal(component[i], component[0]);
  assert.notEqual(component[n], component[0]);
});

test('a 200,000-node chain is fine too', () => {
  const n = 200_000;
  const edges: [number, number][] = [];
  for (let i = 0; i + 1 < n; i++) edges.push([i, i + 1]);
  assert.equal(stronglyConnected(csrOf(n, edges)).count, n);
});

test('the iterative SCC gives the same partition as graphology-components on random graphs', () => {
  const rng = createRng(17);
  for (let trial = 0; trial < 40; trial++) {
    const n = 5 + rng.int(40);
    const g = new DirectedGraph();
    for (let i = 0; i < n; i++) g.addNode(String(i));
    const m = rng.int(3 * n);
    for (let k = 0; k < m; k++) g.mergeEdge(String(rng.int(n)), String(rng.int(n)));
    const { csr, keys } = csrFromGraph(g);
    const mine = stronglyConnected(csr);
    const canon = (parts: string[][]) => parts.map((p) => [...p].sort().join(',')).sort();
    const groups = new Map<number, string[]>();
    for (let c = 0; c < csr.rows; c++) {
      const id = mine.component[c];
      if (!groups.has(id)) groups.set(id, []);
      groups.get(id)!.push(keys[c]);
    }
    assert.deepEqual(canon([...groups.values()]), canon(stronglyConnectedComponents(g)), `trial ${trial}`);
  }
});
