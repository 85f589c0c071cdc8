/**
 * Topology compile + analysis speed: prune (dense W → CSR → unrolled computation → kept neurons)
 * and analyse on typed arrays, then build and analyse the graphology graph when it is within
 * maxEdges. Reports edges/s and the ratio to the floor, one plain scan over the dense S×S
 * Float32Array, measured in the same run.
 *
 *   npm run bench -- analyze [--json] [flags]   (--help: every flag with its kind, default and meaning)
 */
import { pruneSnapshot } from '../src/topology/prune.js';
import { analyzePruned } from '../src/topology/analyze-pruned.js';
import { graphFromPruned } from '../src/topology/compile.js';
import { analyze } from '../src/topology/analyze.js';
import { median, randomSnapshot } from './util.js';
import { int, ints, nums, parseFlags } from './lib/flags.js';

export const flags = {
  S: ints([1000, 5000], 'network sizes'),
  density: nums([0.001, 0.01, 0.1], 'densities of the random W'),
  I: int(4, 'iterations'),
  maxEdges: int(200000, "the graphology graph's bound (above it the graph is skipped)"),
  reps: int(3, 'repetitions; the median is reported'),
};

/** The floor: one plain pass over the dense W, counting |w| > threshold. */
function scan(W: Float32Array, threshold: number): number {
  let c = 0;
  for (let k = 0; k < W.length; k++) if (Math.abs(W[k]) > threshold) c++;
  return c;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, (performance.now() - t0) / 1000];
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { S: sizes, density: densities, I, maxEdges, reps } = parseFlags('analyze', flags, args);
  const cases: Record<string, unknown>[] = [];
  for (const S of sizes) {
    for (const density of densities) {
      const snap = randomSnapshot(S, I, density, 1);
      const floors: number[] = [];
      const prunes: number[] = [];
      const analyses: number[] = [];
      let check = 0;
      let p = pruneSnapshot(snap, { threshold: 0 });
      let report = analyzePruned(p);
      for (let r = 0; r < reps; r++) {
        const [c, f] = time(() => scan(snap.W, 0));
        floors.push(f);
        const [pp, tp] = time(() => pruneSnapshot(snap, { threshold: 0 }));
        const [rr, ta] = time(() => analyzePruned(pp));
        prunes.push(tp);
        analyses.push(ta);
        p = pp;
        report = rr;
        check += c - pp.csr.colIdx.length; // 0 unless the two counts disagree
      }
      if (check !== 0) throw new Error('bench analyze: CSR and scan disagree on the edge count');
      const floor = median(floors);
      const typed = median(prunes) + median(analyses);
      const edges = p.csr.colIdx.length;
      let graph: Record<string, unknown>;
      if (p.liveEdgeCount > maxEdges) {
        graph = { skipped: `bound: ${p.liveEdgeCount} live edges > maxEdges ${maxEdges}` };
      } else {
        const [g, tb] = time(() => graphFromPruned(snap, p, { maxEdges }));
        const [gr, tg] = time(() => analyze(g));
        if (JSON.stringify(gr) !== JSON.stringify(report)) throw new Error('bench analyze: graph and CSR reports differ');
        graph = {
          buildSeconds: tb,
          analyzeSeconds: tg,
          edgesPerSecond: g.size / (tb + tg),
          ratioToFloor: (tb + tg) / floor,
        };
      }
      const row = {
        S,
        density,
        edgesAboveThreshold: edges,
        liveEdges: p.liveEdgeCount,
        activeNeurons: report.neurons.active,
        layers: report.layers.widths.length,
        floorSeconds: floor,
        pruneSeconds: median(prunes),
        analyzeSeconds: median(analyses),
        edgesPerSecond: edges / typed,
        ratioToFloor: typed / floor,
        graph,
      };
      console.log(
        `S=${S} density=${density}: ${edges} edges (${p.liveEdgeCount} live), typed path ${(typed * 1e3).toFixed(1)} ms ` +
          `= ${(edges / typed / 1e6).toFixed(1)} M edges/s, ${(typed / floor).toFixed(1)}× one dense scan ` +
          `(${(floor * 1e3).toFixed(1)} ms); graph: ${
            'skipped' in graph ? graph.skipped : `${((graph.buildSeconds as number) + (graph.analyzeSeconds as number)).toFixed(3)} s, ${(graph.ratioToFloor as number).toFixed(0)}× the scan`
          }`,
      );
      cases.push(row);
    }
  }
  return { I, maxEdges, reps, cases };
}
