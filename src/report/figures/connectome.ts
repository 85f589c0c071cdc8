import { neuronRole } from '../../core/config.js';
import { describeThreshold } from '../../core/threshold.js';
import { EDGE_COLORS, ROLE_COLORS } from '../colors.js';
import { capEdges, edgeKind, type EdgeKind } from '../edges.js';
import { finishFigure, type Figure } from '../figure.js';
import { layeredLayout } from '../layered-layout.js';
import type { NetworkView } from '../network.js';
import { edgePath } from '../svg/edge-path.js';
import { swatchLegend, type LegendItem } from '../svg/legend.js';
import { layerLabel } from '../svg/layer-strip.js';
import { attrs, text } from '../svg/markup.js';
import { notesHeight } from '../svg/notes.js';
import { TITLE_HEIGHT, titleBlock } from '../svg/title.js';
import { fmt } from '../fmt.js';

/** Options of `connectomeFigure`. */
export interface ConnectomeFigureOptions {
  /** Draw at most this many synapses (the strongest). */
  maxEdges: number;
  /** Height of the tallest column in pixels. */
  plotHeight: number;
  /** Colour neurons by something else than their role (e.g. the task that recruited them). */
  nodeColors?: NodeColors;
}

/** A colouring of the neurons with its legend. */
export interface NodeColors {
  title: string;
  color: (neuron: number) => string;
  items: LegendItem[];
}

/** Defaults of `connectomeFigure`. */
export const CONNECTOME_FIGURE_DEFAULTS: ConnectomeFigureOptions = { maxEdges: 3000, plotHeight: 560 };

/** Legend label of each edge kind. */
export const EDGE_KIND_LABEL: Record<EdgeKind, string> = { forward: 'forward', backward: 'backward', same: 'same layer' };

/**
 * The paper's Fig. 6 as a layered drawing of the emergent network: neurons in columns by layer,
 * ordered by the barycentre of their neighbours; synapses as curves, width ∝ |W_ij|, red
 * forward, green backward, black within a layer. At most `maxEdges` synapses are drawn (with a
 * note), the strongest of every pair of layers in turn (`capEdges`), and neurons left without a drawn synapse (outputs excepted) are hidden.
 *
 * ```ts
 * const fig = connectomeFigure(emergentNetwork(snap, { threshold: { relative: 0.05 } }));
 * ```
 */
export function connectomeFigure(net: NetworkView, options: Partial<ConnectomeFigureOptions> = {}): Figure {
  const o = { ...CONNECTOME_FIGURE_DEFAULTS, ...options };
  const { config } = net;
  const layerOf = new Map<number, number>();
  net.neurons.forEach((id, k) => layerOf.set(id, net.layer[k]));
  const total = net.edges.length;
  const edges = capEdges(net.edges, (i) => layerOf.get(i)!, o.maxEdges);
  const touched = new Set<number>();
  for (const e of edges) {
    touched.add(e.source);
    touched.add(e.target);
  }
  const ids = Array.from(net.neurons).filter((i) => touched.has(i) || neuronRole(config, i) === 'output');
  const layers = ids.map((i) => layerOf.get(i)!);
  const lay = layeredLayout(ids, layers, edges);

  const notes: string[] = [thresholdNote(net)];
  if (total > edges.length) notes.push(`showing ${edges.length} of ${total} synapses of the emergent network: the strongest of each pair of layers, in turn.`);
  const hidden = net.neurons.length - ids.length;
  if (hidden > 0) notes.push(`${hidden} neurons of the network without a drawn synapse are not shown.`);

  const C = lay.columns.length;
  const colGap = C > 1 ? Math.max(150, Math.min(260, 900 / (C - 1))) : 200;
  const left = 90;
  const top = TITLE_HEIGHT + 80;
  const plotW = (C - 1) * colGap;
  const plotH = o.plotHeight;
  const legendX = left + plotW + 110;
  const { legendSvg, legendW, ly, strokeOf, fillOf } = connectomeLegends(net, edges, layerOf, o, legendX, top);
  const width = Math.ceil(Math.max(legendX + legendW + 20, 640));
  const nh = notesHeight(notes, width - 40);
  const height = Math.ceil(Math.max(top + plotH + 50, ly) + nh + 10);

  const xy = new Map<number, [number, number, number]>(); // id → x, y, radius
  lay.members.forEach((m, c) => {
    const step = Math.min(plotH / Math.max(1, m.length), 28);
    const y0 = top + (plotH - step * m.length) / 2;
    const r = Math.max(1.2, Math.min(6, step * 0.35));
    m.forEach((id, k) => xy.set(id, [left + c * colGap, y0 + (k + 0.5) * step, r]));
  });
  const body: string[] = [
    titleBlock('Emergent network', `${ids.length} neurons in ${C} layers · ${edges.length} synapses drawn · layer = ${net.layering}`, 20),
  ];
  lay.columns.forEach((l, c) => {
    const x = left + c * colGap;
    body.push(text(x, top - 50, layerLabel(l), { size: 12, anchor: 'middle', weight: 'bold' }));
    body.push(text(x, top - 36, `${lay.members[c].length} neuron${lay.members[c].length === 1 ? '' : 's'}`, { size: 10, anchor: 'middle', fill: '#555' }));
  });
  // Fainter edges when there are many, so dense layers do not turn into a solid block.
  const opacity = Math.max(0.15, Math.min(0.6, 0.6 * Math.sqrt(400 / Math.max(1, edges.length))));
  body.push('<g fill="none" stroke-linecap="round">');
  for (let k = edges.length - 1; k >= 0; k--) {
    const e = edges[k];
    const [x1, y1] = xy.get(e.source)!;
    const [x2, y2] = xy.get(e.target)!;
    const kind = edgeKind(layerOf.get(e.source)!, layerOf.get(e.target)!);
    body.push(
      `<path ${attrs({ d: edgePath(x1, y1, x2, y2, e.source === e.target, top - 26), stroke: EDGE_COLORS[kind], 'stroke-width': strokeOf(e.weight), 'stroke-opacity': opacity })}/>`,
    );
  }
  body.push('</g>');
  for (const id of ids) {
    const [x, y, r] = xy.get(id)!;
    body.push(`<circle ${attrs({ cx: x, cy: y, r, fill: fillOf(id), stroke: '#fff', 'stroke-width': r > 2 ? 0.8 : 0 })}/>`);
  }
  body.push(text(left + plotW / 2, top + plotH + 30, `layer (${net.layering}) →`, { size: 12, anchor: 'middle' }));
  body.push(...legendSvg);
  return finishFigure({ name: 'connectome', title: 'Emergent network by layer (paper Fig. 6)', width, height, body, notes, plots: { main: { x: left - 10, y: top, width: plotW + 20, height: plotH } } });
}

