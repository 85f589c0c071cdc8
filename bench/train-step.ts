/**
 * URN training step speed: ms per step and GFLOP/s (6·B·S²·I flops: forward and the two
 * backward GEMMs, counted the same for every variant) for each available backend and each
 * speed-up layer, with the ratio to this machine's numpy float32 GEMM rate measured in the same
 * run and to stock wasm at the same size.
 *
 * Variants (wasm): stock (tfjs as shipped, autodiff), +transpose (the transpose-first matmul
 * wrapper), +custom-grad (the hand-written URN gradient), +native (CBLAS kernels and the fused
 * native L1 + Adam pass). cpu: stock, +custom-grad, +native. tensorflow(-gpu): stock, +custom-grad.
 * webgpu: stock (tfjs-backend-webgpu as shipped, autodiff), +custom-grad, +wgsl (the WGSL GEMM and
 * fused Adam pass). On webgpu the same step is timed in PyTorch (fp32, TF32 off) in the same run
 * when python3 has torch with CUDA (bench/lib/torch-step.ts), and each row prints its share of
 * PyTorch's step rate; a size whose memory estimate exceeds the device is refused up front.
 *
 * The hand-written gradient does less GEMM work than it is credited with: it skips
 * δ^(0) = δz^(0)·W, which nothing needs, and its first forward product reads only the dIn
 * input columns, so it does 2·B·S²·(3I−2) + 2·B·dIn·S flops (10/12 of the count at I = 4).
 * Those variants also print that rate (`doneGflops`); the ratios use the counted rate.
 *
 *   npm run bench -- train-step [--json] [--S 1000,2000,5000] [--B 32,128] [--backends wasm,cpu]
 *                               [--variants stock,+native] …   (--help: every flag with its kind, default and meaning)
 */
import { tf } from '../src/train/tf.js';
import { readScalar } from '../src/train/read.js';
import { BACKENDS, backendReport, initBackend } from '../src/train/backend.js';
import { configureAccel, type AccelChoice } from '../src/train/kernels/accel.js';
import { resolveConfig } from '../src/core/config.js';
import { initParams } from '../src/train/init.js';
import { createModel, disposeModel } from '../src/train/model.js';
import { ADAM_DEFAULTS } from '../src/train/adam.js';
import { createAdamL1 } from '../src/train/adam.js';
import { trainStep, type GradMode } from '../src/train/step.js';
import { createRng } from '../src/util/rng.js';
import { checkTrainMemory, memoryLimit } from '../src/train/memory.js';
import { median, numpyGemmGflops } from './util.js';
import { choices, int, ints, num, parseFlags } from './lib/flags.js';
import { torchStepMs, type TorchTiming } from './lib/torch-step.js';

/** Input width of the benchmarked network by default (the paper's spheres task). */
const D_IN = 10;

interface Variant {
  name: string;
  accel: AccelChoice;
  grad: GradMode;
}

const VARIANTS: Record<string, Variant[]> = {
  wasm: [
    { name: 'stock', accel: { transpose: false, native: false }, grad: 'autodiff' },
    { name: '+transpose', accel: { transpose: true, native: false }, grad: 'autodiff' },
    { name: '+custom-grad', accel: { transpose: true, native: false }, grad: 'custom' },
    { name: '+native', accel: { transpose: true, native: true }, grad: 'custom' },
  ],
  cpu: [
    { name: 'stock', accel: { native: false }, grad: 'autodiff' },
    { name: '+custom-grad', accel: { native: false }, grad: 'custom' },
    { name: '+native', accel: { native: true }, grad: 'custom' },
  ],
  webgpu: [
    { name: 'stock', accel: { webgpu: false }, grad: 'autodiff' },
    { name: '+custom-grad', accel: { webgpu: false }, grad: 'custom' },
    { name: '+wgsl', accel: { webgpu: true }, grad: 'custom' },
  ],
  tensorflow: [
    { name: 'stock', accel: {}, grad: 'autodiff' },
    { name: '+custom-grad', accel: {}, grad: 'custom' },
  ],
};

/** Every variant's name, on some backend. */
const VARIANT_NAMES = [...new Set(Object.values(VARIANTS).flatMap((vs) => vs.map((v) => v.name)))];

export const flags = {
  S: ints([1000, 2000, 5000], 'network sizes'),
  B: ints([32, 128], 'batch sizes'),
  I: int(4, 'iterations'),
  dIn: int(D_IN, 'input width'),
  backends: choices(BACKENDS, [...BACKENDS], 'the backends, each timed where it is available'),
  variants: choices(VARIANT_NAMES, [], "the speed-up layers timed, where the backend has them (default: all of the backend's)"),
  seconds: num(3, 'seconds of steps per size and variant, at most 50 steps'),
};

