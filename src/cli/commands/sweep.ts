import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { ConfigError, SweepError } from '../../errors.js';
import { readSweepSpec } from '../../sweep/spec.js';
import { readSweep, sweep, SWEEP_FILE, type SweepEvent } from '../../sweep/sweep.js';
import { queueProgress } from '../../sweep/progress.js';
import { localExecutor } from '../../sweep/local.js';
import { queueExecutor } from '../../sweep/queue.js';
import { defaultJobs } from '../../sweep/executor.js';
import { formatSweepTable } from '../../sweep/format.js';
import { startWorker } from '../../sweep/worker.js';
import { expandSweep, type Trial } from '../../sweep/trials.js';
import { writeSweepReport } from '../../report/sweep-report.js';
import { int } from '../parse.js';

interface SweepFlags {
  out?: string;
  jobs?: number;
  queue?: string;
  attempts: number;
  json?: boolean;
}

/** One progress line per finished, skipped or failed trial. */
function progressLine(total: number): (e: SweepEvent, t: Trial) => void {
  let k = 0;
  return (e, t) => {
    if (e.type === 'start' || e.type === 'retry') return;
    k++;
    const head = `[${String(k).padStart(String(total).length)}/${total}] ${t.id.slice(0, 8)} ${t.params && Object.keys(t.params).length ? `${Object.entries(t.params).map(([p, v]) => `${p.split('.').pop()}=${JSON.stringify(v)}`).join(' ')} ` : ''}seed ${t.seed}`;
    if (e.type === 'failed') return void process.stdout.write(`${head}  FAILED  ${e.error}\n`);
    const r = e.result;
    const acc = r.testAccuracy === null ? '–' : `${(100 * r.testAccuracy).toFixed(1)}%`;
    process.stdout.write(`${head}  ${e.type === 'skipped' ? 'finished before' : e.by ? `done by ${e.by}` : 'done'}  test ${acc}  active ${r.activeNeurons ?? '–'}/${r.neurons}  ${r.wallSeconds.toFixed(1)} s\n`);
  };
}

/** Register `urn sweep SPEC`, `urn sweep report DIR`, `urn sweep status` and `urn worker`. */
export function registerSweep(program: Command): void {
  const cmd = program
    .command('sweep')
    .description('Run a sweep (JSON or YAML: data, config, options, grid or overrides, seeds): one run directory per trial under --out; rerun to finish an interrupted sweep.')
    .argument('<spec>', 'sweep spec file (.json, .yaml)')
    .option('--out <dir>', 'sweep directory (default: runs/<spec name>)')
    .option('--jobs <n>', `trials at once on this machine (default: one per core, ${defaultJobs()} here)`, int)
    .option('--queue <url>', 'put the trials on a BullMQ queue at redis://HOST:PORT for `urn worker`s')
    .option('--attempts <n>', 'with --queue: tries per trial before it fails', int, 3)
    .option('--json', 'print one final JSON object and no progress')
    .action(async (specPath: string, o: SweepFlags, c: Command) => {
      if (!o.queue && c.getOptionValueSource('attempts') === 'cli') {
        throw new ConfigError('urn sweep: --attempts is for --queue; local trials run once (run the sweep again to retry the failed ones). Drop it, or add --queue.');
      }
      if (o.queue && o.jobs !== undefined) throw new ConfigError('urn sweep: --jobs sets local child processes; with --queue each `urn worker --concurrency N` sets its own. Drop --jobs.');
      const spec = readSweepSpec(specPath);
      const dir = o.out ?? join('runs', basename(specPath, extname(specPath)));
      const executor = o.queue ? queueExecutor({ queue: o.queue, attempts: o.attempts }) : localExecutor({ jobs: o.jobs });
      if (!o.json) process.stdout.write(`sweep ${spec.name ?? basename(specPath)} → ${dir} (${o.queue ? `queue ${o.queue}` : `local, ${o.jobs ?? defaultJobs()} at once`})\n`);
      const onEvent = o.json ? undefined : progressLine(expandSweep(spec).trials.length);
      const r = await sweep(spec, { dir, executor, onEvent });
      if (o.json) process.stdout.write(`${JSON.stringify({ id: r.id, dir: r.dir, skipped: r.skipped, failed: r.failed, aggregate: r.aggregate })}\n`);
      else process.stdout.write(`\n${formatSweepTable(r.aggregate)}\n`);
      if (r.failed.length) throw new SweepError(`sweep: ${r.failed.length} of ${r.trials.length} trials failed (first: ${r.failed[0].error}). Fix the cause and run the sweep again; finished trials are kept.`);
    });
  cmd
    .command('report')
    .description('Aggregate a sweep directory per point (mean ± std over seeds); write report/sweep.json and report/sweep.svg/.png.')
    .argument('<dir>', 'sweep directory')
    .option('--json', 'print the aggregate as JSON')
    .action((dir: string, o: { json?: boolean }) => {
      const r = writeSweepReport(dir);
      if (o.json) process.stdout.write(`${JSON.stringify({ json: r.json, figure: r.figure.png, finished: r.finished, total: r.total, aggregate: r.aggregate })}\n`);
      else process.stdout.write(`${formatSweepTable(r.aggregate)}\n\n${r.finished} of ${r.total} trials finished\njson    ${r.json}\nfigure  ${r.figure.svg}, ${r.figure.png}\n`);
    });
  cmd
    .command('status')
    .description('Progress of a sweep on the queue, from any machine: trials done, pending and failed.')
    .argument('<sweep>', 'sweep directory, spec file or sweep id')
    .requiredOption('--queue <url>', 'redis://HOST:PORT')
    .option('--json', 'print the progress as JSON')
    .action(async (target: string, o: { queue: string; json?: boolean }) => {
      const id = existsSync(join(target, SWEEP_FILE)) ? readSweep(target).file.id : existsSync(target) ? expandSweep(readSweepSpec(target)).id : target;
      const p = await queueProgress(o.queue, id);
      if (!p) throw new SweepError(`sweep status: no sweep ${id} on ${o.queue}. Start it with urn sweep SPEC --queue ${o.queue}.`);
      if (o.json) process.stdout.write(`${JSON.stringify({ id, ...p })}\n`);
      else process.stdout.write(`sweep ${id}: ${p.done} done, ${p.pending} pending, ${p.failed} failed (${p.state})\n`);
    });
  program
    .command('worker')
    .description('Run sweep trials from a BullMQ queue (start one on each machine; stop with Ctrl-C, which lets running trials finish).')
    .requiredOption('--queue <url>', 'redis://HOST:PORT')
    .option('--concurrency <n>', 'trials at once on this machine', int, 1)
    .option('--root <dir>', 'run directories under <root>/<sweep id>/ (default: the coordinator\'s paths, for shared storage)')
    .option('--lock-ms <ms>', 'heartbeat: job lock duration, renewed at half of it', int, 30_000)
    .option('--stalled-ms <ms>', 'how often trials of dead workers are looked for', int, 30_000)
    .action(async (o: { queue: string; concurrency: number; root?: string; lockMs: number; stalledMs: number }) => {
      const w = startWorker({
        queue: o.queue,
        concurrency: o.concurrency,
        root: o.root,
        lockDuration: o.lockMs,
        stalledInterval: o.stalledMs,
        onEvent: (e) => process.stdout.write(`${e.type === 'done' ? 'done  ' : 'FAILED'} ${e.id}${e.error ? `  ${e.error}` : ''}\n`),
      });
      await w.waitUntilReady();
      process.stdout.write(`worker on ${o.queue}, ${o.concurrency} at once\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void w.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