/** The three legends of the connectome (synapse direction, width ∝ |W|, neuron role) at (x, y), and the stroke and fill they explain. */
function connectomeLegends(net: NetworkView, edges: NetworkView['edges'], layerOf: Map<number, number>, o: Partial<ConnectomeFigureOptions>, legendX: number, top: number) {
  const { config } = net;
  const kinds: Record<EdgeKind, number> = { forward: 0, backward: 0, same: 0 };
  for (const e of edges) kinds[edgeKind(layerOf.get(e.source)!, layerOf.get(e.target)!)]++;
  let wmax = 0;
  for (const e of edges) wmax = Math.max(wmax, Math.abs(e.weight));
  const strokeOf = (w: number) => 0.4 + 3.6 * (wmax > 0 ? Math.abs(w) / wmax : 0);
  const edgeItems: LegendItem[] = (['forward', 'backward', 'same'] as const).map((k) => ({
    label: `${EDGE_KIND_LABEL[k]} (${kinds[k]})`,
    color: EDGE_COLORS[k],
    shape: 'line',
  }));
  const widthItems: LegendItem[] = [1, 0.5, 0.1].map((f) => ({ label: `|W| = ${fmt(f * wmax, 2)}`, color: '#555', shape: 'line', strokeWidth: strokeOf(f * wmax) }));
  const roleItems: LegendItem[] = o.nodeColors?.items ?? (['input', 'hidden', 'output'] as const).map((r) => ({ label: r, color: ROLE_COLORS[r], shape: 'circle' }));
  const fillOf = o.nodeColors?.color ?? ((id: number) => ROLE_COLORS[neuronRole(config, id)]);
  const legendSvg: string[] = [];
  let ly = top;
  let legendW = 0;
  for (const [items, title] of [
    [edgeItems, 'synapse direction'],
    [widthItems, 'width ∝ |W_ij|'],
    [roleItems, o.nodeColors?.title ?? 'neuron role'],
  ] as const) {
    const b = swatchLegend(items, legendX, ly, { title });
    legendSvg.push(b.svg);
    ly += b.height + 10;
    legendW = Math.max(legendW, b.width);
  }
  return { legendSvg, legendW, ly, strokeOf, fillOf };
}

/**
 * The note every network figure carries: the threshold, and what the pruning removed.
 *
 * ```ts
 * thresholdNote(net); // 'the emergent network: live synapses with |W| > 1.2e-2 (1% of max|W|); 25 of 200 neurons pruned …'
 * ```
 */
export function thresholdNote(net: NetworkView): string {
  const words = describeThreshold(net.threshold.rule);
  const rule = words ? ` (${words})` : '';
  return `the emergent network: live synapses with |W| > ${fmt(net.threshold.value, 2)}${rule}; ${net.removed} of ${net.config.S} neurons pruned (never active, unreachable, irrelevant or input-independent).`;
}
