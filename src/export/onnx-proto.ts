import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';

/** The official ONNX schema, vendored unchanged (vendor/onnx/README.md says from where). */
const SCHEMA = new URL('../../vendor/onnx/onnx.proto', import.meta.url);

let modelType: protobuf.Type | undefined;

/** `onnx.ModelProto`, parsed once from the vendored onnx.proto with field names as written there. */
function modelProto(): protobuf.Type {
  modelType ??= protobuf.parse(readFileSync(SCHEMA, 'utf8'), { keepCase: true }).root.lookupType('onnx.ModelProto');
  return modelType;
}

/** ONNX `TensorProto.DataType` codes used here. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;

/**
 * Encode a plain `onnx.ModelProto` object (snake_case fields as in onnx.proto) to protobuf bytes.
 *
 * ```ts
 * const bytes = encodeOnnxModel({ ir_version: 8, opset_import: [{ domain: '', version: 17 }], graph });
 * ```
 */
export function encodeOnnxModel(model: Record<string, unknown>): Uint8Array {
  const T = modelProto();
  return T.encode(T.fromObject(model)).finish();
}

/**
 * Decode ONNX model bytes to a plain object (int64 as numbers, bytes as Uint8Array).
 *
 * ```ts
 * const m = decodeOnnxModel(readFileSync('model.onnx'));
 * m.metadata_props; // [{ key: 'urn.certificate', value: '{…}' }, …]
 * ```
 */
export function decodeOnnxModel(bytes: Uint8Array): Record<string, any> {
  const T = modelProto();
  return T.toObject(T.decode(bytes), { longs: Number, defaults: false, arrays: true });
}
