/**
 * A small PNG encoder and decoder, Node only (zlib), no native dependencies.
 *
 * - `encodePng` writes 8-bit RGBA (colour type 6), non-interlaced, with a per-row adaptive filter.
 * - `readPngHeader` reads the IHDR chunk (size, bit depth, colour type) without decoding pixels.
 * - `decodePng` decodes non-interlaced PNGs of every colour type (grey, RGB, palette, grey+alpha,
 *   RGBA) at any legal bit depth into 8-bit RGBA, so the packaging script can check what an icon
 *   really contains. Chunk CRCs are verified.
 *
 * Format reference: PNG specification (W3C, ISO/IEC 15948), chunks IHDR/PLTE/tRNS/IDAT/IEND.
 */
import { deflateSync, inflateSync } from 'zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface RgbaImage {
  width: number;
  height: number;
  /** width * height * 4 bytes, RGBA, not premultiplied, rows top to bottom. */
  data: Uint8Array;
}

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  colorType: number;
  interlace: number;
}

export class PngError extends Error {}

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as used by PNG chunks (ISO 3309 / ITU-T V.42). */
export function crc32(...parts: Uint8Array[]): number {
  let c = 0xffffffff;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) c = CRC_TABLE[(c ^ part[i]!) & 0xff]! ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeBytes = Buffer.from(type, 'latin1');
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typeBytes.copy(out, 4);
  Buffer.from(data.buffer, data.byteOffset, data.length).copy(out, 8);
  out.writeUInt32BE(crc32(typeBytes, data), 8 + data.length);
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  if (pb <= pc) return b;
  return c;
}

/** Encode an RGBA image as an 8-bit RGBA PNG. */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new PngError(`invalid image size ${width}x${height}`);
  }
  if (data.length !== width * height * 4) {
    throw new PngError(`pixel buffer has ${data.length} bytes, expected ${width * height * 4}`);
  }
  const bpp = 4;
  const stride = width * bpp;
  const raw = Buffer.alloc((stride + 1) * height);
  const candidate = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const prev = y > 0 ? row - stride : -1;
    // Pick the filter with the smallest sum of absolute values (the usual heuristic).
    let bestFilter = 0;
    let bestScore = Infinity;
    let best = Buffer.alloc(stride);
    for (let filter = 0; filter <= 4; filter++) {
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const x = data[row + i]!;
        const a = i >= bpp ? data[row + i - bpp]! : 0;
        const b = prev >= 0 ? data[prev + i]! : 0;
        const c = prev >= 0 && i >= bpp ? data[prev + i - bpp]! : 0;
        let v: number;
        switch (filter) {
          case 0:
            v = x;
            break;
          case 1:
            v = x - a;
            break;
          case 2:
            v = x - b;
            break;
          case 3:
            v = x - ((a + b) >> 1);
            break;
          default:
            v = x - paeth(a, b, c);
            break;
        }
        v &= 0xff;
        candidate[i] = v;
        score += v < 128 ? v : 256 - v;
      }
      if (score < bestScore) {
        bestScore = score;
        bestFilter = filter;
        best = Buffer.from(candidate);
      }
    }
    raw[y * (stride + 1)] = bestFilter;
    best.copy(raw, y * (stride + 1) + 1);
  }

  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

interface RawChunk {
  type: string;
  data: Buffer;
}

function readChunks(png: Buffer): RawChunk[] {
  if (png.length < PNG_SIGNATURE.length || !png.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new PngError('not a PNG file (bad signature)');
  }
  const chunks: RawChunk[] = [];
  let pos = 8;
  while (pos < png.length) {
    if (pos + 12 > png.length) throw new PngError('truncated chunk');
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + length > png.length) throw new PngError(`truncated ${type} chunk`);
    const data = png.subarray(pos + 8, pos + 8 + length);
    const crc = png.readUInt32BE(pos + 8 + length);
    if (crc !== crc32(png.subarray(pos + 4, pos + 8), data)) throw new PngError(`bad CRC in ${type} chunk`);
    chunks.push({ type, data });
    pos += 12 + length;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') throw new PngError('first chunk is not IHDR');
  if (!chunks.some((c) => c.type === 'IEND')) throw new PngError('missing IEND chunk');
  return chunks;
}

const VALID_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function parseHeader(ihdr: Buffer): PngHeader {
  if (ihdr.length !== 13) throw new PngError('IHDR chunk has the wrong length');
  const header: PngHeader = {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr[8]!,
    colorType: ihdr[9]!,
    interlace: ihdr[12]!,
  };
  if (header.width === 0 || header.height === 0) throw new PngError('image has zero width or height');
  const depths = VALID_DEPTHS[header.colorType];
  if (!depths) throw new PngError(`invalid colour type ${header.colorType}`);
  if (!depths.includes(header.bitDepth)) {
    throw new PngError(`invalid bit depth ${header.bitDepth} for colour type ${header.colorType}`);
  }
  return header;
}

