import type { AbstractGraph, Attributes } from 'graphology-types';
import { write } from 'graphology-gexf';

type Scalar = string | number | boolean;

function flatten(attrs: Attributes): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    out[k] = typeof v === 'object' ? JSON.stringify(v) : (v as Scalar);
  }
  return out;
}

function formatElement(kind: 'node' | 'edge') {
  return (_key: string, attrs: Attributes) => {
    const out: { label?: string; weight?: number; viz?: Record<string, number>; attributes?: Attributes } = {};
    const a: Attributes = {};
    for (const [k, v] of Object.entries(attrs)) {
      if (kind === 'edge' && k === 'weight') out.weight = v as number;
      else if (kind === 'node' && (k === 'x' || k === 'y' || k === 'z') && typeof v === 'number') (out.viz ??= {})[k] = v;
      else if (Array.isArray(v)) a[k] = v.map((e) => (e === null ? NaN : e)); // GEXF lists have no null
      else if (v !== null && typeof v === 'object') a[k] = JSON.stringify(v);
      else a[k] = v;
    }
    if (kind === 'node' && typeof attrs.index === 'number') out.label = String(attrs.index);
    out.attributes = a;
    return out;
  };
}

/**
 * Write a neuron graph as GEXF 1.2 (Gephi): node and edge attributes as typed GEXF attributes
 * (lists stay lists, null list entries become NaN), x/y/z as the node position, the edge weight
 * as the GEXF weight, and the graph attributes as `<meta>` entries (objects as JSON text).
 *
 * ```ts
 * writeFileSync('net.gexf', toGexf(compile(snap, { threshold: 1e-3 })));
 * ```
 */
export function toGexf(graph: AbstractGraph): string {
  // The writer keeps only scalar graph attributes: hand it a view whose attributes are flattened.
  const view = Object.create(graph) as AbstractGraph;
  const flat = flatten(graph.getAttributes());
  view.getAttributes = () => flat;
  return write(view, { formatNode: formatElement('node'), formatEdge: formatElement('edge') });
}
