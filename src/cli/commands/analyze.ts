import type { Command } from 'commander';
import { formatReportTable } from '../../topology/format-table.js';
import { toGexf } from '../../topology/gexf.js';
import { toGraphml } from '../../export/graphml.js';
import { analyzeRun, deadOutputWarning, graphFor } from '../../export/analyze-run.js';
import type { StructureThreshold } from '../../export/fidelity.js';
import type { SilenceSpec } from '../../export/analyze-run.js';
import { atomicWriteFileSync } from '../../util/atomic-write.js';
import { int, silenceSpec, structureThreshold } from '../parse.js';
import { createSearchProgress } from '../progress.js';

interface AnalyzeFlags {
  threshold: StructureThreshold;
  json?: boolean;
  gexf?: string;
  graphml?: string;
  activity: boolean;
  maxEdges: number;
  silence?: SilenceSpec;
}

/** Register `urn analyze`. */
export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('Compile the trained W into a graph and report its emergent layers, widths, skips and loops, and how faithful that structure is to the dense network.')
    .argument('<run>', 'run directory or checkpoint file')
    .option(
      '--threshold <t>',
      "keep |W_ij| above: 'verified' (the largest threshold urn export certifies), a number, rel:<r> (r·max|W|) or q:<q> (quantile)",
      structureThreshold,
      'verified',
    )
    .option('--no-activity', 'do not re-measure activity on the run\'s training data (dead neurons are then found by reachability only)')
    .option('--max-edges <n>', 'build the graph only up to this many edges (above it the report comes from the typed arrays; GEXF and GraphML need the graph)', int, 200_000)
    .option(
      '--silence <ids>',
      'also certify the structure with these hidden neurons silenced: ids (24,25) or from-layer:<k> (every hidden neuron at layer k or deeper); does it still compute the network?',
      silenceSpec,
    )
    .option('--gexf <file>', 'also write the graph as GEXF (opens in Gephi)')
    .option('--graphml <file>', 'also write the graph as GraphML (opens in Cytoscape, yEd, Gephi)')
    .option('--json', 'print the report as JSON')
    .action(async (path: string, o: AnalyzeFlags) => {
      const progress = createSearchProgress({ quiet: Boolean(o.json) });
      const a = await analyzeRun(path, { threshold: o.threshold, activity: o.activity, maxEdges: o.maxEdges, silence: o.silence, onTrial: progress.onTrial }).finally(() => progress.stop());
      const { report, activity, warning, fidelity, deadOutputs, ablation } = a;
      const graph = o.gexf || o.graphml ? graphFor(a, o.maxEdges) : null;
      if (warning) process.stderr.write(`urn analyze: warning: ${warning}\n`);
      const dead = deadOutputWarning(deadOutputs, report.config.dOut);
      if (dead) process.stderr.write(`urn analyze: warning: ${dead}\n`);
      if (fidelity.pass !== true) process.stderr.write(`urn analyze: warning: ${fidelity.summary}\n`);
      if (o.gexf && graph) atomicWriteFileSync(o.gexf, toGexf(graph));
      if (o.graphml && graph) atomicWriteFileSync(o.graphml, toGraphml(graph));
      if (o.json) process.stdout.write(`${JSON.stringify({ ...report, activity, warning, fidelity, deadOutputs, liveEdges: a.liveEdges, graphSkipped: a.graphSkipped, ...(ablation ? { ablation } : {}) })}\n`);
      else process.stdout.write(`${formatReportTable(report)}\nfidelity       ${fidelity.summary}\n${a.graphSkipped ? `graph          not built: ${a.graphSkipped}\n` : ''}${ablation ? `silenced       ${ablation.summary}\n` : ''}${o.gexf ? `gexf      ${o.gexf}\n` : ''}${o.graphml ? `graphml   ${o.graphml}\n` : ''}`);
    });
}
