import type { AbstractGraph } from 'graphology-types';
import { analyze } from './analyze.js';

/**
 * The hidden neurons of a compiled graph whose unrolled layer Λ is `from` or more, sorted by
 * id: the neurons a structure has past its first `from − 1` hidden layers (what to silence to
 * ask whether those layers do work). Writes the layers onto the nodes (`analyze.assign`) when
 * they are not there yet.
 *
 * ```ts
 * const graph = compile(snapshot, { threshold: 1e-3 });
 * hiddenFromLayer(graph, 2); // e.g. [24]: one neuron in a second hidden layer
 * ```
 */
export function hiddenFromLayer(graph: AbstractGraph, from: number): number[] {
  if (graph.order > 0 && graph.getNodeAttribute(graph.nodes()[0], 'layer') === undefined) analyze.assign(graph);
  const out: number[] = [];
  graph.forEachNode((key, a) => {
    if (a.role === 'hidden' && typeof a.layer === 'number' && a.layer >= from) out.push(Number(a.index ?? key));
  });
  return out.sort((x, y) => x - y);
}
