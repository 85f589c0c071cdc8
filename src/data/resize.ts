import { ConfigError, ShapeError, prefix } from '../errors.js';
import type { Dataset, Split } from './dataset.js';

const where = prefix('resize');

/** Source indices and weights along one axis: out[o] = (1 - f[o]) · in[i0[o]] + f[o] · in[i1[o]]. */
interface AxisTaps {
  i0: Int32Array;
  i1: Int32Array;
  f: Float64Array;
}

/** Half-pixel-centre taps: src = (dst + 0.5) · in/out − 0.5, clamped to [0, in − 1]. */
function axisTaps(nIn: number, nOut: number): AxisTaps {
  const i0 = new Int32Array(nOut);
  const i1 = new Int32Array(nOut);
  const f = new Float64Array(nOut);
  const scale = nIn / nOut;
  for (let o = 0; o < nOut; o++) {
    const src = Math.min(Math.max((o + 0.5) * scale - 0.5, 0), nIn - 1);
    i0[o] = Math.floor(src);
    i1[o] = Math.min(i0[o] + 1, nIn - 1);
    f[o] = src - i0[o];
  }
  return { i0, i1, f };
}

function positiveInt(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new ConfigError(where(`${name} must be a positive integer, got ${v}.`));
}

/**
 * Bilinear resize of `n` images of h×w×c (row-major, channels last) to newH×newW×c, with
 * half-pixel centres (align_corners=false, like tf.image.resizeBilinear with halfPixelCenters).
 *
 * ```ts
 * const big = resizeBilinear(x, n, 32, 32, 1, 60, 60); // Float32Array of n·60·60
 * ```
 */
export function resizeBilinear(
  images: Float32Array, n: number, h: number, w: number, c: number, newH: number, newW: number,
): Float32Array {
  for (const [k, v] of Object.entries({ n, h, w, c, newH, newW })) positiveInt(k, v);
  if (images.length !== n * h * w * c) {
    throw new ShapeError(where(`images has ${images.length} values, expected n·h·w·c = ${n}·${h}·${w}·${c} = ${n * h * w * c}.`));
  }
  const ty = axisTaps(h, newH);
  const tx = axisTaps(w, newW);
  const out = new Float32Array(n * newH * newW * c);
  const inImage = h * w * c;
  const outImage = newH * newW * c;
  for (let s = 0; s < n; s++) {
    const base = s * inImage;
    let o = s * outImage;
    for (let y = 0; y < newH; y++) {
      const row0 = base + ty.i0[y] * w * c;
      const row1 = base + ty.i1[y] * w * c;
      const fy = ty.f[y];
      for (let x = 0; x < newW; x++) {
        const c0 = tx.i0[x] * c;
        const c1 = tx.i1[x] * c;
        const fx = tx.f[x];
        for (let k = 0; k < c; k++) {
          const top = images[row0 + c0 + k] + (images[row0 + c1 + k] - images[row0 + c0 + k]) * fx;
          const bottom = images[row1 + c0 + k] + (images[row1 + c1 + k] - images[row1 + c0 + k]) * fx;
          out[o++] = top + (bottom - top) * fy;
        }
      }
    }
  }
  return out;
}

/**
 * Resize every image of an image dataset to newH×newW (the paper expands 32×32 CIFAR to 60×60),
 * updating `image` and `dIn`.
 *
 * ```ts
 * const big = resizeDataset(loadCifar10(dir, { grayscale: true }), 60, 60);
 * big.dIn; // 3600
 * ```
 */
export function resizeDataset(ds: Dataset, newH: number, newW: number): Dataset {
  if (!ds.image) throw new ConfigError(where(`${ds.name} has no image shape, so it cannot be resized. Resize only image datasets.`));
  const { height, width, channels } = ds.image;
  const split = (s: Split): Split => ({ n: s.n, x: resizeBilinear(s.x, s.n, height, width, channels, newH, newW), y: s.y });
  return {
    ...ds,
    dIn: newH * newW * channels,
    train: split(ds.train),
    test: split(ds.test),
    image: { height: newH, width: newW, channels },
  };
}
