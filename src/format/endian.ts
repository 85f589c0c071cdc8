/**
 * True on little-endian hosts, where typed arrays can view file bytes directly.
 *
 * ```ts
 * if (!LITTLE_ENDIAN) console.warn('arrays will be byte-swapped copies');
 * ```
 */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A 4-byte typed array the format stores. */
export type Array32 = Float32Array | Int32Array;
/** The dtype tags of the array table. */
export type Dtype = 'f32' | 'i32';

/**
 * The dtype tag of a typed array.
 *
 * ```ts
 * dtypeOf(new Int32Array(2)); // 'i32'
 * ```
 */
export const dtypeOf = (a: Array32): Dtype => (a instanceof Float32Array ? 'f32' : 'i32');

/**
 * The little-endian bytes of a 4-byte typed array (a view on little-endian hosts).
 *
 * ```ts
 * out.set(leBytes(model.b), offset);
 * ```
 */
export function leBytes(a: Array32): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out = new Uint8Array(a.byteLength);
  const dv = new DataView(out.buffer);
  for (let k = 0; k < a.length; k++) {
    if (a instanceof Float32Array) dv.setFloat32(4 * k, a[k], true);
    else dv.setInt32(4 * k, a[k], true);
  }
  return out;
}

/**
 * A typed array over `length` little-endian elements at `bytes[offset..]`: a zero-copy view when
 * the host is little-endian and the address is 4-aligned (and `copy` is false), else a copy.
 *
 * ```ts
 * const values = readArray(bytes, 'f32', 64, 10, false);
 * ```
 */
export function readArray(bytes: Uint8Array, dtype: Dtype, offset: number, length: number, copy: boolean): Array32 {
  const Ctor = dtype === 'f32' ? Float32Array : Int32Array;
  const at = bytes.byteOffset + offset;
  if (LITTLE_ENDIAN) {
    if (!copy && at % 4 === 0) return new Ctor(bytes.buffer as ArrayBuffer, at, length);
    // A fresh, owned copy: Node's Buffer#slice returns a view, so copy through a new Uint8Array.
    const own = new Uint8Array(4 * length);
    own.set(bytes.subarray(offset, offset + 4 * length));
    return new Ctor(own.buffer);
  }
  const dv = new DataView(bytes.buffer, at, 4 * length);
  const out = new Ctor(length);
  for (let k = 0; k < length; k++) out[k] = dtype === 'f32' ? dv.getFloat32(4 * k, true) : dv.getInt32(4 * k, true);
  return out;
}