/** Median ms of a training step at one size (one warm-up step, then until `seconds` or 50 steps, at least `minSteps`). */
async function timeSteps(S: number, B: number, I: number, dIn: number, grad: GradMode, seconds: number, minSteps: number): Promise<{ ms: number; steps: number }> {
  const cfg = resolveConfig({ S, I, dIn, dOut: 2, seed: 1 });
  const model = createModel(cfg, initParams(cfg));
  const adam = createAdamL1([model.W, model.b], ADAM_DEFAULTS);
  const rng = createRng(2);
  const x = tf.tensor2d(Float32Array.from({ length: B * dIn }, () => rng.normal()), [B, dIn]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from({ length: B }, (_, k) => k % 2), 'int32'), 2)) as tf.Tensor2D;
  const reg = { cW: 1e-6, cN: 1e-6, cSyn: 0, grad };
  const step = async () => {
    const t = trainStep(model, adam, x, y, reg);
    const v = await readScalar(t);
    t.dispose();
    if (!Number.isFinite(v)) throw new Error(`non-finite loss in bench at S=${S}`);
  };
  try {
    await step(); // warm-up
    const times: number[] = [];
    const t0 = performance.now();
    while (times.length < minSteps || (performance.now() - t0 < seconds * 1000 && times.length < 50)) {
      const ts = performance.now();
      await step();
      times.push(performance.now() - ts);
    }
    return { ms: median(times), steps: times.length };
  } finally {
    tf.dispose([x, y]);
    adam.dispose();
    disposeModel(model);
  }
}

/** The PyTorch columns of a row: its time and our share of its step rate, or why there is none. */
function torchFields(t: TorchTiming | null, ms: number): Record<string, unknown> {
  if (!t) return {};
  return 'ms' in t ? { torchMs: t.ms, torchGpu: t.gpu, ratioToTorch: t.ms / ms } : { torchSkipped: t.skip };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { S: sizes, B: batches, I, dIn, seconds: maxSeconds, backends: wanted, variants: onlyVariants } = parseFlags('train-step', flags, args);
  const gemm = numpyGemmGflops();
  console.log(`numpy float32 GEMM: ${gemm === null ? 'unavailable' : `${gemm.toFixed(1)} GFLOP/s`}`);
  const rows: Record<string, unknown>[] = [];
  for (const backend of wanted) {
    try {
      await initBackend({ backend });
    } catch (e) {
      console.log(`${backend}: not available, skipped (${(e as Error).message})`);
      rows.push({ backend, skipped: (e as Error).message });
      continue;
    }
    const kind = tf.getBackend();
    const notes = backendReport()?.accelNotes ?? [];
    if (notes.length) console.log(`${backend}: ${notes.join('; ')}`); // e.g. which OpenBLAS core runs the GEMMs
    const limits = memoryLimit(kind);
    const variants = (VARIANTS[kind] ?? VARIANTS.tensorflow).filter((v) => !onlyVariants.length || onlyVariants.includes(v.name));
    const stockRate = new Map<string, number>();
    for (const S of sizes) {
      for (const B of batches) {
        try {
          checkTrainMemory({ S, I }, B, kind, limits);
        } catch (e) {
          console.log(`${backend} S=${S} B=${B}: refused up front: ${(e as Error).message}`);
          rows.push({ backend, S, B, I, refused: (e as Error).message });
          continue;
        }
        const torch = kind === 'webgpu' ? torchStepMs(S, B, I, dIn, maxSeconds) : null;
        if (torch) console.log(`pytorch  fp32 (TF32 off) S=${S} B=${B}: ${'ms' in torch ? `${torch.ms.toFixed(2)} ms/step on ${torch.gpu} (torch ${torch.torch})` : `skipped: ${torch.skip}`}`);
        for (const v of variants) {
          const report = await configureAccel(kind, v.accel);
          const slow = v.name === 'stock' || (kind === 'cpu' && v.name !== '+native');
          if (kind === 'cpu' && slow && S > 1000) continue; // minutes per step: not informative
          const { ms, steps } = await timeSteps(S, B, I, dIn, v.grad, maxSeconds, slow && S >= 5000 ? 1 : 3);
          const gflops = (6 * B * S * S * I) / (ms / 1000) / 1e9;
          const doneGflops = v.grad === 'custom' ? (2 * B * S * S * (3 * I - 2) + 2 * B * dIn * S) / (ms / 1000) / 1e9 : null;
          if (v.name === 'stock') stockRate.set(`${S}/${B}`, gflops);
          const stock = stockRate.get(`${S}/${B}`);
          const row = {
            backend, variant: v.name, accel: report.accel, accelNotes: report.notes, S, B, I, dIn, msPerStep: ms, gflops, doneGflops,
            ratioToGemm: gemm ? gflops / gemm : null, ratioToStock: stock ? gflops / stock : null, steps,
            ...torchFields(torch, ms),
          };
          rows.push(row);
          console.log(
            `${backend.padEnd(8)} ${v.name.padEnd(13)} S=${String(S).padStart(5)} B=${String(B).padStart(3)} I=${I}  ` +
              `${ms.toFixed(1).padStart(9)} ms/step  ${gflops.toFixed(2).padStart(7)} GFLOP/s` +
              (gemm ? `  ${((100 * gflops) / gemm).toFixed(1).padStart(5)}% of numpy GEMM` : '') +
              (stock ? `  ${(gflops / stock).toFixed(1).padStart(5)}× stock` : '') +
              (doneGflops ? `  (work done: ${doneGflops.toFixed(1)} GFLOP/s)` : '') +
              (torch && 'ms' in torch ? `  ${((100 * torch.ms) / ms).toFixed(1)}% of PyTorch's rate` : ''),
          );
        }
      }
    }
    await configureAccel(kind);
  }
  return { numpyGemmGflops: gemm, rows };
}
