import type { NativeAddon } from './native.js';
import { compare, values } from './self-check-data.js';
import { adamL1Reference } from './adam-l1-reference.js';

/**
 * The fused L1 + Adam pass against `adamL1Reference` (the same float32 formula in JS), in both
 * modes: the L1 subgradient (`proxLr` 0) and the proximal soft-threshold (`proxLr` = lr), each
 * with and without the synapse lengths d (the addon specialises its loop for all four).
 */
function checkDense(addon: NativeAddon): string | null {
  const n = 70_001; // above the threading threshold, odd to split unevenly
  for (const [proxLr, withD] of [[0, true], [0, false], [1e-3, true], [1e-3, false]] as const) {
    // Without lengths, a larger c_W so that the proximal step still zeroes some weights.
    const p = { lrc1: 1e-3 / (1 - 0.9 ** 3), beta1: 0.9, beta2: 0.999, c2: 1 / (1 - 0.999 ** 3), epsilon: 1e-7, cW: withD ? 1e-3 : 5e-3, cSyn: 2e-3, proxLr };
    const w = values(n, 3);
    w[5] = 0;
    const g = values(n, 5);
    const m = values(n, 7).map((x) => x * 0.01);
    const v = values(n, 9).map((x) => Math.abs(x) * 1e-4);
    const d = withD ? values(n, 13).map((x) => Math.abs(x) * 3) : undefined;
    const want = { w: w.slice(), g, m: m.slice(), v: v.slice(), d };
    const ref = adamL1Reference(want, p);
    const [sa, sd] = addon.adamL1(
      w.buffer, 0, g.buffer, 0, m.buffer, 0, v.buffer, 0, n, p.lrc1, p.beta1, p.beta2, p.c2, p.epsilon, p.cW, d ? d.buffer : null, 0,
      p.cSyn, 2, proxLr, null, 0, 0,
    );
    const what = `adamL1 (${proxLr ? 'proximal' : 'subgradient'}, ${withD ? 'with' : 'without'} lengths)`;
    const why =
      compare([sa], [ref.sumAbs], `${what} Σ|w|`) ??
      compare([sd], [ref.sumAbsD], `${what} Σ|w|·d`) ??
      compare(m, want.m, `${what} m`) ??
      compare(v, want.v, `${what} v`) ??
      compare(w, want.w, `${what} w`);
    if (why) return why;
    if (proxLr && !w.some((x) => x === 0)) return `${what}: no weight was thresholded to 0`;
  }
  return null;
}

/**
 * Block mode (a u×u gradient at rows and columns `ids` of a square parameter, 0 elsewhere)
 * against the addon's own dense pass on the scattered gradient, checked just before: W, m and v
 * must come out bit for bit the same, in all four loop variants, with the ids out of order.
 */
function checkBlock(addon: NativeAddon): string | null {
  const S = 265; // S² above the threading threshold; 265 rows split unevenly over 2 threads
  const ids = Int32Array.from({ length: 61 }, (_, k) => (k * 37 + 11) % S);
  const u = ids.length;
  for (const [proxLr, withD] of [[0, true], [0, false], [1e-3, true], [1e-3, false]] as const) {
    const h = [1e-3 / (1 - 0.9 ** 3), 0.9, 0.999, 1 / (1 - 0.999 ** 3), 1e-7, withD ? 1e-3 : 5e-3] as const;
    const block = values(u * u, 5);
    const dense = new Float32Array(S * S);
    ids.forEach((i, a) => ids.forEach((j, b) => (dense[i * S + j] = block[a * u + b])));
    const d = withD ? values(S * S, 13).map((x) => Math.abs(x) * 3) : null;
    const runs = [null, ids].map((at) => {
      const w = values(S * S, 3);
      const m = values(S * S, 7).map((x) => x * 0.01);
      const v = values(S * S, 9).map((x) => Math.abs(x) * 1e-4);
      const g = at ? block : dense;
      const sums = addon.adamL1(
        w.buffer, 0, g.buffer, 0, m.buffer, 0, v.buffer, 0, S * S, ...h, d ? d.buffer : null, 0, 2e-3, 2, proxLr,
        at ? at.buffer : null, 0, at ? u : 0,
      );
      return { w, m, v, sums };
    });
    const what = `adamL1 block mode (${proxLr ? 'proximal' : 'subgradient'}, ${withD ? 'with' : 'without'} lengths)`;
    const [want, got] = runs;
    for (const k of ['w', 'm', 'v'] as const) {
      const at = got[k].findIndex((x, e) => !Object.is(x, want[k][e]));
      if (at >= 0) return `${what} ${k}: element ${at} is ${got[k][at]}, the dense pass gives ${want[k][at]}`;
    }
    const why = compare(got.sums, want.sums, `${what} Σ|w|, Σ|w|·d`);
    if (why) return why;
  }
  return null;
}

/**
 * The fused L1 + Adam pass: dense against the float32 formula in JS, then block mode against
 * the dense pass. null when both agree, else the first mismatch.
 *
 * ```ts
 * const why = checkAdam(addon); // null: the addon's Adam is safe to use
 * ```
 */
export function checkAdam(addon: NativeAddon): string | null {
  return checkDense(addon) ?? checkBlock(addon);
}
