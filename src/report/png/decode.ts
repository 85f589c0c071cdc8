import { inflateSync } from 'node:zlib';
import { DataFormatError, prefix } from '../../errors.js';

const where = prefix('decodePng');

/** A decoded image: 8-bit RGBA, row-major. */
export interface RgbaImage {
  width: number;
  height: number;
  /** 4 bytes a pixel: `data[4 * (y * width + x) + c]`. */
  data: Uint8Array;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decode a non-interlaced 8-bit PNG (grey, grey+alpha, RGB or RGBA) to RGBA, with `node:zlib`.
 * Enough for the PNGs this engine writes and the ones resvg renders; throws `DataFormatError`
 * on anything else.
 *
 * ```ts
 * const { width, height, data } = decodePng(readFileSync('figures/weights.png'));
 * ```
 */
export function decodePng(bytes: Uint8Array): RgbaImage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8 || buf.readUInt32BE(0) !== 0x89504e47 || buf.readUInt32BE(4) !== 0x0d0a1a0a) {
    throw new DataFormatError(where('not a PNG (signature missing).'));
  }
  let pos = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Buffer[] = [];
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (data.length !== len) throw new DataFormatError(where(`chunk ${type} is truncated.`));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9];
      if (data[8] !== 8 || !(colourType in CHANNELS) || data[12] !== 0) {
        throw new DataFormatError(where(`unsupported PNG (bit depth ${data[8]}, colour type ${colourType}, interlace ${data[12]}).`));
      }
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  if (!width || !height || !idat.length) throw new DataFormatError(where('IHDR or IDAT missing.'));
  const ch = CHANNELS[colourType];
  const stride = width * ch;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length < (stride + 1) * height) throw new DataFormatError(where('image data is shorter than the header says.'));
  const px = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= ch ? px[row + x - ch] : 0;
      const b = y > 0 ? px[row - stride + x] : 0;
      const c = x >= ch && y > 0 ? px[row - stride + x - ch] : 0;
      const v = raw[src + x];
      const pred = f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : f === 4 ? paeth(a, b, c) : -1;
      if (pred < 0) throw new DataFormatError(where(`unknown filter ${f} on row ${y}.`));
      px[row + x] = (v + pred) & 0xff;
    }
  }
  const out = new Uint8Array(width * height * 4);
  for (let k = 0; k < width * height; k++) {
    const s = k * ch;
    const [r, g, bl, al] =
      ch === 1 ? [px[s], px[s], px[s], 255] : ch === 2 ? [px[s], px[s], px[s], px[s + 1]] : ch === 3 ? [px[s], px[s + 1], px[s + 2], 255] : [px[s], px[s + 1], px[s + 2], px[s + 3]];
    out[4 * k] = r;
    out[4 * k + 1] = g;
    out[4 * k + 2] = bl;
    out[4 * k + 3] = al;
  }
  return { width, height, data: out };
}
