import { join } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, prefix } from '../../errors.js';
import { lifelong } from '../../lifelong/lifelong.js';
import { readSpecFile } from '../../lifelong/spec-file.js';
import { accumulatedSnapshot } from '../../lifelong/accumulated.js';
import type { LifelongResult, TaskRecord } from '../../lifelong/types.js';
import { lifelongNetworkFigure } from '../../report/figures/lifelong-network.js';
import { writeFigure } from '../../report/write-figure.js';
import type { BackendName } from '../../train/backend.js';

const where = prefix('lifelong');
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/** One human line per task record. */
export function taskLine(r: TaskRecord): string {
  const s = r.structure;
  return (
    `task ${r.task} ${r.name.padEnd(14)} acc ${pct(r.accuracyAfterLearning)}  layers ${s.widths.join('-')} (depth ${s.depth}, ${s.recurrentNeurons} recurrent)  ` +
    `hidden used ${s.usedNeurons}, reused ${s.reusedNeurons}; recruited ${r.recruited}, free ${r.freeNeurons}  ` +
    `earlier: ${r.accuracies.slice(0, -1).map(pct).join(' ') || '-'}  ${r.seconds.toFixed(0)} s`
  );
}

/** The JSON summary `urn lifelong --json` prints. */
export function lifelongSummary(r: LifelongResult): Record<string, unknown> {
  const last = r.timeline[r.timeline.length - 1];
  return {
    mode: r.mode,
    S: r.config.S,
    layout: r.layout,
    tasks: r.timeline.map((t, k) => ({ ...t, accuracyAfterLast: last.accuracies[k] })),
  };
}

/** Register `urn lifelong`. */
export function registerLifelong(program: Command): void {
  program
    .command('lifelong')
    .description('Never-Ending Structure Accumulation: learn a series of tasks on one URN with CLNP (each task its own head).')
    .argument('<spec>', 'JSON SPEC: { network: { hidden, I, rule?, seed? }, options?, clnp?: { epsilon, candidates, validationFraction }, tasks: [{ name, data: { dataset, nTrain?, nTest?, d?, resize?, seed? }, classes?, options? }] }')
    .option('--out <dir>', 'write lifelong.json after each task, task-<t>.urn (certified sub-networks) and figures/lifelong-network.{svg,png}')
    .option('--mode <mode>', "clnp | fine-tune (the baseline: nothing frozen)")
    .option('--backend <name>', 'auto | tensorflow | wasm | cpu', 'auto')
    .option('--json', 'print the summary as JSON')
    .action(async (path: string, o: { out?: string; mode?: string; backend: BackendName | 'auto'; json?: boolean }) => {
      if (o.mode !== undefined && o.mode !== 'clnp' && o.mode !== 'fine-tune') throw new ConfigError(where(`--mode must be clnp or fine-tune, got '${o.mode}'.`));
      const spec = readSpecFile(path);
      if (o.mode) spec.mode = o.mode;
      const r = await lifelong(spec, {
        backend: o.backend,
        outDir: o.out,
        onTask: (rec) => {
          if (!o.json) process.stdout.write(`${taskLine(rec)}\n`);
        },
      });
      if (o.out) {
        const names = spec.tasks.map((t) => t.name);
        writeFigure(lifelongNetworkFigure(await accumulatedSnapshot(r, spec.tasks), r.recruitedBy, names), join(o.out, 'figures'));
      }
      if (o.json) process.stdout.write(`${JSON.stringify(lifelongSummary(r))}\n`);
      else process.stdout.write(`after the last task: ${r.timeline[r.timeline.length - 1].accuracies.map(pct).join(' ')}\n`);
    });
}
