/**
 * Dense training on the batch's support (`skipSilent`): ms per step of the dense step and of the
 * support step on the same network, in the same run, and their ratio. The network is He-normal at
 * S neurons with `live` hidden neurons that can fire; the others are held silent by a bias of
 * −100, as the dead neurons of a paper-size run are after its die-off (about 5000 → 100-2000
 * neurons in Figs. 3 and 4). Both start from the same W and take the same batches; the largest
 * |ΔW| between them at the end is float summation order only. The support's mean size and the
 * forward rounds per step leave out the warm-up step (which starts from every neuron).
 *
 *   npm run bench -- skip-silent [--json] [--S 5000] [--live 5000,2000,500,150] [--B 64] [--steps 8]
 */
import { tf } from '../src/train/tf.js';
import { readScalar } from '../src/train/read.js';
import { backendReport, initBackend } from '../src/train/backend.js';
import { resolveConfig, type UrnConfig } from '../src/core/config.js';
import { initParams } from '../src/train/init.js';
import { createModel, disposeModel, type UrnModel } from '../src/train/model.js';
import { ADAM_DEFAULTS, createAdamL1, type AdamL1 } from '../src/train/adam.js';
import { trainStep } from '../src/train/step.js';
import { trainStepOnSupport } from '../src/train/step-support.js';
import { resolveTrainOptions } from '../src/train/options.js';
import { createSupportTracker, type SupportTracker } from '../src/train/support.js';
import { createRng, permutation } from '../src/util/rng.js';
import { median } from './util.js';
import { int, ints, parseFlags } from './lib/flags.js';

export const flags = {
  S: int(5000, 'neurons'),
  live: ints([5000, 2000, 500, 150], 'hidden neurons that can fire (the rest are held silent)'),
  B: int(64, 'batch size (the paper spheres: 64)'),
  I: int(4, 'iterations'),
  steps: int(8, 'timed steps of each kind per size (after one warm-up step)'),
};

/** The paper's spheres settings (Fig. 3's regulators), as a resolved option set. */
const REG = resolveTrainOptions({ lr: 7e-4, cW: 5e-7, cN: 2e-5, activityReduction: 'sum', activityOutputs: 'exclude' });

/** He-normal W; hidden neurons past the first `live` (in a seeded order) get a bias of −100. */
function network(cfg: UrnConfig, live: number): { W: Float32Array; b: Float32Array } {
  const p = initParams(cfg);
  const order = permutation(cfg.S - cfg.dIn - cfg.dOut, createRng(3));
  for (const k of order.slice(Math.min(live, order.length))) p.b[cfg.dIn + k] = -100;
  return p;
}

interface Runner {
  model: UrnModel;
  adam: AdamL1;
  tracker?: SupportTracker;
}

async function stepOnce(r: Runner, x: tf.Tensor2D, y: tf.Tensor2D): Promise<number> {
  const t0 = performance.now();
  const terms = r.tracker ? await trainStepOnSupport(r.model, r.adam, x, y, REG, undefined, r.tracker) : trainStep(r.model, r.adam, x, y, REG);
  await readScalar(tf.tidy(() => tf.slice(terms, [0], [1]).reshape([]) as tf.Scalar));
  terms.dispose();
  return performance.now() - t0;
}

/** Median ms of the dense and the support step at one live count, and the first step's max |ΔW|. */
async function timeBoth(S: number, live: number, B: number, I: number, steps: number) {
  const cfg = resolveConfig({ S, I, dIn: 10, dOut: 2, rule: 'plain', seed: 1 });
  const p = network(cfg, live);
  const runners: Runner[] = [0, 1].map((k) => {
    const model = createModel(cfg, p);
    return { model, adam: createAdamL1([model.W, model.b], { ...ADAM_DEFAULTS, lr: REG.lr }), tracker: k ? createSupportTracker() : undefined };
  });
  const rng = createRng(2);
  const batch = () =>
    tf.tidy(() => [
      tf.tensor2d(Float32Array.from({ length: B * cfg.dIn }, () => rng.normal()), [B, cfg.dIn]),
      tf.oneHot(tf.tensor1d(Int32Array.from({ length: B }, (_, k) => k % 2), 'int32'), 2) as tf.Tensor2D,
    ]) as [tf.Tensor2D, tf.Tensor2D];
  const times: number[][] = [[], []];
  const t = runners[1].tracker!;
  let counted = { steps: 0, neurons: 0, rounds: 0 };
  for (let s = 0; s <= steps; s++) {
    const [x, y] = batch();
    for (const k of [0, 1]) times[k].push(await stepOnce(runners[k], x, y));
    if (s === 0) counted = { ...t }; // the warm-up step starts from every neuron
    tf.dispose([x, y]);
  }
  const deltaT = tf.tidy(() => tf.max(tf.abs(tf.sub(runners[0].model.W, runners[1].model.W))));
  const maxDelta = await readScalar(deltaT);
  deltaT.dispose();
  runners.forEach((r) => (r.adam.dispose(), disposeModel(r.model)));
  const [dense, support] = times.map((ts) => median(ts.slice(1)));
  const onSupport = t.steps - counted.steps;
  return {
    live, denseMs: dense, supportMs: support, ratio: dense / support, maxDeltaW: maxDelta,
    // null when every timed step stayed dense (the support was too large to pay, `onSupport`)
    supportSteps: onSupport,
    meanSupport: onSupport ? (t.neurons - counted.neurons) / onSupport : null,
    roundsPerStep: onSupport ? (t.rounds - counted.rounds) / onSupport : null,
  };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const o = parseFlags('skip-silent', flags, args);
  await initBackend({ backend: 'wasm' });
  const accel = backendReport()?.accel ?? [];
  console.log(`skip-silent: S=${o.S} B=${o.B} I=${o.I}, wasm [${accel.join(', ')}], median of ${o.steps} steps`);
  const rows = [];
  for (const live of o.live) {
    const r = await timeBoth(o.S, live, o.B, o.I, o.steps);
    rows.push(r);
    console.log(
      `  live ${String(live).padStart(5)}: dense ${r.denseMs.toFixed(0).padStart(5)} ms, skipSilent ${r.supportMs.toFixed(0).padStart(5)} ms ` +
        `(${r.meanSupport === null ? 'stayed dense' : `${r.supportSteps} steps on ${r.meanSupport.toFixed(0)} neurons, ${r.roundsPerStep!.toFixed(2)} rounds`}): ` +
        `×${r.ratio.toFixed(2)}; max |ΔW| after ${o.steps + 1} steps ${r.maxDeltaW.toExponential(1)}`,
    );
  }
  return { S: o.S, B: o.B, I: o.I, accel, rows };
}