/** The IHDR fields: real pixel size, bit depth, colour type. Checks signature and CRCs. */
export function readPngHeader(png: Buffer): PngHeader {
  return parseHeader(readChunks(png)[0]!.data);
}

/** Decode any non-interlaced PNG into 8-bit RGBA. */
export function decodePng(png: Buffer): RgbaImage & { header: PngHeader } {
  const chunks = readChunks(png);
  const header = parseHeader(chunks[0]!.data);
  if (header.interlace !== 0) throw new PngError('interlaced PNGs are not supported by this checker');
  const { width, height, bitDepth, colorType } = header;
  const channels = CHANNELS[colorType]!;
  const bitsPerPixel = channels * bitDepth;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const stride = Math.ceil((width * bitsPerPixel) / 8);

  const plte = chunks.find((c) => c.type === 'PLTE')?.data;
  const trns = chunks.find((c) => c.type === 'tRNS')?.data;
  if (colorType === 3 && !plte) throw new PngError('palette image without PLTE chunk');

  const idat = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  if (idat.length === 0) throw new PngError('no IDAT chunk');
  let raw: Buffer;
  try {
    raw = inflateSync(idat);
  } catch (e) {
    throw new PngError(`image data does not inflate: ${(e as Error).message}`);
  }
  if (raw.length < (stride + 1) * height) throw new PngError('image data is shorter than the image');

  // Undo the per-row filters.
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let i = 0; i < stride; i++) {
      const x = raw[src + i]!;
      const a = i >= bpp ? pixels[dst + i - bpp]! : 0;
      const b = y > 0 ? pixels[dst - stride + i]! : 0;
      const c = y > 0 && i >= bpp ? pixels[dst - stride + i - bpp]! : 0;
      let v: number;
      switch (filter) {
        case 0:
          v = x;
          break;
        case 1:
          v = x + a;
          break;
        case 2:
          v = x + b;
          break;
        case 3:
          v = x + ((a + b) >> 1);
          break;
        case 4:
          v = x + paeth(a, b, c);
          break;
        default:
          throw new PngError(`invalid filter type ${filter} in row ${y}`);
      }
      pixels[dst + i] = v & 0xff;
    }
  }

  // Read one sample (channel value) at full precision.
  const maxSample = (1 << bitDepth) - 1;
  const sample = (y: number, index: number): number => {
    const row = y * stride;
    if (bitDepth === 8) return pixels[row + index]!;
    if (bitDepth === 16) return pixels.readUInt16BE(row + index * 2);
    const bitPos = index * bitDepth;
    const byte = pixels[row + (bitPos >> 3)]!;
    return (byte >> (8 - bitDepth - (bitPos & 7))) & maxSample;
  };
  const to8 = (v: number): number => (bitDepth === 8 ? v : Math.round((v * 255) / maxSample));

  // tRNS for grey / RGB: one colour (at full precision) that is fully transparent.
  let transparentKey: number[] | undefined;
  if (trns && colorType === 0 && trns.length >= 2) transparentKey = [trns.readUInt16BE(0)];
  if (trns && colorType === 2 && trns.length >= 6) {
    transparentKey = [trns.readUInt16BE(0), trns.readUInt16BE(2), trns.readUInt16BE(4)];
  }

  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const s = x * channels;
      let r: number, g: number, b: number, a: number;
      switch (colorType) {
        case 0: {
          const v = sample(y, s);
          r = g = b = to8(v);
          a = transparentKey && v === transparentKey[0] ? 0 : 255;
          break;
        }
        case 2: {
          const vr = sample(y, s),
            vg = sample(y, s + 1),
            vb = sample(y, s + 2);
          r = to8(vr);
          g = to8(vg);
          b = to8(vb);
          a = transparentKey && vr === transparentKey[0] && vg === transparentKey[1] && vb === transparentKey[2] ? 0 : 255;
          break;
        }
        case 3: {
          const idx = sample(y, s);
          if ((idx + 1) * 3 > plte!.length) throw new PngError(`palette index ${idx} out of range`);
          r = plte![idx * 3]!;
          g = plte![idx * 3 + 1]!;
          b = plte![idx * 3 + 2]!;
          a = trns && idx < trns.length ? trns[idx]! : 255;
          break;
        }
        case 4: {
          r = g = b = to8(sample(y, s));
          a = to8(sample(y, s + 1));
          break;
        }
        default: {
          r = to8(sample(y, s));
          g = to8(sample(y, s + 1));
          b = to8(sample(y, s + 2));
          a = to8(sample(y, s + 3));
          break;
        }
      }
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
      out[o + 3] = a;
    }
  }
  return { width, height, data: out, header };
}
