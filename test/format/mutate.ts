import { Packr, Unpackr } from 'msgpackr';
import { crc32 } from '../../src/format/crc32.js';
import { HEADER_BYTES, align8 } from '../../src/format/layout.js';
import type { Rng } from '../../src/util/rng.js';

const packr = new Packr({ useRecords: false, moreTypes: false });
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true });

/** Recompute the header CRC, as a hostile writer that knows the format would. */
export function fixCrc(bytes: Uint8Array): Uint8Array {
  if (bytes.length >= HEADER_BYTES) new DataView(bytes.buffer, bytes.byteOffset).setUint32(16, crc32(bytes, HEADER_BYTES), true);
  return bytes;
}

/** Split a valid file into its manifest object and data section. */
export function split(bytes: Uint8Array): { manifest: Record<string, unknown>; data: Uint8Array } {
  const m = new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true);
  return { manifest: unpackr.unpack(bytes.subarray(HEADER_BYTES, HEADER_BYTES + m)), data: bytes.slice(align8(HEADER_BYTES + m)) };
}

/** Assemble a file from a manifest object and a data section, with a correct header and CRC. */
export function assemble(manifest: unknown, data: Uint8Array, header?: Uint8Array): Uint8Array {
  const packed: Uint8Array = packr.pack(manifest);
  const start = align8(HEADER_BYTES + packed.length);
  const out = new Uint8Array(start + data.length);
  out.set(header ?? new TextEncoder().encode('URNMODEL'), 0);
  const dv = new DataView(out.buffer);
  if (!header) dv.setUint32(8, 1, true);
  dv.setUint32(12, packed.length, true);
  out.set(packed, HEADER_BYTES);
  out.set(data, start);
  return fixCrc(out);
}

/** Byte-level mutations: bit flips, byte changes, truncation, insertion, deletion. */
export function mutateBytes(src: Uint8Array, rng: Rng): Uint8Array {
  let b = src.slice();
  const count = 1 + rng.int(4);
  for (let c = 0; c < count; c++) {
    const op = rng.int(6);
    const at = rng.int(Math.max(1, b.length));
    if (op === 0) b[at] ^= 1 << rng.int(8);
    else if (op === 1) b[at] = rng.int(256);
    else if (op === 2) b = b.slice(0, at);
    else if (op === 3) {
      const ins = new Uint8Array(1 + rng.int(16)).map(() => rng.int(256));
      const nb = new Uint8Array(b.length + ins.length);
      nb.set(b.subarray(0, at));
      nb.set(ins, at);
      nb.set(b.subarray(at), at + ins.length);
      b = nb;
    } else if (op === 4) b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + 1 + rng.int(16))]);
    else {
      // Overwrite an aligned word of the data with a nasty value.
      const w = [0x7fc00000, 0x7f800000, 0xff800000, 0x80000000, 0x7fffffff, 0xffffffff, rng.int(2 ** 31)][rng.int(7)];
      const pos = (at >> 2) << 2;
      if (pos + 4 <= b.length) new DataView(b.buffer).setUint32(pos, w >>> 0, true);
    }
  }
  return rng.next() < 0.6 ? fixCrc(b) : b;
}

const NASTY: unknown[] = [
  -1, 0, 1, 2, 3, 7, 2 ** 31, 2 ** 31 - 1, 2 ** 53, -(2 ** 31), 1.5, NaN, Infinity, -Infinity, 1e308, '', 'f32', 'i32',
  'replay', 'layered', 'relu', null, true, [], {}, [0], [1, 2, 3], { rows: 1 }, { from: 0 }, new Uint8Array(3),
];

/** Every path (list of keys) into a JSON-like value, iteratively. */
function paths(v: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: [unknown, (string | number)[]][] = [[v, []]];
  while (stack.length) {
    const [x, p] = stack.pop()!;
    out.push(p);
    if (Array.isArray(x)) x.forEach((e, k) => stack.push([e, [...p, k]]));
    else if (x && typeof x === 'object' && !ArrayBuffer.isView(x)) for (const k of Object.keys(x)) stack.push([(x as Record<string, unknown>)[k], [...p, k]]);
  }
  return out;
}

/** Structure-aware mutation: change, delete or add one manifest field, then reassemble with a valid CRC. */
export function mutateManifest(src: Uint8Array, rng: Rng): Uint8Array {
  const { manifest, data } = split(src);
  const all = paths(manifest).filter((p) => p.length > 0);
  const p = all[rng.int(all.length)];
  let parent: any = manifest;
  for (const k of p.slice(0, -1)) parent = parent[k];
  const last = p[p.length - 1];
  const op = rng.int(10);
  if (op === 0 && !Array.isArray(parent)) delete parent[last];
  else if (op === 1 && !Array.isArray(parent)) parent[`x${rng.int(3)}`] = 1;
  else if (op === 2 && Array.isArray(parent)) parent.push(parent[rng.int(parent.length)]);
  else if (op === 3 && typeof parent[last] === 'number') parent[last] += rng.next() < 0.5 ? 1 : -1;
  else parent[last] = NASTY[rng.int(NASTY.length)];
  return assemble(manifest, data);
}

/** Data-section mutation: set a few aligned words to values that break indices or floats, valid CRC. */
export function mutateData(src: Uint8Array, rng: Rng): Uint8Array {
  const b = src.slice();
  const m = new DataView(b.buffer).getUint32(12, true);
  const start = align8(HEADER_BYTES + m);
  const words = (b.length - start) >> 2;
  if (words === 0) return fixCrc(b);
  const dv = new DataView(b.buffer);
  for (let c = 1 + rng.int(3); c > 0; c--) {
    const pos = start + 4 * rng.int(words);
    const old = dv.getInt32(pos, true);
    const vals = [-1, 0, 1, old + 1, old - 1, old * 2, 2 ** 31 - 1, -(2 ** 31), 0x7fc00000, 0x7f800000, 0xff800000];
    dv.setInt32(pos, vals[rng.int(vals.length)] | 0, true);
  }
  return fixCrc(b);
}

/** Swap two array references of the model (so a field points at another array), valid CRC. */
export function swapRefs(src: Uint8Array, rng: Rng): Uint8Array {
  const { manifest, data } = split(src);
  const refs: [any, string | number][] = [];
  const stack: unknown[] = [manifest.model];
  while (stack.length) {
    const x = stack.pop() as any;
    if (Array.isArray(x)) x.forEach((e, k) => (typeof e === 'number' ? refs.push([x, k]) : stack.push(e)));
    else if (x && typeof x === 'object') {
      for (const k of Object.keys(x)) {
        if (typeof x[k] === 'number' && !['rows', 'cols', 'from'].includes(k)) refs.push([x, k]);
        else stack.push(x[k]);
      }
    }
  }
  const [p1, k1] = refs[rng.int(refs.length)];
  const [p2, k2] = refs[rng.int(refs.length)];
  [p1[k1], p2[k2]] = [p2[k2], p1[k1]];
  return assemble(manifest, data);
}
