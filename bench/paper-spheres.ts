/**
 * The paper's Fig. 3 run at full scale: S=5000, I=4, plain rule, relu, two concentric 10-d
 * shells, 4000 training samples, 200 epochs, Adam lr 7e-4, c_W=5e-7, c_N=2e-5, with
 * dead-neuron compaction. Reports wall time, test accuracy, active neurons and the emergent
 * layer widths next to the paper's figures, and what the run would cost without compaction
 * (a few full-size steps and one full-size evaluation, extrapolated).
 *
 *   npm run bench -- paper-spheres [--json] [--B 64] [--epochs 200] [--S 5000] [--seed 1]
 *                                  [--out runs/paper-spheres] [--no-compact] [--probe-steps 3] [--resume]
 *                                  [--activity sum|mean] [--cN 2e-5]
 *
 * --activity picks how the c_N term reduces over the batch (see `Regularizers`): 'sum' (the
 * default here) reads the paper's Eq. 5 literally, where only the cross-entropy carries 1/N;
 * 'mean' is the engine's default, B times weaker at batch size B.
 *
 * --resume continues the run in --out from its last checkpoint (written every 10 epochs); the
 * wall time is then that of this call only (add the `elapsed` of the checkpointed epoch).
 */
import { tf } from '../src/urn/tf.js';
import { initBackend } from '../src/urn/backend.js';
import { train } from '../src/urn/train.js';
import { evaluate } from '../src/urn/activity.js';
import { disposeModel, createModel } from '../src/urn/model.js';
import { resolveConfig } from '../src/urn/config.js';
import { initParams } from '../src/urn/init.js';
import { createAdamL1 } from '../src/urn/adam-l1.js';
import { trainStep } from '../src/urn/step.js';
import { makeSpheres } from '../src/data/spheres.js';
import { arg, median } from './util.js';

const PAPER = { testAccuracy: 1, active: '123 ± 15', hiddenWidths: '115 ± 15, 4 ± 1.4, 3 ± 0.7' };

/** Active hidden neurons grouped by the first iteration l ≥ 1 at which they are non-zero. */
function widthsByFirstActive(maxAbs: Float32Array, S: number, I: number, dIn: number, dOut: number): number[] {
  const widths = new Array<number>(I).fill(0);
  for (let i = dIn; i < S - dOut; i++) {
    for (let l = 1; l <= I; l++) {
      if (maxAbs[l * S + i] > 0) {
        widths[l - 1]++;
        break;
      }
    }
  }
  return widths;
}

