import type { Csr, Layer, LayerBlock, LayeredModel, ReplayModel, SparseModel } from '../core/sparse-model.js';
import { FORMAT_VERSION, align8 } from './layout.js';
import { dtypeOf, type Array32, type Dtype } from './endian.js';
import { field, int, list, oneOf, record, finite, type Fail } from './schema.js';
import { readConfig } from './validate-config.js';
import { readCertificate } from './validate-certificate.js';
import { MAX_ITERATIONS } from './layout.js';
import { readLayerActivation } from './validate-layer-activation.js';

/** Most arrays a manifest may list. */
const MAX_ARRAYS = 1 << 22;

/** One entry of the array table: where an array lies in the data section. */
export interface ArrayEntry {
  dtype: Dtype;
  shape: [number];
  /** Byte offset from the start of the data section, a multiple of 8. */
  offset: number;
}

/**
 * Split a model into its manifest (plain msgpack-able data, arrays replaced by indices into the
 * array table) and the arrays, in table order.
 *
 * ```ts
 * const { manifest, arrays, dataBytes } = toManifest(model, failer('encodeModel'));
 * ```
 */
export function toManifest(m: SparseModel, fail: Fail): { manifest: Record<string, unknown>; arrays: Array32[]; dataBytes: number } {
  const arrays: Array32[] = [];
  const ref = (a: Array32): number => arrays.push(a) - 1;
  const csr = (c: Csr) => ({ rows: c.rows, cols: c.cols, rowPtr: ref(c.rowPtr), colIdx: ref(c.colIdx), values: ref(c.values) });
  const block = (blk: LayerBlock) => ({ from: blk.from, matrix: csr(blk.matrix) });
  const model =
    m.form === 'replay'
      ? { neurons: ref(m.neurons), W: csr(m.W), b: ref(m.b), inputIndex: ref(m.inputIndex), outputIndex: ref(m.outputIndex) }
      : {
          layers: m.layers.map((L) => ({
            neurons: ref(L.neurons),
            bias: ref(L.bias),
            offset: ref(L.offset),
            pre: L.pre.map(block),
            skip: L.skip.map(block),
            ...(L.activation === undefined ? {} : { activation: { ...L.activation } }),
            ...(L.psi === undefined ? {} : { psi: ref(L.psi) }),
          })),
          outLayer: ref(m.outLayer),
          outUnit: ref(m.outUnit),
          outOffset: ref(m.outOffset),
        };
  let offset = 0;
  const table: ArrayEntry[] = arrays.map((a) => {
    const e: ArrayEntry = { dtype: dtypeOf(a), shape: [a.length], offset };
    offset = align8(offset + a.byteLength);
    return e;
  });
  const manifest: Record<string, unknown> = {
    formatVersion: FORMAT_VERSION,
    form: m.form,
    config: readConfig(m.config, fail),
    threshold: m.threshold,
  };
  // Canonical copies (fixed field order) keep the encoding deterministic.
  if (m.certificate !== undefined) manifest.certificate = readCertificate(m.certificate, fail);
  if (m.topology !== undefined) manifest.topology = m.topology;
  manifest.arrays = table;
  manifest.model = model;
  return { manifest, arrays, dataBytes: offset };
}

/**
 * The fields a manifest may have.
 *
 * ```ts
 * record(manifest, 'manifest', TOP_KEYS, fail);
 * ```
 */
export const TOP_KEYS = ['formatVersion', 'form', 'config', 'threshold', 'certificate', 'topology', 'arrays', 'model'] as const;

/**
 * Check a decoded manifest's array table against the data section: dtypes known, arrays packed
 * in order at 8-aligned offsets, inside the data, ending exactly at its end.
 *
 * ```ts
 * const table = readTable(manifest.arrays, dataBytes, fail);
 * ```
 */
export function readTable(v: unknown, dataBytes: number, fail: Fail): ArrayEntry[] {
  const entries = list(v, 'arrays', MAX_ARRAYS, fail);
  let expected = 0;
  const table = entries.map((e, k): ArrayEntry => {
    const o = record(e, `arrays[${k}]`, ['dtype', 'shape', 'offset'], fail);
    const dtype = oneOf(field(o, 'dtype'), `arrays[${k}].dtype`, ['f32', 'i32'], fail);
    const shape = list(field(o, 'shape'), `arrays[${k}].shape`, 1, fail);
    if (shape.length !== 1) fail(`arrays[${k}].shape must have one dimension.`);
    const length = int(shape[0], `arrays[${k}].shape[0]`, 0, Math.floor(dataBytes / 4), fail);
    const offset = int(field(o, 'offset'), `arrays[${k}].offset`, 0, dataBytes, fail);
    if (offset !== expected) fail(`arrays[${k}] must start at data offset ${expected}, got ${offset}.`);
    if (offset + 4 * length > dataBytes) fail(`arrays[${k}] runs past the end of the file.`);
    expected = align8(offset + 4 * length);
    return { dtype, shape: [length], offset };
  });
  if (expected !== dataBytes) fail(`the data section holds ${dataBytes} bytes but the arrays fill ${expected}.`);
  return table;
}

