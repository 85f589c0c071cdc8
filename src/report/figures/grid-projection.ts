import { ConfigError, prefix } from '../../errors.js';
import { neuronRole } from '../../core/config.js';
import { EDGE_COLORS, ROLE_COLORS } from '../colors.js';
import { capEdges, edgeKind, type EdgeKind } from '../edges.js';
import { finishFigure, type Figure, type Rect } from '../figure.js';
import type { NetworkView } from '../network.js';
import { thresholdNote } from './connectome.js';
import { axisBottom, axisLeft } from '../svg/axis.js';
import { swatchLegend, type LegendItem } from '../svg/legend.js';
import { attrs, text } from '../svg/markup.js';
import { notesHeight } from '../svg/notes.js';
import { integerTicks } from '../svg/ticks.js';
import { TITLE_HEIGHT, titleBlock } from '../svg/title.js';
import { fmt } from '../fmt.js';

const where = prefix('gridProjectionFigure');

/** Options of `gridProjectionFigure`. */
export interface GridProjectionOptions {
  /** Draw at most this many synapses (the strongest). */
  maxEdges: number;
  /**
   * Which synapses a capped drawing keeps: true (default) the strongest of each pair of z planes
   * in turn, so rare directions stay visible; false the strongest overall, so the colours keep
   * the network's proportions (the paper's Fig. 6 reading).
   */
  balance: boolean;
}

/** Defaults of `gridProjectionFigure`. */
export const GRID_PROJECTION_DEFAULTS: GridProjectionOptions = { maxEdges: 3000, balance: true };

const KIND_LABEL: Record<EdgeKind, string> = { forward: 'up (z grows)', backward: 'down (z falls)', same: 'same z' };

/**
 * The paper's Fig. 6 in the grid's own coordinates: the active neurons and their strongest
 * synapses projected on the x–z and y–z planes (inputs at z = 1, outputs at the top), red where
 * a synapse goes up in z, green down, black within a plane, width ∝ |W_ij|. Locality shows as
 * short edges. Needs a snapshot with `coords` (a grid geometry).
 *
 * ```ts
 * const fig = gridProjectionFigure(emergentNetwork(snap));
 * const asIs = gridProjectionFigure(emergentNetwork(snap), { maxEdges: 4000, balance: false });
 * ```
 */
