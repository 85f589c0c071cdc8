import type { Command } from 'commander';
import { writeReport } from '../../report/write-report.js';
import { formatReportSummary } from '../../report/summary.js';

/** Register `urn report`. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Write report.html with figures (activity, weights, connectome, training curves, timeline), metrics, topology and certificate.')
    .argument('<run>', 'run directory')
    .option('--out <dir>', 'output folder (default: <run>/report)')
    .option('--json', 'print the summary as JSON')
    .action(async (runDir: string, o: { out?: string; json?: boolean }) => {
      const r = await writeReport(runDir, { out: o.out });
      if (r.summary.warning) process.stderr.write(`urn report: warning: ${r.summary.warning}\n`);
      if (o.json) process.stdout.write(`${JSON.stringify({ html: r.html, figures: r.figures, summary: r.summary })}\n`);
      else process.stdout.write(`${formatReportSummary(r.summary)}\nreport     ${r.html}\n`);
    });
}
