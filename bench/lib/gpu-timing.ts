/**
 * The GPU check's timing section: the URN's GEMMs at S = 5000 with stock tfjs-backend-webgpu and
 * with the WGSL kernel (each tile of the sweep), and the fused Adam pass against the same update
 * in tfjs ops. Each time is the mean over `reps` runs between two reads (the reads wait for the GPU).
 */
import { tf } from '../../src/train/tf.js';
import { readScalar } from '../../src/train/read.js';
import { configureAccel } from '../../src/train/kernels/accel.js';
import { setGemmPolicy } from '../../src/train/kernels/webgpu/gemm.js';
import { createAdamL1 } from '../../src/train/adam.js';
import { ADAM_DEFAULTS } from '../../src/train/adam.js';
import { chooseTile } from '../../src/train/kernels/gemm-tiling.js';
import { TILES } from './gpu-kernels.js';

/** One timed operation. */
export interface Timing {
  op: string;
  variant: string;
  ms: number;
  /** TFLOP/s for GEMMs, GB/s for the Adam pass. */
  rate: number;
  unit: 'TFLOP/s' | 'GB/s';
}

/** Mean ms of `fn` (which returns a tensor to dispose) over `reps`, after one warm-up. */
async function time(fn: () => tf.Tensor | void, reps: number): Promise<number> {
  const sync = async (t: tf.Tensor | void) => {
    if (t) {
      const first = tf.tidy(() => tf.slice(tf.reshape(t, [-1]), [0], [1]));
      await readScalar(first);
      tf.dispose([first, t]);
    }
  };
  await sync(fn());
  const probe = tf.zeros([1]);
  await readScalar(probe);
  const t0 = performance.now();
  let last: tf.Tensor | void = undefined;
  for (let k = 0; k < reps; k++) {
    if (last) last.dispose();
    last = fn();
  }
  await sync(last);
  const ms = (performance.now() - t0) / reps;
  probe.dispose();
  return ms;
}

/** Stock and WGSL times of the URN's GEMMs at size S for the given batches. */
export async function gemmTimings(S = 5000, batches = [128, 4000], reps = 10): Promise<Timing[]> {
  const out: Timing[] = [];
  for (const B of batches) {
    const shapes: [string, number, number, number, boolean, boolean][] = [
      ['N·Wᵀ', B, S, S, false, true],
      ['δ·W', B, S, S, false, false],
      ['δᵀ·N (dW)', S, S, B, true, false],
    ];
    for (const [what, M, N, K, tA, tB] of shapes) {
      const A = tf.randomNormal(tA ? [K, M] : [M, K]);
      const Bm = tf.randomNormal(tB ? [N, K] : [K, N]);
      const flops = 2 * M * N * K;
      const op = `${what} B=${B} (${M}×${N}×${K})`;
      for (const tile of ['stock' as const, ...TILES]) {
        setGemmPolicy(tile === 'stock' ? { forms: 'off' } : { forms: 'all', minFlops: 0, tile });
        const ms = await time(() => tf.matMul(A, Bm, tA, tB), reps);
        const t = tile === 'stock' ? null : (tile ?? chooseTile(M, N, K));
        const variant = t ? `wgsl ${t.rm}×${t.rn}×${t.tk}${tile ? '' : ' (chosen)'}` : 'stock';
        out.push({ op, variant, ms, rate: flops / ms / 1e9, unit: 'TFLOP/s' });
        console.log(`gemm ${op.padEnd(34)} ${variant.padEnd(22)} ${ms.toFixed(3).padStart(8)} ms  ${(flops / ms / 1e9).toFixed(2)} TFLOP/s`);
      }
      tf.dispose([A, Bm]);
    }
  }
  setGemmPolicy({ forms: 'transposed', minFlops: 1 << 20, tile: null });
  return out;
}

/** The L1 + Adam step on S×S: the WGSL pass against the same update in tfjs ops. */
export async function adamTimings(S = 5000, reps = 20): Promise<Timing[]> {
  const out: Timing[] = [];
  const W = tf.tidy(() => tf.variable(tf.randomNormal([S, S], 0, 0.02), true));
  const G = tf.randomNormal([S, S], 0, 1e-3);
  const b = tf.tidy(() => tf.variable(tf.zeros([S]), true));
  const gb = tf.zeros([S]);
  for (const wgsl of [false, true]) {
    await configureAccel('webgpu', { webgpu: wgsl });
    const adam = createAdamL1([W, b], ADAM_DEFAULTS);
    const ms = await time(() => {
      const r = adam.stepL1([G, gb], { cW: 5e-7, cSyn: 0 });
      r.length.dispose();
      return r.weight;
    }, reps);
    adam.dispose();
    const bytes = 4 * S * S * 7; // reads w, g, m, v; writes w, m, v
    const variant = wgsl ? 'wgsl fused pass' : 'tfjs ops (stock)';
    out.push({ op: `L1 + Adam S=${S}`, variant, ms, rate: bytes / ms / 1e6, unit: 'GB/s' });
    console.log(`adam L1 + Adam S=${S} ${variant.padEnd(18)} ${ms.toFixed(3).padStart(8)} ms  ${(bytes / ms / 1e6).toFixed(0)} GB/s`);
  }
  await configureAccel('webgpu');
  tf.dispose([W, G, b, gb]);
  return out;
}
