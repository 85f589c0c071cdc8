import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataFormatError, prefix } from '../errors.js';
import type { Dataset } from './dataset.js';
import { IDX_DEFAULTS, loadIdxPair } from './idx.js';

export interface FashionMnistOptions {
  /** Directory with the four IDX files, gzipped or raw. */
  dir: string;
  /** Refuse any file (after decompression) larger than this many bytes. */
  maxBytes: number;
}

/** Where Debian's `dataset-fashion-mnist` package installs the files. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** Defaults merged under the options of `loadFashionMnist`. */
export const FASHION_MNIST_DEFAULTS: FashionMnistOptions = {
  dir: FASHION_MNIST_DIR,
  maxBytes: IDX_DEFAULTS.maxBytes,
};

const where = prefix('fashion-mnist');
const FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** Resolve each base name to `name.gz` or `name` in `dir`; throw naming what is missing. */
function resolveFiles(dir: string): Record<keyof typeof FILES, string> {
  const found: Partial<Record<keyof typeof FILES, string>> = {};
  const missing: string[] = [];
  for (const [key, base] of Object.entries(FILES) as [keyof typeof FILES, string][]) {
    const path = [`${base}.gz`, base].map((f) => join(dir, f)).find((p) => existsSync(p));
    if (path === undefined) missing.push(`${base}(.gz)`);
    else found[key] = path;
  }
  if (missing.length > 0) {
    throw new DataFormatError(where(
      `${dir}: missing ${missing.join(', ')}. Install the data with \`apt-get install dataset-fashion-mnist\`, ` +
        'pass dir, or load your own files with idx:<images>,<labels>.',
    ));
  }
  return found as Record<keyof typeof FILES, string>;
}

/**
 * Load Fashion-MNIST (60000 train and 10000 test images, 28×28×1, pixels in [0, 1]) from the
 * Debian package's directory or another with the same file names.
 *
 * ```ts
 * const data = loadFashionMnist();
 * data.train.n; // 60000
 * ```
 */
export function loadFashionMnist(options: Partial<FashionMnistOptions> = {}): Dataset {
  const o = { ...FASHION_MNIST_DEFAULTS, ...options };
  const f = resolveFiles(o.dir);
  const idx = { nClasses: 10, maxBytes: o.maxBytes };
  const { image, ...train } = loadIdxPair(f.trainImages, f.trainLabels, idx);
  const { image: testImage, ...test } = loadIdxPair(f.testImages, f.testLabels, idx);
  if (testImage.height !== image.height || testImage.width !== image.width) {
    throw new DataFormatError(where(
      `${f.testImages} holds ${testImage.height}×${testImage.width} images but ${f.trainImages} holds ${image.height}×${image.width}. ` +
        'Use train and test files from the same dataset.',
    ));
  }
  return {
    name: 'fashion-mnist',
    dIn: image.height * image.width * image.channels,
    nClasses: 10,
    train,
    test,
    image,
  };
}