export function gridProjectionFigure(net: NetworkView, options: Partial<GridProjectionOptions> = {}): Figure {
  const o = { ...GRID_PROJECTION_DEFAULTS, ...options };
  const { config, coords } = net;
  if (!coords || !config.geometry) throw new ConfigError(where('the network has no grid geometry (coords). Train with --grid X,Y,Z.'));
  const [X, Y, Z] = config.geometry.grid;
  const total = net.edges.length;
  const z = (i: number) => coords[3 * i + 2];
  const edges = o.balance ? capEdges(net.edges, z, o.maxEdges) : net.edges.slice(0, o.maxEdges);
  const touched = new Set<number>();
  for (const e of edges) {
    touched.add(e.source);
    touched.add(e.target);
  }
  const ids = Array.from(net.neurons).filter((i) => touched.has(i) || neuronRole(config, i) === 'output');
  const kinds: Record<EdgeKind, number> = { forward: 0, backward: 0, same: 0 };
  for (const e of edges) kinds[edgeKind(z(e.source), z(e.target))]++;
  let wmax = 0;
  for (const e of edges) wmax = Math.max(wmax, Math.abs(e.weight));
  const strokeOf = (w: number) => 0.3 + 2.7 * (wmax > 0 ? Math.abs(w) / wmax : 0);

  const notes: string[] = [thresholdNote(net)];
  const which = o.balance ? 'the strongest of each pair of z planes, in turn' : 'the strongest';
  if (total > edges.length) notes.push(`showing ${edges.length} of ${total} synapses of the emergent network: ${which}.`);
  notes.push('each panel projects the grid along one axis, so neurons at the same (x, z) or (y, z) overlap.');

  const panelW = 380;
  const panelH = 300;
  const left = 80;
  const gap = 90;
  const top = TITLE_HEIGHT + 24;
  const legendX = left + 2 * panelW + gap + 30;
  const items: LegendItem[] = (['forward', 'backward', 'same'] as const).map((k) => ({ label: `${KIND_LABEL[k]} (${kinds[k]})`, color: EDGE_COLORS[k], shape: 'line' }));
  const l1 = swatchLegend(items, legendX, top, { title: 'synapse direction' });
  const widthItems: LegendItem[] = [1, 0.5, 0.1].map((f) => ({ label: `|W| = ${fmt(f * wmax, 2)}`, color: '#555', shape: 'line', strokeWidth: strokeOf(f * wmax) }));
  const l2 = swatchLegend(widthItems, legendX, top + l1.height + 10, { title: 'width ∝ |W_ij|' });
  const roles: LegendItem[] = (['input', 'hidden', 'output'] as const).map((r) => ({ label: r, color: ROLE_COLORS[r], shape: 'circle' }));
  const l3 = swatchLegend(roles, legendX, top + l1.height + l2.height + 20, { title: 'neuron role' });
  const width = Math.ceil(legendX + Math.max(l1.width, l2.width, l3.width) + 20);
  const nh = notesHeight(notes, width - 40);
  const height = Math.ceil(Math.max(top + panelH + 60, top + l1.height + l2.height + l3.height + 30) + nh + 10);

  const body = [titleBlock('Emergent network in grid coordinates', `grid ${X}×${Y}×${Z} · ${edges.length} synapses drawn · inputs at z = 1, outputs at z = ${Z}`, 20)];
  const plots: Record<string, Rect> = {};
  (['x', 'y'] as const).forEach((axis, p) => {
    const k = axis === 'x' ? 0 : 1;
    const extent = axis === 'x' ? X : Y;
    const x0 = left + p * (panelW + gap);
    const px = (v: number) => x0 + 10 + ((panelW - 20) * (v + 0.5)) / extent;
    const pz = (v: number) => top + panelH - 10 - ((panelH - 20) * (v - 0.5)) / Z;
    plots[`${axis}z`] = { x: x0, y: top, width: panelW, height: panelH };
    body.push(`<rect ${attrs({ x: x0, y: top, width: panelW, height: panelH, fill: '#fafafa', stroke: '#ccc' })}/>`);
    body.push(text(x0 + panelW / 2, top - 8, `${axis}–z projection`, { size: 12, anchor: 'middle', weight: 'bold' }));
    body.push('<g fill="none" stroke-linecap="round">');
    for (let q = edges.length - 1; q >= 0; q--) {
      const e = edges[q];
      const kind = edgeKind(z(e.source), z(e.target));
      body.push(
        `<line ${attrs({ x1: px(coords[3 * e.source + k]), y1: pz(z(e.source)), x2: px(coords[3 * e.target + k]), y2: pz(z(e.target)), stroke: EDGE_COLORS[kind], 'stroke-width': strokeOf(e.weight), 'stroke-opacity': 0.5 })}/>`,
      );
    }
    body.push('</g>');
    const r = Math.max(1.5, Math.min(4, (panelW - 20) / extent / 3));
    for (const i of ids) {
      body.push(`<circle ${attrs({ cx: px(coords[3 * i + k]), cy: pz(z(i)), r, fill: ROLE_COLORS[neuronRole(config, i)], 'fill-opacity': 0.85 })}/>`);
    }
    body.push(axisBottom({ pos: px, ticks: integerTicks(0, extent - 1, 8), label: `grid ${axis}` }, top + panelH, x0, x0 + panelW));
    body.push(axisLeft({ pos: pz, ticks: integerTicks(1, Z, 8), label: 'grid z' }, x0, top, top + panelH, 36));
  });
  body.push(l1.svg, l2.svg, l3.svg);
  return finishFigure({ name: 'connectome-grid', title: 'Emergent network in grid coordinates (paper Fig. 6)', width, height, body, notes, plots });
}

