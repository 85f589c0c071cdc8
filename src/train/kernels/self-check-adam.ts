import type { NativeAddon } from './native.js';
import { compare, values } from './self-check-data.js';

/**
 * The fused L1 + Adam pass against the same float32 formula in JS (Math.fround at every op), in
 * both modes: the L1 subgradient (`proxLr` 0) and the proximal soft-threshold (`proxLr` = lr),
 * each with and without the synapse lengths d (the addon specialises its loop for all four).
 */
function checkDense(addon: NativeAddon): string | null {
  const n = 70_001; // above the threading threshold, odd to split unevenly
  const f = Math.fround;
  for (const [proxLr, withD] of [[0, true], [0, false], [1e-3, true], [1e-3, false]] as const) {
    // Without lengths, a larger c_W so that the proximal step still zeroes some weights.
    const cW = withD ? 1e-3 : 5e-3;
    const h = { lrc1: 1e-3 / (1 - 0.9 ** 3), b1: 0.9, b2: 0.999, c2: 1 / (1 - 0.999 ** 3), eps: 1e-7, cW, cSyn: 2e-3 };
    const w = values(n, 3);
    w[5] = 0;
    const g = values(n, 5);
    const m = values(n, 7).map((x) => x * 0.01);
    const v = values(n, 9).map((x) => Math.abs(x) * 1e-4);
    const d = withD ? values(n, 13).map((x) => Math.abs(x) * 3) : new Float32Array(n);
    const want = { w: new Float32Array(n), m: new Float32Array(n), v: new Float32Array(n) };
    let sumAbs = 0;
    let sumAbsD = 0;
    for (let k = 0; k < n; k++) {
      const s = Math.sign(w[k]);
      let gk = g[k];
      if (!proxLr) {
        gk = f(gk + f(s * f(h.cW)));
        gk = f(gk + f(s * f(d[k] * f(h.cSyn))));
      }
      sumAbs += Math.abs(w[k]);
      sumAbsD += Math.abs(w[k]) * d[k];
      want.m[k] = f(f(m[k] * f(h.b1)) + f(gk * f(1 - h.b1)));
      want.v[k] = f(f(v[k] * f(h.b2)) + f(f(gk * gk) * f(1 - h.b2)));
      const q = f(f(Math.sqrt(f(want.v[k] * f(h.c2)))) + f(h.eps));
      const u = f(w[k] - f(f(want.m[k] * f(h.lrc1)) / q));
      if (!proxLr) want.w[k] = u;
      else {
        const tau = f(f(f(proxLr) * f(f(h.cW) + f(d[k] * f(h.cSyn)))) / q);
        const au = f(Math.abs(u) - tau);
        want.w[k] = au > 0 ? Math.sign(u) * au : 0;
      }
    }
    const [sa, sd] = addon.adamL1(
      w.buffer, 0, g.buffer, 0, m.buffer, 0, v.buffer, 0, n, h.lrc1, h.b1, h.b2, h.c2, h.eps, h.cW, withD ? d.buffer : null, 0,
      h.cSyn, 2, proxLr, null, 0, 0,
    );
    const what = `adamL1 (${proxLr ? 'proximal' : 'subgradient'}, ${withD ? 'with' : 'without'} lengths)`;
    const why =
      compare([sa], [sumAbs], `${what} Σ|w|`) ??
      compare([sd], [withD ? sumAbsD : 0], `${what} Σ|w|·d`) ??
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
