import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DataFormatError, prefix } from '../errors.js';
import type { Dataset, Split } from './dataset.js';

/** The layout of an image feature vector (row-major, channels last). */
export type ImageShape = NonNullable<Dataset['image']>;

/** One split of image data: a `Split` plus the shape of each image. */
export interface ImageSplit extends Split {
  image: ImageShape;
}

export interface IdxOptions {
  /** Labels must lie in [0, nClasses). */
  nClasses: number;
  /** Refuse any file (after decompression) larger than this many bytes. */
  maxBytes: number;
}

/** Defaults merged under the options of `loadIdxPair`. */
export const IDX_DEFAULTS: IdxOptions = {
  nClasses: 10,
  maxBytes: 1 << 30,
};

const where = prefix('idx');
const HEADER_UBYTE = 0x08;
const IMAGES_NDIM = 3;
const LABELS_NDIM = 1;

/**
 * Read a whole file, gunzipping it when it starts with the gzip magic bytes 1f 8b. Sizes are
 * checked before anything large is allocated.
 *
 * ```ts
 * const bytes = readMaybeGzip('train-images-idx3-ubyte.gz', 1 << 30);
 * ```
 */
export function readMaybeGzip(path: string, maxBytes: number): Uint8Array {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new DataFormatError(where(`${path}: cannot read (${(e as Error).message}). Check the path.`));
  }
  if (size > maxBytes) {
    throw new DataFormatError(where(`${path}: file is ${size} bytes, over the limit of ${maxBytes}. Check the file or raise maxBytes.`));
  }
  const raw = readFileSync(path);
  if (raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  try {
    return gunzipSync(raw, { maxOutputLength: maxBytes });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const what = err.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError
      ? `decompresses to more than ${maxBytes} bytes`
      : `is gzip but does not decompress (${err.message})`;
    throw new DataFormatError(where(`${path}: ${what}. The file is corrupt or truncated: download it again.`));
  }
}

/** A parsed IDX unsigned-byte array: its dimensions and its payload (a view, not a copy). */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/**
 * Parse the bytes of an IDX file of unsigned bytes with `ndim` dimensions; `file` names it in
 * errors. The payload length must match the header exactly.
 *
 * ```ts
 * const { dims, data } = parseIdx(bytes, 3, 'train-images-idx3-ubyte');
 * ```
 */
export function parseIdx(bytes: Uint8Array, ndim: number, file: string): IdxArray {
  const magic = `0x${((HEADER_UBYTE << 8) | ndim).toString(16).padStart(8, '0')}`;
  const fix = 'The file is corrupt or not an IDX file: download it again.';
  if (bytes.length < 4) {
    throw new DataFormatError(where(`${file}: ${bytes.length} bytes is too short for an IDX header. ${fix}`));
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DataFormatError(where(`${file}: bad magic number (first bytes ${hex(bytes, 4)}, expected ${magic}). ${fix}`));
  }
  if (bytes[2] !== HEADER_UBYTE) {
    throw new DataFormatError(where(`${file}: data type byte is 0x${bytes[2].toString(16)}, only 0x08 (unsigned byte) is supported. ${fix}`));
  }
  if (bytes[3] !== ndim) {
    throw new DataFormatError(where(`${file}: header says ${bytes[3]} dimensions, expected ${ndim} (magic ${magic}). Check that images and labels are not swapped.`));
  }
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) {
    throw new DataFormatError(where(`${file}: truncated header (${bytes.length} of ${headerBytes} bytes). ${fix}`));
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let items = 1;
  for (let k = 0; k < ndim; k++) {
    const dk = view.getUint32(4 + 4 * k, false);
    dims.push(dk);
    items *= dk;
  }
  const have = bytes.length - headerBytes;
  if (items !== have) {
    const problem = items > have
      ? `truncated: header claims ${dims.join('×')} = ${items} bytes of data but only ${have} follow`
      : `header claims ${dims.join('×')} = ${items} bytes of data but ${have} follow`;
    throw new DataFormatError(where(`${file}: ${problem}. ${fix}`));
  }
  return { dims, data: bytes.subarray(headerBytes) };
}

function hex(bytes: Uint8Array, n: number): string {
  return Array.from(bytes.subarray(0, n), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/**
 * Load an IDX image file (magic 0x00000803) and its label file (0x00000801), raw or gzipped,
 * as float32 pixels in [0, 1] and int32 labels.
 *
 * ```ts
 * const s = loadIdxPair('train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz');
 * s.n; s.x; s.y; s.image; // { height: 28, width: 28, channels: 1 }
 * ```
 */
export function loadIdxPair(imagesPath: string, labelsPath: string, options: Partial<IdxOptions> = {}): ImageSplit {
  const o = { ...IDX_DEFAULTS, ...options };
  const images = parseIdx(readMaybeGzip(imagesPath, o.maxBytes), IMAGES_NDIM, imagesPath);
  const labels = parseIdx(readMaybeGzip(labelsPath, o.maxBytes), LABELS_NDIM, labelsPath);
  const [n, height, width] = images.dims;
  if (labels.dims[0] !== n) {
    throw new DataFormatError(where(`${imagesPath} holds ${n} images but ${labelsPath} holds ${labels.dims[0]} labels. Pass the matching pair of files.`));
  }
  if (n === 0 || height === 0 || width === 0) {
    throw new DataFormatError(where(`${imagesPath}: empty image array (${images.dims.join('×')}). Pass a file with data.`));
  }
  const y = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const v = labels.data[s];
    if (v >= o.nClasses) {
      throw new DataFormatError(where(`${labelsPath}: label ${v} at index ${s} is out of range [0, ${o.nClasses}). Check the file or pass nClasses.`));
    }
    y[s] = v;
  }
  const x = new Float32Array(images.data.length);
  for (let i = 0; i < x.length; i++) x[i] = images.data[i] / 255;
  return { n, x, y, image: { height, width, channels: 1 } };
}
