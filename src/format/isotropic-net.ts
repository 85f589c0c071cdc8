import { readFileSync, statSync } from 'node:fs';
import { Packr } from 'msgpackr';
import type { IsoMlp } from '../core/isotropic-mlp.js';
import { INTRINSIC_LENGTHS, PSI_MODES } from '../core/isotropic-mlp.js';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import { DEFAULT_MAX_BYTES, MAX_NEURONS } from './layout.js';
import { failer, field, finite, int, list, oneOf, record, type Fail } from './schema.js';

const packr = new Packr({ useRecords: false, mapsAsObjects: true, moreTypes: false });
const KIND = 'urn-isotropic-mlp';
const VERSION = 1;
const KEYS = ['kind', 'version', 'widths', 'W', 'b', 'psi', 'o', 'oMode', 'psiMode', 'epsilon'] as const;

/**
 * Serialise an isotropic MLP (msgpack; arrays as float32 bytes) for `urn isotropic` commands.
 *
 * ```ts
 * writeIsoMlp('net.iso', net); const again = readIsoMlp('net.iso');
 * ```
 */
export function encodeIsoMlp(net: IsoMlp): Uint8Array {
  validateIsoMlp(net, failer('encodeIsoMlp'));
  const bytes = (a: Float32Array) => new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
  return packr.pack({
    kind: KIND,
    version: VERSION,
    widths: net.widths,
    W: net.W.map(bytes),
    b: net.b.map(bytes),
    psi: net.psi.map(bytes),
    o: net.o,
    oMode: net.oMode,
    psiMode: net.psiMode,
    epsilon: net.epsilon,
  });
}

/**
 * Parse and validate an isotropic MLP file; anything malformed raises `ModelFormatError`.
 *
 * ```ts
 * const net = decodeIsoMlp(readFileSync('net.iso'));
 * ```
 */
export function decodeIsoMlp(bytes: Uint8Array): IsoMlp {
  const fail = failer('isotropic network file');
  let v: unknown;
  try {
    v = packr.unpack(bytes);
  } catch (e) {
    fail(`not msgpack (${(e as Error).message.split('\n')[0]}).`);
  }
  const o = record(v, 'file', KEYS, fail);
  if (field(o, 'kind') !== KIND) fail(`kind must be '${KIND}'. Is it an isotropic network written by urn isotropic?`);
  int(field(o, 'version'), 'version', VERSION, VERSION, fail);
  const floats = (x: unknown, name: string): Float32Array[] =>
    list(x, name, 4096, fail).map((a, k) => {
      if (!(a instanceof Uint8Array) || a.byteLength % 4 !== 0) fail(`${name}[${k}] must be float32 bytes.`);
      // A copy: msgpackr hands out Node Buffers, whose slice() is a view into a shared pool.
      const copy = new Uint8Array((a as Uint8Array).byteLength);
      copy.set(a as Uint8Array);
      return new Float32Array(copy.buffer);
    });
  const net: IsoMlp = {
    widths: list(field(o, 'widths'), 'widths', 4096, fail).map((w, k) => int(w, `widths[${k}]`, 1, MAX_NEURONS, fail)),
    W: floats(field(o, 'W'), 'W'),
    b: floats(field(o, 'b'), 'b'),
    psi: floats(field(o, 'psi'), 'psi'),
    o: list(field(o, 'o'), 'o', 4096, fail).map((x, k) => finite(x, `o[${k}]`, fail)),
    oMode: oneOf(field(o, 'oMode'), 'oMode', INTRINSIC_LENGTHS, fail),
    psiMode: oneOf(field(o, 'psiMode'), 'psiMode', PSI_MODES, fail),
    epsilon: finite(field(o, 'epsilon'), 'epsilon', fail, Number.MIN_VALUE),
  };
  validateIsoMlp(net, fail);
  return net;
}

/** Check shapes and finiteness of a network's arrays. */
function validateIsoMlp(net: IsoMlp, fail: Fail): void {
  const w = net.widths;
  if (w.length < 3) fail('widths must list input, at least one hidden layer, and output.');
  const L = w.length - 1;
  const sized = (arrs: Float32Array[], count: number, size: (l: number) => number, name: string) => {
    if (arrs.length !== count) fail(`${name} must hold ${count} arrays, got ${arrs.length}.`);
    arrs.forEach((a, l) => {
      if (a.length !== size(l)) fail(`${name}[${l}] must have ${size(l)} entries, got ${a.length}.`);
      if (!a.every(Number.isFinite)) fail(`${name}[${l}] holds a non-finite value.`);
    });
  };
  sized(net.W, L, (l) => w[l + 1] * w[l], 'W');
  sized(net.b, L, (l) => w[l + 1], 'b');
  sized(net.psi, L - 1, (l) => w[l + 2], 'psi');
  if (net.o.length !== L - 1) fail(`o must hold ${L - 1} values, got ${net.o.length}.`);
  if (net.oMode === 'trainable' && !net.o.every((x) => x > 0)) fail("o must be > 0 when it is 'trainable' (it trains as log o).");
}

/** Write an isotropic network file atomically. */
export function writeIsoMlp(path: string, net: IsoMlp): void {
  atomicWriteFileSync(path, encodeIsoMlp(net));
}

/** Read and validate an isotropic network file (size checked first). */
export function readIsoMlp(path: string, maxBytes = DEFAULT_MAX_BYTES): IsoMlp {
  const size = statSync(path).size;
  if (size > maxBytes) failer(`isotropic network file ${path}`)(`${size} bytes exceeds the ${maxBytes}-byte limit.`);
  return decodeIsoMlp(readFileSync(path));
}
