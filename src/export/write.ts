import { statSync } from 'node:fs';
import type { SparseModel } from '../core/sparse-model.js';
import { writeModel } from '../format/file.js';
import { ConfigError, prefix } from '../errors.js';
import { writeOnnx } from './onnx.js';
import { writeTfjs } from './tfjs.js';

/** What an export can be written as: our model file, ONNX, or a tfjs graph model folder. */
export const EXPORT_FORMATS = ['urn', 'onnx', 'tfjs'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Write a certified sparse model in one of the export formats: `urn` (the model file, either
 * form), `onnx` (a .onnx file of the layered form), `tfjs` (a folder with model.json and
 * weights.bin). Returns the bytes written.
 *
 * ```ts
 * writeExport('model.onnx', model, 'onnx');
 * ```
 */
export function writeExport(path: string, model: SparseModel, format: ExportFormat): number {
  switch (format) {
    case 'urn':
      writeModel(path, model);
      return statSync(path).size;
    case 'onnx':
      return writeOnnx(path, model);
    case 'tfjs':
      return writeTfjs(path, model).reduce((s, p) => s + statSync(p).size, 0);
    default:
      throw new ConfigError(prefix('export')(`format must be one of ${EXPORT_FORMATS.join(', ')}, got '${String(format)}'.`));
  }
}
