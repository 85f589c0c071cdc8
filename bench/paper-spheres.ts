/**
 * The paper's Fig. 3 run at full scale: S=5000, I=4, plain rule, relu, two concentric 10-d
 * shells, 4000 training samples, 200 epochs, Adam lr 7e-4, c_W=5e-7, c_N=2e-5, with
 * dead-neuron compaction. Reports wall time, test accuracy, active neurons and the emergent
 * layer widths next to the paper's figures, and what the run would cost without compaction
 * (a few full-size steps and one full-size evaluation, extrapolated).
 *
 *   npm run bench -- paper-spheres [--json] [flags]   (--help: every flag with its kind, default and meaning)
 *
 * --activity picks how the c_N term reduces over the batch (see `Regularizers`): 'sum' (the
 * default here) reads the paper's Eq. 5 literally, where only the cross-entropy carries 1/N;
 * 'mean' is the engine's default, B times weaker at batch size B.
 *
 * --seeds runs several trials through the sweep machinery (`sweep`, one run directory per trial
 * under --out/trials/, --jobs at once, default 1 so wall times stay comparable; --queue
 * redis://HOST:PORT hands them to `urn worker`s) and reports mean ± std per the sweep's aggregate,
 * as the paper does over 5 trials. Rerunning skips finished trials and resumes interrupted ones.
 * --resume continues the run in --out from its last checkpoint (written every 10 epochs); the
 * wall time is then that of this call only (add the `elapsed` of the checkpointed epoch).
 */
import { tf } from '../src/train/tf.js';
import { initBackend } from '../src/train/backend.js';
import { train } from '../src/train/train.js';
import { evaluate } from '../src/train/activity.js';
import { disposeModel, createModel } from '../src/train/model.js';
import { resolveConfig } from '../src/core/config.js';
import { initParams } from '../src/train/init.js';
import { createAdamL1 } from '../src/train/adam.js';
import { trainStep } from '../src/train/step.js';
import { readFloats, readScalar } from '../src/train/read.js';
import { makeSpheres } from '../src/data/spheres.js';
import { loadDataSpec, type DataSpec } from '../src/data/spec.js';
import { median } from './util.js';
import { bool, choice, int, ints, parseFlags, str, type FlagValues } from './lib/flags.js';
import { READING_FLAGS } from './lib/spheres-figure.js';
import { widthsByFirstActive } from './lib/spheres-summary.js';
import { sweep, localExecutor, queueExecutor, formatSweepTable, formatStat, type SweepSpec } from '../src/sweep/index.js';

export const flags = {
  S: int(5000, 'neurons'),
  epochs: int(200, 'epochs'),
  rule: choice(['plain', 'residual-output'], 'plain', 'the update rule'),
  ...READING_FLAGS,
  // Unlike fig3/fig4's calibrated reading (exclude), this run keeps the engine's default.
  'activity-outputs': choice(['include', 'exclude'], 'include', 'whether the output neurons are in the activity term'),
  seed: int(1, 'the seed of the run'),
  seeds: ints(undefined, 'several trials through the sweep machinery, mean ± std (default: --seed alone)'),
  out: str('runs/paper-spheres', 'the run directory; with several seeds, the sweep directory'),
  'no-compact': bool('keep the dead neurons (no compaction)'),
  resume: bool('continue the run in --out from its last checkpoint'),
  'probe-steps': int(3, 'full-size steps timed without compaction, to project its cost (0: none)'),
  jobs: int(1, 'several seeds: trials at once'),
  queue: str(undefined, 'several seeds: redis://HOST:PORT, hand the trials to `urn worker`s'),
};

const PAPER = { testAccuracy: 1, active: '123 ± 15', hiddenWidths: '115 ± 15, 4 ± 1.4, 3 ± 0.7' };

/** ms per training step and per full-set evaluation at full size, without compaction. */
async function probeUncompacted(S: number, I: number, B: number, data: ReturnType<typeof makeSpheres>, o: Settings['o'], steps: number) {
  const cfg = resolveConfig({ S, I, dIn: data.dIn, dOut: 2, seed: 1 });
  const model = createModel(cfg, initParams(cfg));
  const adam = createAdamL1([model.W, model.b], { lr: o.lr, beta1: 0.9, beta2: 0.999, epsilon: o.epsilon });
  const x = tf.tensor2d(data.train.x.subarray(0, B * data.dIn), [B, data.dIn]);
  const y = tf.oneHot(tf.tensor1d(data.train.y.subarray(0, B), 'int32'), 2) as tf.Tensor2D;
  const times: number[] = [];
  for (let k = 0; k <= steps; k++) {
    const t0 = performance.now();
    const t = trainStep(model, adam, x, y, { cW: o.cW, cN: o.cN, cSyn: 0, activityReduction: o.activityReduction });
    if (!Number.isFinite(await readScalar(t).finally(() => t.dispose()))) throw new Error('probe: non-finite loss');
    if (k > 0) times.push(performance.now() - t0); // the first step warms up
  }
  const t0 = performance.now();
  await evaluate(model, data.train);
  await evaluate(model, data.test);
  const evalMs = performance.now() - t0;
  tf.dispose([x, y]);
  adam.dispose();
  disposeModel(model);
  return { stepMs: median(times), evalMs };
}

