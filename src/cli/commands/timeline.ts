import type { Command } from 'commander';
import { readTimeline } from '../../run/timeline-file.js';
import type { TimelineEntry } from '../../topology/timeline.js';
import { describeThreshold } from '../../core/threshold.js';

/** One human line per timeline entry. */
export function timelineLine(e: TimelineEntry): string {
  const acc = e.accuracy === null ? '   -  ' : `${(100 * e.accuracy).toFixed(1).padStart(5)}%`;
  const widths = e.iterationWidths
    ? `${e.iterationWidths.join(' → ')}${e.layerWidths && e.layerWidths.join() !== e.iterationWidths.join() ? ` (by first depth ${e.layerWidths.join(' → ')})` : ''}`
    : `(bounded: ${e.boundHit ?? 'counts only'})`;
  const loops = e.loops ? `${e.loops.sccs} scc, ${e.loops.selfLoops} self, ${e.loops.backEdges} back` : '-';
  const compacted = e.compacted ? `  compacted ${e.compacted.from}→${e.compacted.to}` : '';
  return `epoch ${String(e.epoch).padStart(4)}  acc ${acc}  active ${String(e.activeNeurons).padStart(5)}  edges ${String(e.edges).padStart(7)}  per iteration ${widths}  skips ${e.skips ?? '-'}  loops ${loops}${compacted}`;
}

/**
 * The line above the entries: the thresholds they were measured at, which training fixes in
 * advance (not verified against the dense network, unlike `urn analyze`'s default).
 */
export function timelineHeader(entries: TimelineEntry[]): string {
  const describe = (rule: TimelineEntry['threshold']['rule']) => `|W_ij| > ${describeThreshold(rule) || rule}`;
  const rules = [...new Set(entries.map((e) => describe(e.threshold.rule)))];
  return `structure at ${rules.join(', ') || 'no threshold'} (fixed during training, not verified: \`urn analyze RUN\` gives the verified structure of the final model and its fidelity)`;
}

/** Register `urn timeline`. */
export function registerTimeline(program: Command): void {
  program
    .command('timeline')
    .description('Show how the emergent structure evolved during training (from timeline.msgpack).')
    .argument('<run>', 'run directory or timeline file')
    .option('--json', 'print the entries as a JSON array')
    .action((path: string, o: { json?: boolean }) => {
      const entries = readTimeline(path);
      if (o.json) process.stdout.write(`${JSON.stringify(entries)}\n`);
      else process.stdout.write(`${[timelineHeader(entries), ...entries.map(timelineLine)].join('\n')}\n`);
    });
}
