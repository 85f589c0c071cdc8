/** Shared fixture paths, the generator's expected values and the float tolerance of the data tests. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures');
export const IDX_DIR = join(FIXTURES, 'idx');
export const CIFAR_DIR = join(FIXTURES, 'cifar10-tiny');

/** Float32 relative tolerance, with an absolute floor for values near zero. */
export const F32_RTOL = 1e-6;
export const F32_ATOL = 1e-7;

interface ResizeCase { n: number; h: number; w: number; c: number; newH: number; newW: number; input: number[]; expected: number[] }
interface CifarExpect {
  labels: number[];
  rgbSums: number[];
  graySamples: { row: number; col: number; value: number }[][];
  grayMeans: number[];
}
export interface Expected {
  idx: Record<'train' | 'test', { labels: number[]; pixelSums: number[] }>;
  cifar: Record<'train' | 'test', CifarExpect>;
  resize: ResizeCase[];
}

/** Values written by fixtures/make-fixtures.py (numpy). */
export const EXPECTED: Expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));

/** True when `a` and `b` agree to float32 precision. */
export function close(a: number, b: number, rtol = F32_RTOL, atol = F32_ATOL): boolean {
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

/** Index of the first element where the arrays differ beyond tolerance, or -1. */
export function firstMismatch(a: ArrayLike<number>, b: ArrayLike<number>, rtol = F32_RTOL, atol = F32_ATOL): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!close(a[i], b[i], rtol, atol)) return i;
  return -1;
}

/** A fresh temporary directory for corrupt variants. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'urn-data-'));
}

/** The generator's IDX pixel formulas. */
export const IDX_PIXEL = {
  train: (i: number, r: number, c: number) => (i * 37 + r * 11 + c * 5) % 256,
  test: (i: number, r: number, c: number) => (i * 53 + r * 3 + c * 17 + 100) % 256,
};

/** The generator's CIFAR channel formulas; k counts records within the train or test set. */
export const CIFAR_RGB = (k: number, r: number, c: number): [number, number, number] => [
  (k * 13 + r * 7 + c) % 256,
  (k * 29 + r + c * 7 + 50) % 256,
  (k * 5 + r * c + 100) % 256,
];