/** ms per training step and per full-set evaluation at full size, without compaction. */
function probeUncompacted(S: number, I: number, B: number, data: ReturnType<typeof makeSpheres>, o: { lr: number; cW: number; cN: number; activityReduction: "sum" | "mean" }, steps: number) {
  const cfg = resolveConfig({ S, I, dIn: data.dIn, dOut: 2, seed: 1 });
  const model = createModel(cfg, initParams(cfg));
  const adam = createAdamL1([model.W, model.b], { lr: o.lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  const x = tf.tensor2d(data.train.x.subarray(0, B * data.dIn), [B, data.dIn]);
  const y = tf.oneHot(tf.tensor1d(data.train.y.subarray(0, B), 'int32'), 2) as tf.Tensor2D;
  const times: number[] = [];
  for (let k = 0; k <= steps; k++) {
    const t0 = performance.now();
    const t = trainStep(model, adam, x, y, { cW: o.cW, cN: o.cN, cSyn: 0, activityReduction: o.activityReduction });
    if (!Number.isFinite(t.dataSync()[0])) throw new Error('probe: non-finite loss');
    t.dispose();
    if (k > 0) times.push(performance.now() - t0); // the first step warms up
  }
  const t0 = performance.now();
  evaluate(model, data.train);
  evaluate(model, data.test);
  const evalMs = performance.now() - t0;
  tf.dispose([x, y]);
  adam.dispose();
  disposeModel(model);
  return { stepMs: median(times), evalMs };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const S = Number(arg(args, 'S', '5000'));
  const I = 4;
  const B = Number(arg(args, 'B', '64'));
  const epochs = Number(arg(args, 'epochs', '200'));
  const seed = Number(arg(args, 'seed', '1'));
  const outDir = arg(args, 'out', 'runs/paper-spheres');
  const probeSteps = Number(arg(args, 'probe-steps', '3'));
  const compact = !args.includes('--no-compact');
  const activityReduction = arg(args, 'activity', 'sum') as 'sum' | 'mean';
  const o = { lr: 7e-4, cW: 5e-7, cN: Number(arg(args, 'cN', '2e-5')), activityReduction };
  const backend = await initBackend();
  console.log(`backend ${backend.name} [${backend.accel.join(', ')}] ${backend.accelNotes.join('; ')}`);
  const data = makeSpheres({ d: 10, nTrain: 4000, nTest: 1000, seed });
  const probe = probeSteps > 0 ? probeUncompacted(S, I, B, data, o, probeSteps) : null;
  const stepsPerEpoch = Math.ceil(data.train.n / B);
  const projected = probe ? (epochs * (stepsPerEpoch * probe.stepMs + probe.evalMs)) / 1000 : null;
  if (probe) {
    console.log(
      `without compaction (S=${S}, B=${B}): ${probe.stepMs.toFixed(0)} ms/step, ${(probe.evalMs / 1000).toFixed(1)} s per evaluation of train+test ` +
        `→ about ${(projected! / 3600).toFixed(1)} h for ${epochs} epochs`,
    );
  }
  const t0 = performance.now();
  const r = await train({
    data,
    config: { S, I, rule: 'plain', activation: 'relu', seed },
    options: { epochs, batchSize: B, ...o, seed, compact, checkpointEvery: 10 },
    outDir,
    resume: args.includes('--resume'),
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
  const ev = evaluate(r.model, data.train);
  const widths = widthsByFirstActive(ev.stats.maxAbs, cfg.S, cfg.I, cfg.dIn, cfg.dOut);
  let topology: unknown = null;
  try {
    const { compile, analyze } = await import('../src/topology/index.js');
    const snap = { config: cfg, W: r.model.W.dataSync() as Float32Array, b: r.model.b.dataSync() as Float32Array, activity: ev.stats };
    topology = Object.fromEntries(
      ([['exact', 0], ['relative 1%', { relative: 0.01 }]] as const).map(([name, threshold]) => {
        const rep = analyze(compile(snap, { threshold: threshold as never }));
        return [name, { widths: rep.layers.widths, active: rep.neurons.active, hidden: rep.neurons.hidden, strictMlp: rep.strictMlp }];
      }),
    );
  } catch (e) {
    topology = `topology analysis unavailable: ${(e as Error).message.split('\n')[0]}`;
  }
  const result = {
    backend: { name: backend.name, accel: backend.accel },
    settings: { S, I, B, epochs, ...o, nTrain: 4000, nTest: 1000, seed, compact },
    wallSeconds: wall,
    testAccuracy: r.final?.testAccuracy ?? null,
    activeNeurons: ev.activeNeurons,
    finalS: cfg.S,
    compactions: r.compactions,
    hiddenWidthsByFirstActiveIteration: widths,
    topology,
    withoutCompaction: probe ? { ...probe, stepsPerEpoch, projectedSeconds: projected } : null,
    paper: PAPER,
  };
  console.log(
    `\nwall ${(wall / 60).toFixed(1)} min  test accuracy ${((result.testAccuracy ?? 0) * 100).toFixed(1)}% (paper 100%)  ` +
      `active neurons ${ev.activeNeurons} (paper ${PAPER.active})\n` +
      `hidden widths by first active iteration: ${widths.join(', ')} (paper ${PAPER.hiddenWidths})\n` +
      `topology: ${JSON.stringify(topology)}` +
      (projected ? `\nwithout compaction: about ${(projected / 3600).toFixed(1)} h (${(projected / wall).toFixed(0)}× longer)` : ''),
  );
  disposeModel(r.model);
  return result;
}
