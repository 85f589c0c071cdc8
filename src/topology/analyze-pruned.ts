import { subCsr } from '../core/csr.js';
import { analyzeCsr } from './analyze-csr.js';
import type { Pruned } from './prune.js';
import type { TopologyReport } from './report.js';

/**
 * The `analyze` report of a pruned snapshot straight from its typed arrays, without building a
 * graphology graph: the path for graphs above `maxEdges` and for per-epoch timelines. Gives the
 * same report as `analyze(graphFromPruned(snap, p))`.
 *
 * ```ts
 * const report = analyzePruned(pruneSnapshot(snap, { threshold: 0 }));
 * ```
 */
export function analyzePruned(p: Pruned, options: { maxListed?: number } = {}): TopologyReport {
  const { S, I } = p.config;
  const csr = subCsr(p.csr, p.kept, p.edgeLive);
  const n = csr.rows;
  const cut = new Uint8Array((I + 1) * n);
  for (let c = 0; c < n; c++) {
    const i = csr.neuron[c];
    for (let t = 1; t <= I; t++) if (!p.unrolled.live[t * S + i]) cut[t * n + c] = 1;
  }
  let coords: Float32Array | undefined;
  if (p.coords) {
    coords = new Float32Array(3 * n);
    for (let c = 0; c < n; c++) for (let d = 0; d < 3; d++) coords[3 * c + d] = p.coords[3 * csr.neuron[c] + d];
  }
  const pruning = {
    removed: p.removed,
    unusedInputs: p.unusedInputs,
    unusedOutputs: p.unusedOutputs,
    edgesAboveThreshold: p.csr.colIdx.length,
    edgesNotLive: p.csr.colIdx.length - p.liveEdgeCount,
  };
  return analyzeCsr({ csr, config: p.config, cut, coords, threshold: p.threshold, pruning }, options.maxListed).report;
}
