/**
 * The GPU check's kernel section: the WGSL GEMM (every operand layout of the URN, each tile of a
 * small sweep) and the fused L1 + Adam pass against the cpu backend and the TypeScript reference,
 * then a few URN training steps with the WGSL kernels against the same steps on cpu.
 */
import { tf } from '../../src/train/tf.js';
import { readFloats, readScalar } from '../../src/train/read.js';
import { configureAccel } from '../../src/train/kernels/accel.js';
import { setGemmPolicy, webgpuGemmCalls } from '../../src/train/kernels/webgpu/gemm.js';
import { webgpuAdamCalls, webgpuAdamL1 } from '../../src/train/kernels/webgpu/adam-l1.js';
import { adamL1Reference } from '../../src/train/kernels/adam-l1-reference.js';
import { chooseTile, type GemmTile } from '../../src/train/kernels/gemm-tiling.js';
import { resolveConfig } from '../../src/core/config.js';
import { initParams } from '../../src/train/init.js';
import { createModel, disposeModel } from '../../src/train/model.js';
import { createAdamL1 } from '../../src/train/adam.js';
import { ADAM_DEFAULTS } from '../../src/train/adam.js';
import { trainStep } from '../../src/train/step.js';
import { createRng } from '../../src/util/rng.js';

/** One comparison: the largest errors, and whether they are within the bound. */
export interface Check {
  name: string;
  ok: boolean;
  maxAbs: number;
  /** max |Δ| / max |expected|. */
  maxRel: number;
  detail?: string;
}

/** The tiles every GEMM shape is tried with (null: the one `chooseTile` picks). */
export const TILES: (GemmTile | null)[] = [null, { rm: 2, rn: 4, tk: 16 }, { rm: 4, rn: 4, tk: 16 }, { rm: 4, rn: 8, tk: 8 }, { rm: 8, rn: 8, tk: 8 }];

const rand = (n: number, seed: number, scale = 1) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal() * scale);
};

/** Largest |got − want| and that over max |want|. */
export function errors(got: ArrayLike<number>, want: ArrayLike<number>): { maxAbs: number; maxRel: number } {
  let maxAbs = 0;
  let peak = 0;
  for (let k = 0; k < want.length; k++) {
    maxAbs = Math.max(maxAbs, Math.abs(got[k] - want[k]) || (Number.isNaN(got[k]) ? Infinity : 0));
    peak = Math.max(peak, Math.abs(want[k]));
  }
  return { maxAbs, maxRel: maxAbs / (peak || 1) };
}

/** C = op(A)·op(B) (+ bias, relu) on the backend in use, read asynchronously. */
async function product(a: Float32Array, b: Float32Array, M: number, N: number, K: number, tA: boolean, tB: boolean, bias: Float32Array | null) {
  const out = tf.tidy(() => {
    const A = tf.tensor2d(a, tA ? [K, M] : [M, K]);
    const B = tf.tensor2d(b, tB ? [N, K] : [K, N]);
    if (!bias) return tf.matMul(A, B, tA, tB);
    return tf.fused.matMul({ a: A, b: B, transposeA: tA, transposeB: tB, bias: tf.tensor1d(bias), activation: 'relu' });
  });
  const v = await readFloats(out);
  out.dispose();
  return v;
}

/** The URN's GEMMs at S = 1000 (B = 32, 128, 1000), each tile, against the cpu backend. */
export async function gemmChecks(S = 1000, batches = [32, 128, 1000]): Promise<Check[]> {
  const checks: Check[] = [];
  for (const B of batches) {
    const shapes: [string, number, number, number, boolean, boolean, boolean][] = [
      ['N·Wᵀ + b, relu', B, S, S, false, true, true],
      ['N·Wᵀ', B, S, S, false, true, false],
      ['δ·W', B, S, S, false, false, false],
      ['δᵀ·N (dW, K = B)', S, S, B, true, false, false],
    ];
    for (const [what, M, N, K, tA, tB, fused] of shapes) {
      const a = rand(M * K, M + K);
      const b = rand(K * N, 3 * N + K, 0.05);
      const bias = fused ? rand(N, 5) : null;
      await tf.setBackend('cpu');
      const want = await product(a, b, M, N, K, tA, tB, bias);
      await tf.setBackend('webgpu');
      for (const tile of TILES) {
        setGemmPolicy({ forms: 'all', minFlops: 0, tile });
        const calls = webgpuGemmCalls.count;
        const got = await product(a, b, M, N, K, tA, tB, bias);
        const e = errors(got, want);
        const t = tile ?? chooseTile(M, N, K);
        const ran = webgpuGemmCalls.count > calls;
        checks.push({ name: `gemm ${what} B=${B} ${M}×${N}×${K} tile ${t.rm}×${t.rn}×${t.tk}${tile ? '' : ' (chosen)'}`, ok: ran && e.maxRel <= 1e-5 * Math.sqrt(K), ...e, detail: ran ? undefined : 'the WGSL kernel did not run' });
      }
    }
  }
  setGemmPolicy({ forms: 'transposed', minFlops: 1 << 20, tile: null });
  return checks;
}

