import { readFileSync, statSync } from 'node:fs';
import type { SparseModel } from '../core/sparse-model.js';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import { encodeModel } from './encode.js';
import { decodeModel, type DecodeOptions } from './decode.js';
import { DEFAULT_MAX_BYTES } from './layout.js';
import { failer } from './schema.js';

/**
 * Write a model file atomically (temporary file, fsync, rename).
 *
 * ```ts
 * writeModel('runs/a/model.urn', model);
 * ```
 */
export function writeModel(path: string, m: SparseModel): void {
  atomicWriteFileSync(path, encodeModel(m));
}

/**
 * Read and validate a model file; the size is checked before the file is read.
 *
 * ```ts
 * const model = readModel('runs/a/model.urn');
 * ```
 */
export function readModel(path: string, options: DecodeOptions = {}): SparseModel {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = statSync(path).size;
  if (size > max) failer(`model file ${path}`)(`${size} bytes exceeds the ${max}-byte limit.`);
  return decodeModel(readFileSync(path), options);
}
