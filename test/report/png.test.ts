import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { encodePng } from '../../src/report/png/encode.js';
import { decodePng } from '../../src/report/png/decode.js';
import { renderPng } from '../../src/report/raster.js';
import { DataFormatError, ShapeError } from '../../src/errors.js';
import { pixel, rng } from './fixtures.js';

test('encodePng → decodePng round-trips RGBA pixels exactly', () => {
  const r = rng(3);
  const w = 7;
  const h = 5;
  const px = Uint8Array.from({ length: w * h * 4 }, () => Math.floor(r() * 256));
  const img = decodePng(encodePng(px, w, h));
  assert.equal(img.width, w);
  assert.equal(img.height, h);
  assert.deepEqual(img.data, px);
});

test('decodePng reads resvg output (filtered rows) at the stated size', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><rect x="0" y="0" width="15" height="20" fill="#ff0000"/></svg>';
  const img = decodePng(renderPng(svg, 2));
  assert.equal(img.width, 60);
  assert.equal(img.height, 40);
  assert.deepEqual(pixel(img, 5, 5), [255, 0, 0, 255]);
  assert.deepEqual(pixel(img, 50, 30), [255, 255, 255, 255]);
});

test('decodePng undoes every filter type (sub, up, average, paeth)', () => {
  // 3×4 grey image, one filter per row, built by hand.
  const raw = Buffer.from([1, 10, 5, 5, /* sub */ 4, 1, 2, 3, /* paeth */ 2, 1, 1, 1, /* up */ 3, 0, 0, 0 /* average */]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(3, 0);
  ihdr.writeUInt32BE(4, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  const chunk = (type: string, data: Buffer) => {
    const b = Buffer.alloc(12 + data.length);
    b.writeUInt32BE(data.length, 0);
    b.write(type, 4, 'latin1');
    data.copy(b, 8);
    return b; // CRC is not checked by the decoder
  };
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  const img = decodePng(png);
  // Row 0 (sub): 10, 15, 20. Row 1 (paeth): up-left predictions → 11, 17, 23.
  assert.deepEqual([0, 1, 2].map((x) => pixel(img, x, 0)[0]), [10, 15, 20]);
  assert.deepEqual([0, 1, 2].map((x) => pixel(img, x, 1)[0]), [11, 17, 23]);
  // Row 2 (up): 12, 18, 24. Row 3 (average of left and up, halved): 6, 12, 18.
  assert.deepEqual([0, 1, 2].map((x) => pixel(img, x, 2)[0]), [12, 18, 24]);
  assert.deepEqual([0, 1, 2].map((x) => pixel(img, x, 3)[0]), [6, 12, 18]);
});

test('encodePng and decodePng reject bad input with named errors', () => {
  assert.throws(() => encodePng(new Uint8Array(3), 1, 1), ShapeError);
  assert.throws(() => encodePng(new Uint8Array(0), 0, 1), ShapeError);
  assert.throws(() => decodePng(Uint8Array.of(1, 2, 3)), DataFormatError);
});
