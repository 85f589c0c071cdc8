/**
 * Sparse export on a trained spheres URN: inference throughput of the sparse runtime (replay and
 * layered) against the dense tfjs forward on the same inputs, exported bytes against the dense
 * float32 W and b, and layered against replay. Trains a small model first (residual-output,
 * I = 4, L1 on weights and activity), picks the threshold with `chooseThreshold`.
 *
 *   npm run bench -- sparse [--json] [--S 500] [--epochs 30] [--cW 1e-4] [--cN 1e-3]
 *        [--tolerance 1e-2] [--n 10000] [--backend wasm] [--seconds 2]
 */
import { train } from '../src/train/train.js';
import { makeSpheres } from '../src/data/spheres.js';
import { snapshotOf } from '../src/train/snapshot-of.js';
import { disposeModel, predictLogits } from '../src/train/model.js';
import type { BackendName } from '../src/train/backend.js';
import { chooseThreshold } from '../src/export/threshold.js';
import { toLayered } from '../src/export/layered.js';
import { predict } from '../src/runtime/predict.js';
import { macsPerSample } from '../src/export/cost.js';
import { verify } from '../src/export/verify.js';
import { syntheticInputs } from '../src/export/synthetic.js';
import type { ReplayModel } from '../src/core/sparse-model.js';
import { encodeModel } from '../src/format/encode.js';
import { decodeModel } from '../src/format/decode.js';
import { arg, median } from './util.js';

/** Samples per second of `f` on n samples: median over repeats for about `seconds`. */
function throughput(n: number, seconds: number, f: () => Float32Array): { perSecond: number; checksum: number } {
  let checksum = 0;
  const times: number[] = [];
  f(); // warm-up
  const t0 = performance.now();
  while (times.length < 3 || (performance.now() - t0 < seconds * 1000 && times.length < 30)) {
    const ts = performance.now();
    const y = f();
    times.push(performance.now() - ts);
    checksum += y[0] + y[y.length - 1];
  }
  if (!Number.isFinite(checksum)) throw new Error('sparse bench: non-finite logits');
  return { perSecond: n / (median(times) / 1000), checksum };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const S = Number(arg(args, 'S', '500'));
  const epochs = Number(arg(args, 'epochs', '30'));
  const cW = Number(arg(args, 'cW', '1e-4'));
  const cN = Number(arg(args, 'cN', '1e-3'));
  const tolerance = Number(arg(args, 'tolerance', '1e-2'));
  const n = Number(arg(args, 'n', '10000'));
  const seconds = Number(arg(args, 'seconds', '2'));
  const backend = arg(args, 'backend', 'wasm') as BackendName;
  const data = makeSpheres({ d: 10, nTrain: 4000, nTest: 1000, seed: 1 });
  const t0 = performance.now();
  const trained = await train({
    data,
    config: { S, I: 4, rule: 'residual-output', activation: 'relu', seed: 1 },
    options: { epochs, lr: 3e-3, cW, cN, compact: false, evalEvery: epochs },
    backend,
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  const model = trained.model;
  const snap = snapshotOf(model);
  console.log(`trained S=${S} for ${epochs} epochs in ${trainSeconds.toFixed(1)} s, test accuracy ${trained.final?.testAccuracy}`);

  const chosen = chooseThreshold(snap, data.test, { tolerance, synthetic: 1000, seed: 1 });
  if (!chosen.ok) throw new Error(chosen.reason);
  const replay = chosen.model as ReplayModel;
  const layered = toLayered(replay);
  layered.certificate = verify(layered, snap, data.test, { synthetic: 1000, seed: 1 });
  console.log(
    `threshold ${chosen.threshold.toExponential(3)} (${chosen.search.method}, ${chosen.search.trials.length} of ${chosen.search.candidates.length} candidates): ` +
      `${replay.neurons.length} neurons, ${replay.W.colIdx.length} synapses; layers ${layered.layers.map((L) => L.neurons.length).join('-')}`,
  );
  console.log(`certificate: max rel error ${replay.certificate!.maxRelError.toExponential(2)}, agreement ${replay.certificate!.argmaxAgreement}, accuracy ${replay.certificate!.accuracySparse} vs dense ${replay.certificate!.accuracyDense}`);

  const x = new Float32Array(n * 10);
  x.set(syntheticInputs(data.test.x, data.test.n, 10, n, { seed: 2 }));
  const dense = throughput(n, seconds, () => predictLogits(model, x, n));
  const rep = throughput(n, seconds, () => predict(replay, x, n));
  const lay = throughput(n, seconds, () => predict(layered, x, n));
  disposeModel(model);

  const denseBytes = 4 * (S * S + S);
  const replayBytes = encodeModel(replay).length;
  const layeredBytes = encodeModel(layered).length;
  const decoded = decodeModel(encodeModel(layered));
  if (decoded.form !== 'layered') throw new Error('sparse bench: round trip changed the form');
  const result = {
    backend,
    S,
    epochs,
    trainSeconds,
    testAccuracy: trained.final?.testAccuracy ?? null,
    threshold: chosen.threshold,
    keptNeurons: replay.neurons.length,
    keptSynapses: replay.W.colIdx.length,
    layerWidths: layered.layers.map((L) => L.neurons.length),
    certificate: replay.certificate,
    samplesPerSecond: { dense: dense.perSecond, replay: rep.perSecond, layered: lay.perSecond },
    throughputRatio: { replayOverDense: rep.perSecond / dense.perSecond, layeredOverDense: lay.perSecond / dense.perSecond, layeredOverReplay: lay.perSecond / rep.perSecond },
    macsPerSample: { dense: S * S * 4, replay: macsPerSample(replay), layered: macsPerSample(layered) },
    bytes: { dense: denseBytes, replay: replayBytes, layered: layeredBytes },
    bytesRatio: { replayOverDense: replayBytes / denseBytes, layeredOverDense: layeredBytes / denseBytes, layeredOverReplay: layeredBytes / replayBytes },
  };
  const f = (v: number) => v.toFixed(v < 10 ? 3 : 0);
  console.log(`samples/s: dense ${f(dense.perSecond)}, replay ${f(rep.perSecond)}, layered ${f(lay.perSecond)}`);
  console.log(`throughput ratio: replay/dense ${f(result.throughputRatio.replayOverDense)}, layered/dense ${f(result.throughputRatio.layeredOverDense)}, layered/replay ${f(result.throughputRatio.layeredOverReplay)}`);
  console.log(`bytes: dense ${denseBytes}, replay ${replayBytes} (${f(result.bytesRatio.replayOverDense)}), layered ${layeredBytes} (${f(result.bytesRatio.layeredOverDense)})`);
  console.log(`MACs/sample: dense ${S * S * 4}, replay ${result.macsPerSample.replay}, layered ${result.macsPerSample.layered}`);
  return result;
}
