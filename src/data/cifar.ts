import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, DataFormatError, prefix } from '../errors.js';
import type { Dataset, Split } from './dataset.js';
import { readMaybeGzip } from './idx.js';

export interface CifarOptions {
  /** The paper's "monochromatic" input: luminance 0.299R + 0.587G + 0.114B, giving 32×32×1. */
  grayscale: boolean;
  /**
   * Which `data_batch_N.bin` files form the training split. All five by default, so that a
   * half-extracted directory fails instead of silently training on part of the data; pass e.g.
   * `[1]` to load a deliberate part.
   */
  trainBatches: number[];
  /** Refuse any batch file larger than this many bytes. */
  maxBytes: number;
}

/** Defaults merged under the options of `loadCifar10`. */
export const CIFAR_DEFAULTS: CifarOptions = {
  grayscale: false,
  trainBatches: [1, 2, 3, 4, 5],
  maxBytes: 1 << 28,
};

const where = prefix('cifar10');
const SIDE = 32;
const PLANE = SIDE * SIDE;
const RECORD = 1 + 3 * PLANE;
const N_CLASSES = 10;
const TEST_FILE = 'test_batch.bin';
/** ITU-R BT.601 luma weights. */
const LUMA = [0.299, 0.587, 0.114] as const;

/** The file name of training batch `k` (1-based). */
function trainFile(k: number): string {
  return `data_batch_${k}.bin`;
}

function checkFiles(dir: string, files: string[]): void {
  const missing = files.filter((f) => !existsSync(join(dir, f)));
  if (missing.length === 0) return;
  const pickle = existsSync(join(dir, 'data_batch_1')) && !existsSync(join(dir, 'data_batch_1.bin'))
    ? ' This looks like the Python (pickle) version: use the binary version, cifar-10-binary.tar.gz.'
    : '';
  throw new DataFormatError(where(
    `${dir}: missing ${missing.join(', ')}. Expected ${files.join(', ')} (the cifar-10-batches-bin folder).${pickle} ` +
      'Extract the full archive there, or pass trainBatches to load fewer training batches.',
  ));
}

/**
 * Decode the records of one CIFAR-10 binary batch file into `x` and `y` at record offset `at`.
 * Pixels become float32 in [0, 1], channels last (or one luminance channel).
 */
function decodeBatch(bytes: Uint8Array, file: string, grayscale: boolean, x: Float32Array, y: Int32Array, at: number): void {
  const n = bytes.length / RECORD;
  const channels = grayscale ? 1 : 3;
  for (let s = 0; s < n; s++) {
    const rec = s * RECORD;
    const label = bytes[rec];
    if (label >= N_CLASSES) {
      throw new DataFormatError(where(`${file}: label ${label} in record ${s} is out of range [0, ${N_CLASSES}). The file is corrupt: extract it again.`));
    }
    y[at + s] = label;
    const out = (at + s) * PLANE * channels;
    const r = rec + 1;
    const g = r + PLANE;
    const b = g + PLANE;
    if (grayscale) {
      for (let p = 0; p < PLANE; p++) {
        x[out + p] = (LUMA[0] * bytes[r + p] + LUMA[1] * bytes[g + p] + LUMA[2] * bytes[b + p]) / 255;
      }
    } else {
      for (let p = 0; p < PLANE; p++) {
        x[out + 3 * p] = bytes[r + p] / 255;
        x[out + 3 * p + 1] = bytes[g + p] / 255;
        x[out + 3 * p + 2] = bytes[b + p] / 255;
      }
    }
  }
}

function loadSplit(dir: string, files: string[], o: CifarOptions): Split {
  const blobs = files.map((f) => {
    const path = join(dir, f);
    const bytes = readMaybeGzip(path, o.maxBytes);
    if (bytes.length === 0 || bytes.length % RECORD !== 0) {
      throw new DataFormatError(where(
        `${path}: ${bytes.length} bytes is not a whole number of ${RECORD}-byte records (1 label byte + 3072 pixel bytes). ` +
          'The file is truncated or not CIFAR-10 binary (CIFAR-100 records are 3074 bytes): extract it again.',
      ));
    }
    return { path, bytes };
  });
  const n = blobs.reduce((acc, b) => acc + b.bytes.length / RECORD, 0);
  const channels = o.grayscale ? 1 : 3;
  const x = new Float32Array(n * PLANE * channels);
  const y = new Int32Array(n);
  let at = 0;
  for (const { path, bytes } of blobs) {
    decodeBatch(bytes, path, o.grayscale, x, y, at);
    at += bytes.length / RECORD;
  }
  return { n, x, y };
}

/**
 * Load CIFAR-10 in its binary format from a directory with `data_batch_1.bin` … `data_batch_5.bin`
 * and `test_batch.bin`: 32×32×3 channels last, or 32×32×1 luminance with `grayscale`.
 *
 * ```ts
 * const data = loadCifar10('cifar-10-batches-bin', { grayscale: true });
 * data.dIn; // 1024
 * ```
 */
export function loadCifar10(dir: string, options: Partial<CifarOptions> = {}): Dataset {
  const o = { ...CIFAR_DEFAULTS, ...options };
  if (o.trainBatches.length === 0 || o.trainBatches.some((k) => !Number.isInteger(k) || k < 1 || k > 5)
    || new Set(o.trainBatches).size !== o.trainBatches.length) {
    throw new ConfigError(where(`trainBatches must be distinct integers in 1..5, got [${o.trainBatches}]. Pass e.g. [1, 2, 3, 4, 5].`));
  }
  const trainFiles = o.trainBatches.map(trainFile);
  checkFiles(dir, [...trainFiles, TEST_FILE]);
  const channels = o.grayscale ? 1 : 3;
  return {
    name: o.grayscale ? 'cifar10-gray' : 'cifar10',
    dIn: PLANE * channels,
    nClasses: N_CLASSES,
    train: loadSplit(dir, trainFiles, o),
    test: loadSplit(dir, [TEST_FILE], o),
    image: { height: SIDE, width: SIDE, channels },
  };
}
