/**
 * URN training step speed: ms per step and GFLOP/s (6·B·S²·I flops: forward, and the two
 * backward GEMMs) for each available backend, and the ratio to this machine's numpy float32
 * GEMM rate measured in the same run.
 *
 *   npm run bench -- train-step [--json] [--S 256,1000,2000] [--B 64] [--I 4] [--backends wasm,cpu]
 */
import { tf } from '../src/urn/tf.js';
import { initBackend, type BackendName } from '../src/urn/backend.js';
import { resolveConfig } from '../src/urn/config.js';
import { initParams } from '../src/urn/init.js';
import { createModel, disposeModel } from '../src/urn/model.js';
import { createAdam, ADAM_DEFAULTS } from '../src/urn/adam.js';
import { trainStep } from '../src/urn/step.js';
import { createRng } from '../src/util/rng.js';
import { arg, intList, median, numpyGemmGflops } from './util.js';

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const sizes = intList(args, 'S', [256, 1000, 2000]);
  const B = Number(arg(args, 'B', '64'));
  const I = Number(arg(args, 'I', '4'));
  const maxSeconds = Number(arg(args, 'seconds', '3'));
  const wanted = arg(args, 'backends', 'tensorflow-gpu,tensorflow,wasm,cpu').split(',') as BackendName[];
  const gemm = numpyGemmGflops();
  console.log(`numpy float32 GEMM: ${gemm === null ? 'unavailable' : `${gemm.toFixed(1)} GFLOP/s`}`);
  const rows: Record<string, unknown>[] = [];
  for (const backend of wanted) {
    try {
      await initBackend({ backend });
    } catch {
      console.log(`${backend}: not available, skipped`);
      continue;
    }
    for (const S of sizes) {
      if (backend === 'cpu' && S > 1000) continue; // minutes per step: not informative
      const cfg = resolveConfig({ S, I, dIn: 10, dOut: 2, seed: 1 });
      const model = createModel(cfg, initParams(cfg));
      const adam = createAdam([model.W, model.b], ADAM_DEFAULTS);
      const rng = createRng(2);
      const x = tf.tensor2d(Float32Array.from({ length: B * 10 }, () => rng.normal()), [B, 10]);
      const y = tf.oneHot(tf.tensor1d(Int32Array.from({ length: B }, (_, k) => k % 2), 'int32'), 2) as tf.Tensor2D;
      const reg = { cW: 1e-6, cN: 1e-6, cSyn: 0 };
      const step = () => {
        const t = trainStep(model, adam, x, y, reg);
        const v = t.dataSync()[0];
        t.dispose();
        if (!Number.isFinite(v)) throw new Error(`non-finite loss in bench at S=${S}`);
      };
      step(); // warm-up
      const times: number[] = [];
      const t0 = performance.now();
      while (times.length < 3 || (performance.now() - t0 < maxSeconds * 1000 && times.length < 50)) {
        const ts = performance.now();
        step();
        times.push(performance.now() - ts);
      }
      const ms = median(times);
      const gflops = (6 * B * S * S * I) / (ms / 1000) / 1e9;
      const row = { backend, S, B, I, msPerStep: ms, gflops, ratioToGemm: gemm ? gflops / gemm : null, steps: times.length };
      rows.push(row);
      console.log(
        `${backend.padEnd(8)} S=${String(S).padStart(5)} B=${B} I=${I}  ${ms.toFixed(1).padStart(8)} ms/step  ${gflops.toFixed(2).padStart(7)} GFLOP/s` +
          (gemm ? `  ${(100 * gflops / gemm).toFixed(1)}% of numpy GEMM` : ''),
      );
      tf.dispose([x, y]);
      adam.dispose();
      disposeModel(model);
    }
  }
  return { numpyGemmGflops: gemm, rows };
}
