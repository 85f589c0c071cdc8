import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeModel } from '../../src/format/encode.js';
import { decodeModel } from '../../src/format/decode.js';
import { HEADER_BYTES, MAX_ITERATIONS } from '../../src/format/layout.js';
import { ModelFormatError } from '../../src/errors.js';
import { sampleModels } from './models.js';
import { assemble, fixCrc, split } from './mutate.js';

const [replay, layered] = sampleModels().map(encodeModel);

/** A file whose manifest is exactly these msgpack bytes. */
function rawManifest(msgpack: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil((HEADER_BYTES + msgpack.length) / 8) * 8);
  out.set(new TextEncoder().encode('URNMODEL'));
  const dv = new DataView(out.buffer);
  dv.setUint32(8, 1, true);
  dv.setUint32(12, msgpack.length, true);
  out.set(msgpack, HEADER_BYTES);
  return fixCrc(out);
}

const rejects = (bytes: unknown, message?: RegExp) =>
  assert.throws(() => decodeModel(bytes as Uint8Array), message ? { name: 'ModelFormatError', message } : ModelFormatError);

test('deeply nested msgpack (stack overflow bait) is a ModelFormatError', () => {
  const deep = new Uint8Array(1_000_001).fill(0x91);
  deep[deep.length - 1] = 0xc0;
  rejects(rawManifest(deep));
});

test('huge declared lengths and unknown extensions are ModelFormatErrors', () => {
  rejects(rawManifest(Uint8Array.of(0xdb, 0xff, 0xff, 0xff, 0xff, 0x61)));
  rejects(rawManifest(Uint8Array.of(0xdd, 0xff, 0xff, 0xff, 0xff)));
  rejects(rawManifest(Uint8Array.of(0xdf, 0xff, 0xff, 0xff, 0xff)));
  rejects(rawManifest(Uint8Array.of(0xd6, 0xff, 0, 0, 0, 1)), /plain map|must be a map/); // a Date
  rejects(rawManifest(Uint8Array.of(0xd4, 0x42, 0)));
  rejects(rawManifest(Uint8Array.of()));
});

test('__proto__ keys do not pollute and are refused', () => {
  // {"__proto__": {"polluted": 1}}
  const key = new TextEncoder().encode('__proto__');
  const inner = new TextEncoder().encode('polluted');
  const bytes = Uint8Array.of(0x81, 0xa0 | key.length, ...key, 0x81, 0xa0 | inner.length, ...inner, 1);
  rejects(rawManifest(bytes));
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('not bytes, empty, or wrong header bytes', () => {
  rejects(new ArrayBuffer(64));
  rejects('URNMODEL');
  rejects(new Uint8Array(0), /shorter than/);
  const reserved = replay.slice();
  reserved[21] = 1;
  rejects(fixCrc(reserved), /reserved/);
  const corrupt = replay.slice();
  corrupt[corrupt.length - 1] ^= 0x10;
  rejects(corrupt, /checksum/);
  const longManifest = replay.slice();
  new DataView(longManifest.buffer).setUint32(12, 0xffffffff, true);
  rejects(fixCrc(longManifest), /limit/);
});

test('huge array shapes are refused before any allocation', () => {
  const { manifest, data } = split(replay);
  (manifest.arrays as { shape: number[] }[])[0].shape = [2 ** 31];
  rejects(assemble(manifest, data), /shape/);
});

test('iteration and neuron counts are capped', () => {
  const { manifest, data } = split(replay);
  (manifest.config as { I: number }).I = MAX_ITERATIONS + 1;
  rejects(assemble(manifest, data), /config\.I/);
});

test('a topology report nested too deep is refused', () => {
  const { manifest, data } = split(layered);
  let t: unknown = 1;
  for (let k = 0; k < 100; k++) t = [t];
  manifest.topology = t;
  rejects(assemble(manifest, data), /nested deeper/);
});

test('layered outputs must read their own neuron', () => {
  const m = sampleModels()[1];
  if (m.form !== 'layered') throw new Error('expected layered');
  const bytes = encodeModel(m);
  const { manifest, data } = split(bytes);
  const model = manifest.model as { outLayer: number; outUnit: number };
  [model.outLayer, model.outUnit] = [model.outUnit, model.outLayer];
  rejects(assemble(manifest, data));
});

test('the manifest version must match the header', () => {
  const { manifest, data } = split(replay);
  manifest.formatVersion = 2;
  rejects(assemble(manifest, data), /version/);
});

test('the cells of a compacted grid must be one ascending grid cell per neuron, inputs first and outputs last', () => {
  const compacted = encodeModel(sampleModels()[3]);
  const cases: [(cells: number[]) => unknown, RegExp][] = [
    [(c) => c.slice(1), /one cell per neuron/],
    [(c) => [...c.slice(0, 7), c[6], ...c.slice(8)], /strictly ascending/],
    [(c) => [...c.slice(0, 11), 18], /not a cell of the grid/],
    [(c) => [...c.slice(0, 11), 16.5], /not a cell of the grid/],
    [(c) => [...c.slice(0, 10), 14, 16], /output cells 17\.\.17/],
    [(c) => [1, ...c.slice(1)], /strictly ascending|input cells/],
    [() => 'all', /must be an array/],
  ];
  for (const [edit, message] of cases) {
    const { manifest, data } = split(compacted);
    const geometry = (manifest.config as { geometry: { cells: unknown } }).geometry;
    geometry.cells = edit(geometry.cells as number[]);
    rejects(assemble(manifest, data), message);
  }
});
