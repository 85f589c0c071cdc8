import { crc32, deflateSync } from 'node:zlib';
import { ShapeError, prefix } from '../../errors.js';

const where = prefix('encodePng');

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * Encode 8-bit RGBA pixels (row-major, 4 bytes a pixel) as a PNG, with `node:zlib` only.
 *
 * ```ts
 * const png = encodePng(new Uint8Array(2 * 1 * 4).fill(255), 2, 1); // a 2×1 white image
 * ```
 */
export function encodePng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new ShapeError(where(`width and height must be positive integers, got ${width}×${height}.`));
  }
  if (rgba.length !== width * height * 4) {
    throw new ShapeError(where(`expected ${width * height * 4} bytes for ${width}×${height} RGBA, got ${rgba.length}.`));
  }
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}
