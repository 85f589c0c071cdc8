import type { TopologyReport } from './report.js';
import { describeThreshold } from '../core/threshold.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function hist(h: Record<string, number>): string {
  const keys = Object.keys(h).map(Number).sort((a, b) => a - b);
  return keys.map((k) => `span ${k}: ${h[k]}`).join(', ');
}

/**
 * A short human-readable table of a report (layers, widths, skips, loops), for the CLI.
 *
 * ```ts
 * console.log(formatReportTable(analyze(graph)));
 * ```
 */
export function formatReportTable(r: TopologyReport): string {
  const rows: [string, string][] = [];
  const n = r.neurons;
  rows.push(['neurons', `${n.active} active (${n.input} in, ${n.hidden} hidden, ${n.output} out) of S = ${r.config.S}`]);
  if (r.pruning) {
    const d = r.pruning.removed;
    rows.push([
      'removed',
      `${d.total} (never active ${d.neverActive}, unreachable ${d.unreachable}, irrelevant ${d.irrelevant}, ` +
        `input-independent ${d.inputIndependent}); unused inputs ${r.pruning.unusedInputs.length}, ` +
        `constant outputs ${r.pruning.unusedOutputs.length}`,
    ]);
  }
  const words = r.threshold ? describeThreshold(r.threshold.rule) : '';
  const thr = r.threshold ? `, |w| > ${r.threshold.value.toPrecision(3)}${words ? ` (${words})` : ''}` : '';
  const above = r.pruning ? ` of ${r.pruning.edgesAboveThreshold} above threshold` : '';
  rows.push(['edges', `${r.edges.count} live${above}${thr}`]);
  const L = r.layers;
  rows.push(['per iteration', `${L.livePairsPerIteration.join(' → ') || '-'} (live neurons at t = 0..${r.config.I})`]);
  rows.push([
    'layers',
    `${L.widths.length} (I = ${r.config.I}, ${r.config.rule}): ${L.widths.join(' → ') || '-'}` +
      (L.reused ? ` (each neuron at its first depth; ${L.reused} reused at later ones)` : ''),
  ]);
  rows.push([
    'longest path',
    L.longestPath ? `${L.longestPath.join(' → ') || '-'} (${L.agree ? 'agrees' : `${L.disagreements} nodes differ`})` : 'cyclic',
  ]);
  rows.push(['strict MLP', r.strictMlp ? 'yes' : 'no']);
  rows.push(['skips', r.skips.count ? `${r.skips.count} (${hist(r.skips.spans)})` : '0']);
  const lp = r.loops;
  rows.push([
    'loops',
    `${lp.sccs} SCCs > 1 neuron${lp.sccs ? ` (largest ${lp.largestScc})` : ''}, ${lp.selfLoops} self-loops, ` +
      `${lp.backEdges} back edges, ${lp.sameLayerEdges} same-layer edges`,
  ]);
  rows.push(['reuse', `${L.reused} neurons at several depths, ${L.accumulatingOutputs} accumulating outputs`]);
  if (r.geometry) {
    const g = r.geometry;
    rows.push([
      'geometry',
      `|w| forward ${pct(g.forwardShare)}, backward ${pct(g.backwardShare)}, same z ${pct(g.sameZShare)}; ` +
        `mean synapse length ${g.meanLength.toFixed(3)} (|w|-weighted ${g.weightedMeanLength.toFixed(3)})`,
    ]);
  }
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n');
}
