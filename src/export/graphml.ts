import type { AbstractGraph, Attributes } from 'graphology-types';
import XMLWriter from 'xml-writer';

type Scope = 'graph' | 'node' | 'edge';
type GraphmlType = 'boolean' | 'int' | 'double' | 'string';

/** GraphML keeps scalars: numbers, booleans and strings; lists and objects travel as JSON text. */
function scalar(v: unknown): string | number | boolean {
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : JSON.stringify(v);
}

function typeOf(values: unknown[]): GraphmlType {
  const s = values.map(scalar);
  if (s.every((v) => typeof v === 'boolean')) return 'boolean';
  if (s.every((v) => typeof v === 'number')) return s.every((v) => Number.isInteger(v) && Math.abs(v as number) < 2 ** 31) ? 'int' : 'double';
  return 'string';
}

/** One `<key>` per attribute name and scope, typed from every value it takes. */
function keysOf(graph: AbstractGraph): Map<string, { id: string; scope: Scope; name: string; type: GraphmlType }> {
  const seen = new Map<string, { scope: Scope; name: string; values: unknown[] }>();
  const note = (scope: Scope, attrs: Attributes) => {
    for (const [name, v] of Object.entries(attrs)) {
      if (v === undefined || v === null) continue;
      const k = `${scope}:${name}`;
      if (!seen.has(k)) seen.set(k, { scope, name, values: [] });
      seen.get(k)!.values.push(v);
    }
  };
  note('graph', graph.getAttributes());
  graph.forEachNode((_n, a) => note('node', a));
  graph.forEachEdge((_e, a) => note('edge', a));
  const out = new Map<string, { id: string; scope: Scope; name: string; type: GraphmlType }>();
  let i = 0;
  for (const [k, { scope, name, values }] of seen) out.set(k, { id: `d${i++}`, scope, name, type: typeOf(values) });
  return out;
}

/**
 * Write a neuron graph as GraphML (Cytoscape, yEd, Gephi, NetworkX): every graph, node and edge
 * attribute becomes a typed `<key>` (`int`, `double`, `boolean` or `string`; lists and objects
 * as JSON text), the edge weight is the `weight` key, and edges keep their direction.
 * graphology-graphml only parses GraphML (0.5.2 has no writer), so this writer uses xml-writer,
 * as graphology-gexf does.
 *
 * ```ts
 * writeFileSync('net.graphml', toGraphml(compile(snap, { threshold: 1e-3 })));
 * ```
 */
export function toGraphml(graph: AbstractGraph): string {
  const keys = keysOf(graph);
  const xw = new XMLWriter('  ');
  xw.startDocument('1.0', 'UTF-8').startElement('graphml').writeAttribute('xmlns', 'http://graphml.graphdrawing.org/xmlns');
  for (const k of keys.values()) {
    xw.startElement('key').writeAttribute('id', k.id).writeAttribute('for', k.scope);
    xw.writeAttribute('attr.name', k.name).writeAttribute('attr.type', k.type).endElement();
  }
  const data = (scope: Scope, attrs: Attributes) => {
    for (const [name, v] of Object.entries(attrs)) {
      if (v === undefined || v === null) continue;
      xw.startElement('data').writeAttribute('key', keys.get(`${scope}:${name}`)!.id).text(String(scalar(v))).endElement();
    }
  };
  xw.startElement('graph').writeAttribute('id', 'G').writeAttribute('edgedefault', graph.type === 'undirected' ? 'undirected' : 'directed');
  data('graph', graph.getAttributes());
  graph.forEachNode((n, a) => {
    xw.startElement('node').writeAttribute('id', n);
    data('node', a);
    xw.endElement();
  });
  graph.forEachEdge((e, a, s, t) => {
    xw.startElement('edge').writeAttribute('id', e).writeAttribute('source', s).writeAttribute('target', t);
    data('edge', a);
    xw.endElement();
  });
  return xw.endDocument().toString();
}