interface Settings {
  S: number;
  I: number;
  B: number;
  epochs: number;
  compact: boolean;
  resume: boolean;
  rule: 'plain' | 'residual-output';
  o: { lr: number; cW: number; cN: number; activityReduction: 'sum' | 'mean'; activityOutputs: 'include' | 'exclude'; activityOf: 'state' | 'activation'; initScale: number; weightInit: 'normal' | 'truncated'; biasInit: 'zero' | 'uniform'; outputBias: number; epsilon: number };
}

/** One full training run at one seed: wall time, accuracy, active neurons, widths, topology. */
async function runSeed(st: Settings, seed: number, outDir: string) {
  const { S, I, B, epochs, compact, o } = st;
  const spec: DataSpec = { dataset: 'spheres', seed, d: 10, nTrain: 4000, nTest: 1000, normalize: 'none' };
  const data = loadDataSpec(spec);
  const t0 = performance.now();
  const r = await train({
    data,
    dataSpec: { ...spec }, // recorded in the run, so `urn analyze` and `urn export` rebuild the data
    config: { S, I, rule: st.rule, activation: 'relu', seed },
    options: { epochs, batchSize: B, ...o, seed, compact, checkpointEvery: 10 },
    outDir,
    resume: st.resume,
    onEpoch: (m) => {
      console.log(
        `epoch ${String(m.epoch).padStart(3)}  S=${String(m.neurons).padStart(4)}  loss ${m.loss.toFixed(4)}  ` +
          `train ${((m.trainAccuracy ?? 0) * 100).toFixed(1)}%  test ${((m.testAccuracy ?? 0) * 100).toFixed(1)}%  ` +
          `active ${m.activeNeurons}  ${m.seconds.toFixed(1)} s${m.compacted ? `  compacted ${m.compacted.from}→${m.compacted.to}` : ''}`,
      );
    },
  });
  const wall = (performance.now() - t0) / 1000;
  const cfg = r.model.config;
  const ev = await evaluate(r.model, data.train);
  const widths = widthsByFirstActive(ev.stats, cfg);
  let topology: unknown = null;
  try {
    const { compile, analyze } = await import('../src/topology/index.js');
    const { structureFidelity } = await import('../src/export/fidelity.js');
    const snap = { config: cfg, W: await readFloats(r.model.W), b: await readFloats(r.model.b), activity: ev.stats };
    const test = { x: data.test.x, n: data.test.n, y: data.test.y };
    // Each structure with its fidelity (export's certificate); 'verified' is urn analyze's default.
    const rows: [string, unknown][] = [];
    for (const [name, rule] of [['verified', 'verified'], ['exact', 0], ['relative 1%', { relative: 0.01 }]] as const) {
      const f = await structureFidelity(snap, test, { threshold: rule });
      const rep = analyze(compile(snap, { threshold: f.threshold }));
      const c = f.certificate;
      rows.push([
        name,
        { widths: rep.layers.widths, active: rep.neurons.active, hidden: rep.neurons.hidden, strictMlp: rep.strictMlp, threshold: f.threshold, argmaxAgreement: c?.argmaxAgreement ?? null, maxAbsError: c?.maxAbsError ?? null, verified: f.pass },
      ]);
    }
    topology = Object.fromEntries(rows);
  } catch (e) {
    topology = `topology analysis unavailable: ${(e as Error).message.split('\n')[0]}`;
  }
  const result = {
    seed,
    wallSeconds: wall,
    testAccuracy: r.final?.testAccuracy ?? null,
    activeNeurons: ev.activeNeurons,
    activeHidden: widths.reduce((a, w) => a + w, 0),
    finalS: cfg.S,
    compactions: r.compactions,
    hiddenWidthsByFirstActiveIteration: widths,
    topology,
  };
  console.log(
    `\nseed ${seed}: wall ${(wall / 60).toFixed(1)} min  test accuracy ${((result.testAccuracy ?? 0) * 100).toFixed(1)}% (paper 100%)  ` +
      `active neurons ${ev.activeNeurons}, of them hidden ${result.activeHidden} (paper ${PAPER.active})\n` +
      `hidden widths by first active iteration: ${widths.join(', ')} (paper ${PAPER.hiddenWidths})\n` +
      `topology: ${JSON.stringify(topology)}`,
  );
  disposeModel(r.model);
  return result;
}

