export { encodeModel } from './encode.js';
export { decodeModel, type DecodeOptions } from './decode.js';
export { writeModel, readModel } from './file.js';
export { FORMAT_VERSION, SUPPORTED_VERSIONS, MAGIC, DEFAULT_MAX_BYTES, MAX_MANIFEST_BYTES } from './layout.js';
