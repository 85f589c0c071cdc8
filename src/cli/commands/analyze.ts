import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { compile } from '../../topology/compile.js';
import { analyze } from '../../topology/analyze.js';
import { formatReportTable } from '../../topology/format-table.js';
import { toGexf } from '../../topology/gexf.js';
import { toGraphml } from '../../export/graphml.js';
import { atomicWriteFileSync } from '../../util/atomic-write.js';
import { DEFAULT_THRESHOLD, type ThresholdRule } from '../../core/threshold.js';
import { loadRun } from '../../train/load-run.js';
import { thresholdRule } from '../parse.js';

/** The default threshold of `urn analyze`: 1% of the largest |W_ij|. */

interface AnalyzeFlags {
  threshold: ThresholdRule;
  json?: boolean;
  gexf?: string;
  graphml?: string;
  activity: boolean;
  maxEdges: number;
}

/** Register `urn analyze`. */
export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('Compile the trained W into a graph and report its emergent layers, widths, skips and loops.')
    .argument('<run>', 'run directory or checkpoint file')
    .option('--threshold <t>', 'keep |W_ij| above: a number, rel:<r> (r·max|W|) or q:<q> (quantile)', thresholdRule, DEFAULT_THRESHOLD)
    .option('--no-activity', 'do not re-measure activity on the run\'s training data (dead neurons are then found by reachability only)')
    .option('--max-edges <n>', 'refuse to build a graph with more edges than this', Number, 200_000)
    .option('--gexf <file>', 'also write the graph as GEXF (opens in Gephi)')
    .option('--graphml <file>', 'also write the graph as GraphML (opens in Cytoscape, yEd, Gephi)')
    .option('--json', 'print the report as JSON')
    .action(async (path: string, o: AnalyzeFlags) => {
      const { snapshot, activity, warning } = await loadRun(path, { activity: o.activity });
      if (warning) process.stderr.write(`urn analyze: warning: ${warning}\n`);
      const graph = compile(snapshot, { threshold: o.threshold, maxEdges: o.maxEdges });
      const report = analyze(graph);
      if (o.gexf) writeFileSync(o.gexf, toGexf(graph));
      if (o.graphml) atomicWriteFileSync(o.graphml, toGraphml(graph));
      if (o.json) process.stdout.write(`${JSON.stringify({ ...report, activity, warning })}\n`);
      else process.stdout.write(`${formatReportTable(report)}\n${o.gexf ? `gexf      ${o.gexf}\n` : ''}${o.graphml ? `graphml   ${o.graphml}\n` : ''}`);
    });
}