/** Several seeds as one sweep (local child processes or a BullMQ queue); the summary is its aggregate. */
async function runSeeds(st: Settings, seeds: number[], outDir: string, o: Pick<FlagValues<typeof flags>, 'queue' | 'jobs'>) {
  const options = { epochs: st.epochs, batchSize: st.B, ...st.o, compact: st.compact, checkpointEvery: 10 };
  const spec: SweepSpec = { name: 'paper-spheres', data: { dataset: 'spheres', d: 10, nTrain: 4000, nTest: 1000 }, config: { S: st.S, I: st.I, rule: st.rule }, options, seeds };
  const executor = o.queue ? queueExecutor({ queue: o.queue }) : localExecutor({ jobs: o.jobs });
  const r = await sweep(spec, { dir: outDir, executor, onEvent: (e, t) => e.type !== 'start' && console.log(`seed ${t.seed} ${e.type}: ${'result' in e ? JSON.stringify(e.result) : 'error' in e ? e.error : ''}`) });
  console.log(`\n${formatSweepTable(r.aggregate)}`);
  const a = r.aggregate[0];
  const [wallSeconds, testAccuracy, activeNeurons] = [formatStat(a.wallSeconds), formatStat(a.testAccuracy, 1, 100), formatStat(a.activeNeurons)];
  const summary = { wallSeconds, testAccuracy, activeNeurons, hiddenWidths: a.hiddenWidths.map((w) => formatStat(w)).join(', '), strictMlpShare: a.strictMlpShare };
  return { runs: r.results, failed: r.failed, summary, meanWall: a.wallSeconds?.mean ?? 0 };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const f = parseFlags('paper-spheres', flags, args);
  const st: Settings = {
    S: f.S,
    I: 4,
    B: f.B,
    epochs: f.epochs,
    compact: !f['no-compact'],
    resume: f.resume,
    rule: f.rule,
    o: { lr: 7e-4, cW: 5e-7, cN: f.cN, activityReduction: f.activity, activityOutputs: f['activity-outputs'], activityOf: f['activity-of'], initScale: f['init-scale'], weightInit: f['weight-init'], biasInit: f['bias-init'], outputBias: f['output-bias'], epsilon: f.eps },
  };
  const seeds = f.seeds ?? [f.seed];
  const { out: outDir, 'probe-steps': probeSteps } = f;
  const { S, I, B, epochs, o } = st;
  const backend = await initBackend();
  console.log(`backend ${backend.name} [${backend.accel.join(', ')}] ${backend.accelNotes.join('; ')}`);
  console.log(`S=${S} I=${I} B=${B} epochs=${epochs} lr=${o.lr} cW=${o.cW} cN=${o.cN} (activity term: ${o.activityReduction} over the batch) seeds ${seeds.join(',')}`);
  const probeData = makeSpheres({ d: 10, nTrain: 4000, nTest: 1000, seed: seeds[0] });
  const probe = probeSteps > 0 ? await probeUncompacted(S, I, B, probeData, o, probeSteps) : null;
  const stepsPerEpoch = Math.ceil(probeData.train.n / B);
  const projected = probe ? (epochs * (stepsPerEpoch * probe.stepMs + probe.evalMs)) / 1000 : null;
  if (probe) {
    console.log(
      `without compaction (S=${S}, B=${B}): ${probe.stepMs.toFixed(0)} ms/step, ${(probe.evalMs / 1000).toFixed(1)} s per evaluation of train+test ` +
        `→ about ${(projected! / 3600).toFixed(1)} h for ${epochs} epochs`,
    );
  }
  const common = {
    backend: { name: backend.name, accel: backend.accel },
    settings: { S, I, B, epochs, ...o, nTrain: 4000, nTest: 1000, seeds, compact: st.compact },
    withoutCompaction: probe ? { ...probe, stepsPerEpoch, projectedSeconds: projected } : null,
    paper: PAPER,
  };
  const more = (wall: number) => (projected ? `\nwithout compaction: about ${(projected / 3600).toFixed(1)} h per run (${(projected / wall).toFixed(0)}× longer)` : '');
  if (seeds.length > 1) {
    const r = await runSeeds(st, seeds, outDir, f);
    console.log(`${seeds.length} seeds: test accuracy ${r.summary.testAccuracy}% (paper 100%), hidden widths ${r.summary.hiddenWidths} (paper ${PAPER.hiddenWidths})${more(r.meanWall)}`);
    return { ...common, ...r };
  }
  const one = await runSeed(st, seeds[0], outDir);
  console.log(more(one.wallSeconds).trim());
  return { ...common, ...one, runs: [one] };
}