/** The WGSL Adam pass (4 variants, 3 steps, S = 1000) against `adamL1Reference`. */
export async function adamChecks(S = 1000): Promise<Check[]> {
  const checks: Check[] = [];
  const hp = { ...ADAM_DEFAULTS, lr: 1e-2 };
  for (const proximal of [false, true]) {
    for (const withD of [false, true]) {
      const n = S * S;
      const w = rand(n, 1, 0.05).map((x, k) => (k % 17 === 0 ? 0 : x));
      const d = Float32Array.from(rand(n, 2), Math.abs);
      const ref = { w: w.slice(), m: new Float32Array(n), v: new Float32Array(n) };
      const fresh = (x: Float32Array) => tf.tidy(() => tf.variable(tf.tensor2d(x, [S, S]), false));
      const [W, M, V] = [fresh(w), fresh(new Float32Array(n)), fresh(new Float32Array(n))];
      const D = tf.tensor2d(d, [S, S]);
      const terms: number[][] = [];
      const refTerms: number[][] = [];
      const calls = webgpuAdamCalls.count;
      for (let t = 1; t <= 3; t++) {
        const g = rand(n, 10 + t, 1e-2);
        const G = tf.tensor2d(g, [S, S]);
        const h = { lrc1: hp.lr / (1 - hp.beta1 ** t), beta1: hp.beta1, beta2: hp.beta2, c2: 1 / (1 - hp.beta2 ** t), epsilon: hp.epsilon, lr: hp.lr };
        const l1 = { cW: 1e-3, cSyn: withD ? 2e-3 : 0, lengths: withD ? D : undefined, proximal };
        const r = webgpuAdamL1([{ param: W, grad: G, m: M, v: V }], h, l1);
        if (!r) throw new Error('gpu-check: the WGSL Adam pass refused to run');
        terms.push([await readScalar(r.weight), await readScalar(r.length)]);
        tf.dispose([G, r.weight, r.length]);
        const s = adamL1Reference({ ...ref, g, d: withD ? d : undefined }, { ...h, cW: l1.cW, cSyn: l1.cSyn, proxLr: proximal ? hp.lr : 0 });
        refTerms.push([l1.cW * s.sumAbs, l1.cSyn * s.sumAbsD]);
      }
      const name = `adam ${proximal ? 'proximal' : 'subgradient'}${withD ? ' + lengths' : ''} S=${S}, 3 steps`;
      const parts: [string, Float32Array, Float32Array][] = [['W', await readFloats(W), ref.w], ['m', await readFloats(M), ref.m], ['v', await readFloats(V), ref.v]];
      for (const [what, got, want] of parts) {
        const e = errors(got, want);
        checks.push({ name: `${name}: ${what}`, ok: webgpuAdamCalls.count === calls + 3 && e.maxRel <= 1e-5, ...e });
      }
      const e = errors(terms.flat(), refTerms.flat());
      checks.push({ name: `${name}: L1 terms (Σ|W| by-product)`, ok: e.maxRel <= 1e-4, ...e });
      tf.dispose([W, M, V, D]);
    }
  }
  return checks;
}

/** Five URN steps at S = 300 on webgpu (stock, then WGSL) against the cpu backend; W after them. */
export async function stepChecks(S = 300, B = 64): Promise<Check[]> {
  const run = async (backend: string, wgsl: boolean) => {
    await tf.setBackend(backend);
    if (backend === 'webgpu') await configureAccel('webgpu', { webgpu: wgsl });
    const cfg = resolveConfig({ S, I: 4, dIn: 10, dOut: 2, seed: 4 });
    const model = createModel(cfg, initParams(cfg));
    const adam = createAdamL1([model.W, model.b], { ...ADAM_DEFAULTS, lr: 1e-3 });
    const x = tf.tensor2d(rand(B * 10, 7), [B, 10]);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from({ length: B }, (_, k) => k % 2), 'int32'), 2)) as tf.Tensor2D;
    const losses: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t = trainStep(model, adam, x, y, { cW: 1e-4, cN: 1e-4, cSyn: 0 });
      losses.push(await readScalar(t));
      t.dispose();
    }
    const W = await readFloats(model.W);
    tf.dispose([x, y]);
    adam.dispose();
    disposeModel(model);
    return { W, losses };
  };
  const cpu = await run('cpu', false);
  const checks: Check[] = [];
  for (const wgsl of [false, true]) {
    const gpu = await run('webgpu', wgsl);
    const e = errors(gpu.W, cpu.W);
    const l = errors(gpu.losses, cpu.losses);
    checks.push({ name: `5 URN steps S=${S} B=${B} on webgpu ${wgsl ? '+wgsl' : 'stock'} vs cpu: W`, ok: e.maxRel <= 1e-3, ...e });
    checks.push({ name: `5 URN steps S=${S} B=${B} on webgpu ${wgsl ? '+wgsl' : 'stock'} vs cpu: losses`, ok: l.maxRel <= 1e-3, ...l });
  }
  await configureAccel('webgpu');
  return checks;
}
