import { XMLValidator } from 'fast-xml-parser';
import { resolveConfig, type UrnConfig } from '../../src/core/config.js';
import type { ActivityStats, Snapshot } from '../../src/core/snapshot.js';
import type { RgbaImage } from '../../src/report/png/decode.js';

/** A tiny deterministic PRNG (mulberry32) for fixtures. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Activity statistics by the plain-rule ReLU recursion in float64 JS, an oracle independent of
 * tfjs: N⁰ = x embedded, Nˡ⁺¹ = relu(W Nˡ + b).
 */
export function activityOf(cfg: UrnConfig, W: Float32Array, b: Float32Array, xs: Float64Array[]): ActivityStats {
  const { S, I, dIn } = cfg;
  const L = I + 1;
  const sum = new Float64Array(L * S);
  const maxAbs = new Float32Array(L * S);
  const count = new Float64Array(L * S);
  for (const x of xs) {
    let N = new Float64Array(S);
    for (let i = 0; i < dIn; i++) N[i] = x[i];
    for (let l = 0; l < L; l++) {
      if (l > 0) {
        const next = new Float64Array(S);
        for (let i = 0; i < S; i++) {
          let s = b[i];
          for (let j = 0; j < S; j++) s += W[i * S + j] * N[j];
          next[i] = Math.max(0, s);
        }
        N = next;
      }
      for (let i = 0; i < S; i++) {
        const a = Math.abs(N[i]);
        sum[l * S + i] += a;
        if (a > maxAbs[l * S + i]) maxAbs[l * S + i] = a;
        if (a > 0) count[l * S + i]++;
      }
    }
  }
  return {
    samples: xs.length,
    meanAbs: Float32Array.from(sum, (v) => v / xs.length),
    maxAbs,
    activeFraction: Float32Array.from(count, (v) => v / xs.length),
  };
}

/** An MLP embedded in a URN (paper Eq. 1) with dead neurons mixed in, and its known layers. */
export interface MlpFixture {
  snap: Snapshot;
  /** Layer of every neuron (0 inputs … I outputs), −1 for dead ones. */
  layerOf: Int32Array;
  widths: number[];
}

/**
 * Embed an MLP of the given widths (inputs first, outputs last) in a URN of S neurons, I =
 * widths.length − 1: hidden neurons are scattered over the hidden ids among `dead` all-zero
 * neurons, every synapse of the MLP is positive and nonzero, biases are 0, so each neuron fires
 * exactly at its own layer's iteration.
 */
export function embeddedMlp(widths = [4, 6, 5, 3], dead = 7, seed = 1): MlpFixture {
  const r = rng(seed);
  const dIn = widths[0];
  const dOut = widths[widths.length - 1];
  const hiddenW = widths.slice(1, -1);
  const S = dIn + dOut + dead + hiddenW.reduce((a, b) => a + b, 0);
  const cfg = resolveConfig({ S, I: widths.length - 1, dIn, dOut });
  const layerOf = new Int32Array(S).fill(-1);
  for (let i = 0; i < dIn; i++) layerOf[i] = 0;
  for (let k = 0; k < dOut; k++) layerOf[S - dOut + k] = widths.length - 1;
  // Shuffle the hidden slots so the figure's ordering has work to do.
  const slots = Array.from({ length: S - dIn - dOut }, (_, k) => dIn + k);
  for (let k = slots.length - 1; k > 0; k--) {
    const j = Math.floor(r() * (k + 1));
    [slots[k], slots[j]] = [slots[j], slots[k]];
  }
  let p = 0;
  hiddenW.forEach((w, h) => {
    for (let k = 0; k < w; k++) layerOf[slots[p++]] = h + 1;
  });
  const W = new Float32Array(S * S);
  for (let i = 0; i < S; i++) {
    for (let j = 0; j < S; j++) if (layerOf[i] > 0 && layerOf[j] === layerOf[i] - 1) W[i * S + j] = 0.1 + r();
  }
  const b = new Float32Array(S);
  const xs = Array.from({ length: 16 }, () => Float64Array.from({ length: dIn }, () => 0.1 + r()));
  return { snap: { config: cfg, W, b, activity: activityOf(cfg, W, b, xs) }, layerOf, widths };
}

/** Whether a string is well-formed XML (fast-xml-parser's validator). */
export function wellFormed(xml: string): boolean {
  return XMLValidator.validate(xml) === true;
}

/** RGBA of pixel (x, y). */
export function pixel(img: RgbaImage, x: number, y: number): [number, number, number, number] {
  const k = 4 * (Math.floor(y) * img.width + Math.floor(x));
  return [img.data[k], img.data[k + 1], img.data[k + 2], img.data[k + 3]];
}

/** Whether a pixel is pure white (the exact-zero colour). */
export const isWhite = (p: number[]): boolean => p[0] === 255 && p[1] === 255 && p[2] === 255;
