/**
 * Never-Ending Structure Accumulation with CLNP on one URN (issue 19), against plain fine-tuning.
 *
 *   npm run bench -- nesa [--json] [--spec FILE] [--out DIR] [--results FILE]   (--help: every flag with its kind, default and meaning)
 *
 * Runs the SPEC's series twice, with CLNP and with `mode: 'fine-tune'` (same network, data,
 * options and seeds; nothing frozen, cut or reinitialised), and writes the issue's results JSON.
 * With --out, each run's directory gets lifelong.json, task-<t>.urn and the figure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lifelong } from '../src/lifelong/lifelong.js';
import { resolveSpecFile, type LifelongSpecFile } from '../src/lifelong/spec-file.js';
import { accumulatedSnapshot } from '../src/lifelong/accumulated.js';
import { recertify } from '../src/lifelong/recertify.js';
import type { SparseModel } from '../src/core/sparse-model.js';
import type { LifelongResult, LifelongSpec } from '../src/lifelong/types.js';
import { lifelongNetworkFigure } from '../src/report/figures/lifelong-network.js';
import { writeFigure } from '../src/report/write-figure.js';
import { taskLine } from '../src/cli/commands/lifelong.js';
import { writeResults } from './util.js';
import { parseFlags, str } from './lib/flags.js';

export const flags = {
  spec: str('bench/nesa-series.json', 'the lifelong spec file (the task series)'),
  out: str(undefined, "DIR: each mode's run directory (lifelong.json, task-<t>.urn, the figure) under it; default: none written"),
  results: str('bench/results/nesa.json', 'the results JSON'),
};

const pts = (v: number) => (100 * v).toFixed(1);

async function runMode(spec: LifelongSpec, mode: 'clnp' | 'fine-tune', out: string | null) {
  console.log(`— ${mode}`);
  const outDir = out ? join(out, mode) : undefined;
  const models: (SparseModel | null)[] = [];
  const r = await lifelong({ ...spec, mode }, {
    outDir,
    onTask: (rec, sub) => {
      models.push(sub.model);
      console.log(taskLine(rec));
    },
  });
  if (outDir) writeFigure(lifelongNetworkFigure(await accumulatedSnapshot(r, spec.tasks), r.recruitedBy, spec.tasks.map((t) => t.name)), join(outDir, 'figures'));
  // Each task's export from right after it was learned, certified against the final URN.
  const later = await recertify(r, spec.tasks, models);
  return { ...r, later };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const o = parseFlags('nesa', flags, args);
  const { spec: specPath, results: resultsPath } = o;
  const out = o.out || null;
  const file = JSON.parse(readFileSync(specPath, 'utf8')) as LifelongSpecFile;
  const spec = resolveSpecFile(file);
  const t0 = performance.now();
  const clnp = await runMode(spec, 'clnp', out);
  const tune = await runMode(spec, 'fine-tune', out);
  const lastOf = (r: LifelongResult) => r.timeline[r.timeline.length - 1].accuracies;
  const after = lastOf(clnp);
  const tasks = clnp.timeline.map((rec, t) => ({
    name: rec.name,
    accuracyAfterLearning: rec.accuracyAfterLearning,
    accuracyAfterLast: after[t],
    layers: rec.structure.widths,
    depth: rec.structure.depth,
    recurrentNeurons: rec.structure.recurrentNeurons,
    usedNeurons: rec.structure.usedNeurons,
    freeNeurons: rec.freeNeurons,
    reusedNeurons: rec.structure.reusedNeurons,
    recruited: rec.recruited,
    certified: rec.structure.certified,
    certificateAfterLast: clnp.later[t] && {
      maxAbsError: clnp.later[t]!.maxAbsError,
      argmaxAgreement: clnp.later[t]!.argmaxAgreement,
      accuracySparse: clnp.later[t]!.accuracySparse,
    },
    validation: rec.validation,
    threshold: rec.threshold,
  }));
  const tuneAfter = lastOf(tune);
  const perTask = tune.timeline.map((rec, t) => ({
    name: rec.name,
    accuracyAfterLearning: rec.accuracyAfterLearning,
    accuracyAfterLast: tuneAfter[t],
    forgetting: rec.accuracyAfterLearning - tuneAfter[t],
    exportAgreementAfterLast: tune.later[t]?.argmaxAgreement ?? null,
  }));
  const deterioration = Math.max(...tasks.map((t) => t.accuracyAfterLearning - t.accuracyAfterLast));
  const depths = tasks.map((t) => t.depth);
  const result = {
    command: `npm run bench -- nesa --json${specPath === flags.spec.default ? '' : ` --spec ${specPath}`}`,
    spec: file,
    tasks,
    maxDeterioration: deterioration,
    depthNonDecreasing: depths.every((d, k) => k === 0 || d >= depths[k - 1]),
    fineTuneBaseline: { maxForgetting: Math.max(...perTask.map((p) => p.forgetting)), perTask },
    seconds: (performance.now() - t0) / 1000,
  };
  writeResults(resultsPath, result);
  console.log(`CLNP: largest drop of an earlier task ${pts(deterioration)} points; depths ${depths.join(', ')}; ` +
    `fine-tuning forgets up to ${pts(result.fineTuneBaseline.maxForgetting)} points.`);
  return { maxDeterioration: deterioration, depths, maxForgetting: result.fineTuneBaseline.maxForgetting, seconds: result.seconds };
}