/**
 * Rebuild a model from a checked manifest and its array table; `take(k, dtype)` returns table
 * entry k as a typed array. Every table entry must be used exactly once. Structure only: the
 * caller runs `validateModel` on the result.
 *
 * ```ts
 * const model = fromManifest(manifest, table.length, take, fail);
 * ```
 */
export function fromManifest(
  v: unknown,
  tableLength: number,
  take: (k: number, dtype: Dtype) => Array32,
  fail: Fail,
): SparseModel {
  const top = record(v, 'manifest', TOP_KEYS, fail);
  const used = new Uint8Array(tableLength);
  const arr = (r: unknown, dtype: Dtype, name: string): Array32 => {
    const k = int(r, `${name} (array reference)`, 0, tableLength - 1, fail);
    if (used[k]) fail(`${name} refers to array ${k}, which another field already uses.`);
    used[k] = 1;
    return take(k, dtype);
  };
  const f32 = (r: unknown, name: string) => arr(r, 'f32', name) as Float32Array;
  const i32 = (r: unknown, name: string) => arr(r, 'i32', name) as Int32Array;
  const csr = (x: unknown, name: string): Csr => {
    const o = record(x, name, ['rows', 'cols', 'rowPtr', 'colIdx', 'values'], fail);
    return {
      rows: int(field(o, 'rows'), `${name}.rows`, 0, 2 ** 31 - 2, fail),
      cols: int(field(o, 'cols'), `${name}.cols`, 0, 2 ** 31 - 2, fail),
      rowPtr: i32(field(o, 'rowPtr'), `${name}.rowPtr`),
      colIdx: i32(field(o, 'colIdx'), `${name}.colIdx`),
      values: f32(field(o, 'values'), `${name}.values`),
    };
  };
  const form = oneOf(field(top, 'form'), 'form', ['replay', 'layered'], fail);
  const common = {
    config: readConfig(field(top, 'config'), fail),
    threshold: finite(field(top, 'threshold'), 'threshold', fail, 0),
  };
  const mo = field(top, 'model');
  let model: SparseModel;
  if (form === 'replay') {
    const o = record(mo, 'model', ['neurons', 'W', 'b', 'inputIndex', 'outputIndex'], fail);
    const r: ReplayModel = {
      form,
      ...common,
      neurons: i32(field(o, 'neurons'), 'neurons'),
      W: csr(field(o, 'W'), 'W'),
      b: f32(field(o, 'b'), 'b'),
      inputIndex: i32(field(o, 'inputIndex'), 'inputIndex'),
      outputIndex: i32(field(o, 'outputIndex'), 'outputIndex'),
    };
    model = r;
  } else {
    const o = record(mo, 'model', ['layers', 'outLayer', 'outUnit', 'outOffset'], fail);
    const layers = list(field(o, 'layers'), 'layers', MAX_ITERATIONS, fail).map((x, t): Layer => {
      const name = `layers[${t}]`;
      const lo = record(x, name, ['neurons', 'bias', 'offset', 'pre', 'skip', 'activation', 'psi'], fail);
      const blocks = (kind: 'pre' | 'skip'): LayerBlock[] =>
        list(field(lo, kind), `${name}.${kind}`, t + 1, fail).map((b, q) => {
          const bo = record(b, `${name}.${kind}[${q}]`, ['from', 'matrix'], fail);
          return { from: int(field(bo, 'from'), `${name}.${kind}[${q}].from`, 0, t, fail), matrix: csr(field(bo, 'matrix'), `${name}.${kind}[${q}].matrix`) };
        });
      const layer: Layer = {
        neurons: i32(field(lo, 'neurons'), `${name}.neurons`),
        bias: f32(field(lo, 'bias'), `${name}.bias`),
        offset: f32(field(lo, 'offset'), `${name}.offset`),
        pre: blocks('pre'),
        skip: blocks('skip'),
      };
      if (field(lo, 'activation') !== undefined) layer.activation = readLayerActivation(field(lo, 'activation'), `${name}.activation`, fail);
      if (field(lo, 'psi') !== undefined) layer.psi = f32(field(lo, 'psi'), `${name}.psi`);
      return layer;
    });
    const l: LayeredModel = {
      form,
      ...common,
      layers,
      outLayer: i32(field(o, 'outLayer'), 'outLayer'),
      outUnit: i32(field(o, 'outUnit'), 'outUnit'),
      outOffset: f32(field(o, 'outOffset'), 'outOffset'),
    };
    model = l;
  }
  const cert = field(top, 'certificate');
  if (cert !== undefined) model.certificate = readCertificate(cert, fail);
  const topo = field(top, 'topology');
  if (topo !== undefined) model.topology = topo;
  const unused = used.indexOf(0);
  if (unused >= 0) fail(`array ${unused} of the table is not used by any field.`);
  return model;
}
