import type { UrnConfig } from '../core/config.js';
import type { TopologyCsr } from '../core/csr.js';
import { unrolledLayers, type UnrolledLayers } from './layers.js';
import { longestPathLayers } from './longest-path.js';
import type { TopologyReport } from './report.js';
import { stronglyConnected } from './scc.js';
import { synapseGeometry } from './synapse-geometry.js';
import { unroll } from '../core/unroll.js';
import { nodeRoles } from '../core/roles.js';

/**
 * What `analyzeCsr` needs besides options.
 *
 * ```ts
 * analyzeCsr({ csr, config: cfg, coords });
 * ```
 */
export interface CsrAnalysisInput {
  csr: TopologyCsr;
  config: Pick<UrnConfig, 'S' | 'I' | 'dIn' | 'dOut' | 'rule' | 'activation' | 'readout' | 'geometry'>;
  /** Pairs known not to be live (t ≥ 1), passed to `unroll` as its cut. */
  cut?: Uint8Array;
  /** Node coordinates, 3 per CSR node, for the geometry statistics. */
  coords?: ArrayLike<number>;
  threshold?: TopologyReport['threshold'];
  pruning?: TopologyReport['pruning'];
}

/**
 * The report plus the per-node layerings it was computed from.
 *
 * ```ts
 * const { report, layers, longestPath } = analyzeCsr({ csr, config: cfg });
 * ```
 */
export interface CsrAnalysis {
  report: TopologyReport;
  layers: UnrolledLayers;
  /** Longest-path layer per node, or null when cyclic. */
  longestPath: Int32Array | null;
}

const bump = (h: Record<string, number>, k: number) => {
  h[k] = (h[k] ?? 0) + 1;
};

/**
 * The whole analysis on typed arrays: unrolled layers, longest-path layering, their agreement,
 * spans, skips, SCCs, back edges and grid statistics. `analyze` and `analyzePruned` call it.
 *
 * ```ts
 * const { report } = analyzeCsr({ csr, config: cfg }, 64);
 * ```
 */
export function analyzeCsr(input: CsrAnalysisInput, maxListed = 64): CsrAnalysis {
  const { csr, config } = input;
  const n = csr.rows;
  const roles = nodeRoles(csr, config);
  const u = unroll(csr, config, { cut: input.cut });
  const layers = unrolledLayers(csr, config, u);
  const { layer } = layers;
  const isInput = roles.map((r) => (r === 1 ? 1 : 0));
  const lp = longestPathLayers(csr, isInput);

  const widths: number[] = [];
  const byRole = [0, 0, 0];
  const reusedNeurons: number[] = [];
  let reused = 0;
  let accumulatingOutputs = 0;
  let disagreements = 0;
  for (let c = 0; c < n; c++) {
    const l = layer[c];
    if (l >= 0) {
      while (widths.length <= l) widths.push(0);
      widths[l]++;
      byRole[roles[c]]++;
    }
    if (layers.reused[c]) {
      reused++;
      if (reusedNeurons.length < maxListed) reusedNeurons.push(csr.neuron[c]);
    }
    accumulatingOutputs += layers.accumulating[c];
    if (!lp || lp[c] !== l) disagreements++;
  }
  const lpWidths = lp ? countPerLayer(lp) : null;

  const { spans, skipSpans, skips, back, same, self, unlayered, forward1 } = edgeSpans(csr, layer);
  const edges = csr.colIdx.length;
  const scc = stronglyConnected(csr);
  const sccSizes = Array.from(scc.sizes).filter((s) => s > 1).sort((a, b) => b - a);
  const geo = config.geometry && input.coords ? synapseGeometry(csr, input.coords, config.geometry.beta) : null;

  const report: TopologyReport = {
    config: {
      S: config.S,
      I: config.I,
      dIn: config.dIn,
      dOut: config.dOut,
      rule: config.rule,
      activation: config.activation,
      ...(config.readout ? { readout: config.readout } : {}),
    },
    threshold: input.threshold ?? null,
    neurons: { nodes: n, active: byRole[0] + byRole[1] + byRole[2], input: byRole[1], hidden: byRole[0], output: byRole[2] },
    edges: { count: edges, selfLoops: self },
    pruning: input.pruning ?? null,
    layers: {
      widths,
      livePairsPerIteration: u.livePerIteration,
      reused,
      reusedNeurons,
      accumulatingOutputs,
      longestPath: lpWidths,
      agree: disagreements === 0,
      disagreements,
    },
    strictMlp: edges > 0 && forward1 === edges,
    spans,
    skips: { count: skips, spans: skipSpans },
    loops: {
      sccs: sccSizes.length,
      largestScc: sccSizes[0] ?? (n > 0 ? 1 : 0),
      sccSizes: sccSizes.slice(0, maxListed),
      selfLoops: self,
      backEdges: back,
      sameLayerEdges: same,
    },
    unlayeredEdges: unlayered,
    geometry: geo,
  };
  return { report, layers, longestPath: lp };
}

/** Edges by layer span Λ(i) − Λ(j): skips (> 1), forward (1), same layer (0), back (< 0), self-loops and unlayered. */
function edgeSpans(csr: CsrAnalysisInput['csr'], layer: Int32Array) {
  const n = csr.rows;
  const spans: Record<string, number> = {};
  const skipSpans: Record<string, number> = {};
  let skips = 0, back = 0, same = 0, self = 0, unlayered = 0, forward1 = 0;
  for (let i = 0; i < n; i++) {
    for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) {
      const j = csr.colIdx[k];
      if (j === i) {
        self++;
        continue;
      }
      if (layer[i] < 0 || layer[j] < 0) {
        unlayered++;
        continue;
      }
      const s = layer[i] - layer[j];
      bump(spans, s);
      if (s > 1) {
        skips++;
        bump(skipSpans, s);
      } else if (s === 1) forward1++;
      else if (s === 0) same++;
      else back++;
    }
  }
  return { spans, skipSpans, skips, back, same, self, unlayered, forward1 };
}

/** Nodes per layer of a layer assignment (−1: none). */
function countPerLayer(layer: Int32Array): number[] {
  const widths: number[] = [];
  for (const l of layer) {
    if (l < 0) continue;
    while (widths.length <= l) widths.push(0);
    widths[l]++;
  }
  return widths;
}
