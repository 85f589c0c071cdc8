import type { Command } from 'commander';
import { writeReport } from '../../report/write-report.js';
import { formatReportSummary } from '../../report/summary.js';
import type { StructureThreshold } from '../../export/fidelity.js';
import { structureThreshold } from '../parse.js';
import { createSearchProgress } from '../progress.js';

/** Register `urn report`. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Write report.html with figures (activity, weights, connectome, training curves, timeline), metrics, topology, its fidelity and certificates.')
    .argument('<run>', 'run directory')
    .option('--out <dir>', 'output folder (default: <run>/report)')
    .option('--threshold <t>', "show the structure at: 'verified' (the largest threshold urn export certifies), a number, rel:<r> or q:<q>", structureThreshold, 'verified')
    .option('--json', 'print the summary as JSON')
    .action(async (runDir: string, o: { out?: string; threshold: StructureThreshold; json?: boolean }) => {
      const progress = createSearchProgress({ quiet: Boolean(o.json) });
      const r = await writeReport(runDir, { out: o.out, threshold: o.threshold, onTrial: progress.onTrial }).finally(() => progress.stop());
      if (r.summary.warning) process.stderr.write(`urn report: warning: ${r.summary.warning}\n`);
      if (r.summary.fidelity.pass !== true) process.stderr.write(`urn report: warning: ${r.summary.fidelity.summary}\n`);
      if (o.json) process.stdout.write(`${JSON.stringify({ html: r.html, figures: r.figures, summary: r.summary })}\n`);
      else process.stdout.write(`${formatReportSummary(r.summary)}\nreport     ${r.html}\n`);
    });
}
