import type { SparseModel } from '../core/sparse-model.js';
import { decodeModel as decodeStructure, type DecodeOptions } from '../format/decode.js';
import { readModel as readStructure } from '../format/file.js';
import { checkFiniteOutputs } from './finite.js';

/**
 * Parse and validate a model file's bytes (see the format's `decodeModel`), then run it on the
 * probe inputs: a model whose outputs overflow is a `ModelFormatError` too.
 *
 * ```ts
 * const model = decodeModel(readFileSync('model.urn'), { copy: true });
 * ```
 */
export function decodeModel(bytes: Uint8Array, options: DecodeOptions = {}): SparseModel {
  const m = decodeStructure(bytes, options);
  checkFiniteOutputs(m, 'model file');
  return m;
}

/**
 * Read, validate and probe a model file (see `decodeModel`).
 *
 * ```ts
 * const model = readModel('runs/a/model.urn');
 * ```
 */
export function readModel(path: string, options: DecodeOptions = {}): SparseModel {
  const m = readStructure(path, options);
  checkFiniteOutputs(m, `model file ${path}`);
  return m;
}
