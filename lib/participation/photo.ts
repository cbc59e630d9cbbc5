import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { sha256Hex } from '@/lib/domain/sha256';

/*
 * Citizens' photos are untrusted bytes. The type is told by content only, the declared size is
 * bounded from the header before anything is decoded, and what is kept is a fresh encoding of the
 * decoded pixels: no segment or chunk of the original (EXIF with GPS, XMP, ICC, comments, PNG text)
 * can survive, because none of it is copied.
 */

/** Largest upload accepted, in bytes. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
/** Largest image accepted, in pixels (width × height): 24 megapixels. */
export const MAX_PHOTO_PIXELS = 24_000_000;
/** Quality of the re-encoded JPEG (jpeg-js scale, 1-100). */
export const PHOTO_JPEG_QUALITY = 85;
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png'] as const;

export type PhotoMimeType = (typeof PHOTO_MIME_TYPES)[number];
export type PhotoRefusal = 'not_an_image' | 'too_large' | 'too_many_pixels' | 'corrupt';
export type SanitisedPhoto = {
  ok: true;
  bytes: Uint8Array;
  mimeType: PhotoMimeType;
  width: number;
  height: number;
  sha256: string;
};
export type PhotoResult = SanitisedPhoto | { ok: false; reason: PhotoRefusal };

type Header = { width: number; height: number; orientation: number };
type Pixels = { width: number; height: number; data: Uint8Array };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (b: Uint8Array, sig: number[]) => b.length >= sig.length && sig.every((v, i) => b[i] === v);
const u16 = (b: Uint8Array, at: number) => ((b[at] as number) << 8) | (b[at + 1] as number);
const u32 = (b: Uint8Array, at: number) => u16(b, at) * 0x10000 + u16(b, at + 2);

class Corrupt extends Error {}

export function sanitisePhoto(input: Uint8Array, limits: { maxBytes?: number; maxPixels?: number } = {}): PhotoResult {
  const maxBytes = limits.maxBytes ?? MAX_PHOTO_BYTES;
  const maxPixels = limits.maxPixels ?? MAX_PHOTO_PIXELS;
  if (input.length > maxBytes) return { ok: false, reason: 'too_large' };
  const mimeType: PhotoMimeType | null = startsWith(input, [0xff, 0xd8, 0xff])
    ? 'image/jpeg'
    : startsWith(input, PNG_SIGNATURE)
      ? 'image/png'
      : null;
  if (!mimeType) return { ok: false, reason: 'not_an_image' };
  try {
    const header = mimeType === 'image/jpeg' ? jpegHeader(input) : pngHeader(input);
    if (header.width * header.height > maxPixels) return { ok: false, reason: 'too_many_pixels' };
    const pixels = mimeType === 'image/jpeg' ? orient(decodeJpeg(input, maxPixels), header.orientation) : decodePng(input);
    if (pixels.width !== (header.orientation >= 5 ? header.height : header.width)) throw new Corrupt();
    const bytes = mimeType === 'image/jpeg' ? encodeJpeg(pixels) : encodePng(pixels);
    return { ok: true, bytes, mimeType, width: pixels.width, height: pixels.height, sha256: sha256Hex(bytes) };
  } catch {
    // Every decoder failure (truncation, bad Huffman data, CRC mismatch, unsupported coding) is the
    // same answer to the citizen: the file is not a usable picture.
    return { ok: false, reason: 'corrupt' };
  }
}

/** Start-of-frame markers (SOF0-SOF15 without DHT, JPG and DAC) carry the frame's size. */
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** Walks the segments up to the frame header; reads the EXIF orientation on the way. */
function jpegHeader(b: Uint8Array): Header {
  let pos = 2;
  let orientation = 1;
  for (;;) {
    if (pos >= b.length || b[pos] !== 0xff) throw new Corrupt();
    while (b[pos] === 0xff) pos++;
    const marker = b[pos++] as number;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    // The scan (or the end) before any frame header: no size to check, not a picture.
    if (marker === 0xda || marker === 0xd9 || pos + 2 > b.length) throw new Corrupt();
    const length = u16(b, pos);
    if (length < 2 || pos + length > b.length) throw new Corrupt();
    if (marker === 0xe1) orientation = exifOrientation(b.subarray(pos + 2, pos + length)) ?? orientation;
    if (isStartOfFrame(marker)) {
      if (length < 8) throw new Corrupt();
      const height = u16(b, pos + 3);
      const width = u16(b, pos + 5);
      if (width === 0 || height === 0) throw new Corrupt();
      return { width, height, orientation };
    }
    pos += length;
  }
}

/** The orientation tag (0x0112) of IFD0 in an APP1 "Exif" segment, if it is there and sane. */
function exifOrientation(app1: Uint8Array): number | null {
  const exif = [0x45, 0x78, 0x69, 0x66, 0, 0];
  if (!startsWith(app1, exif) || app1.length < 14) return null;
  const tiff = app1.subarray(6);
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return null;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > tiff.length) return null;
    if (view.getUint16(at, little) === 0x0112) {
      const value = view.getUint16(at + 8, little);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

function pngHeader(b: Uint8Array): Header {
  // The first chunk must be IHDR (13 bytes of data): length, type, then width and height.
  if (b.length < 33 || u32(b, 8) !== 13 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') throw new Corrupt();
  const width = u32(b, 16);
  const height = u32(b, 20);
  if (width === 0 || height === 0) throw new Corrupt();
  return { width, height, orientation: 1 };
}

function decodeJpeg(b: Uint8Array, maxPixels: number): Pixels {
  const image = jpeg.decode(b, {
    useTArray: true,
    formatAsRGBA: true,
    tolerantDecoding: false,
    maxResolutionInMP: maxPixels / 1_000_000,
    // RGBA output plus the decoder's component planes and blocks, with room to spare.
    maxMemoryUsageInMB: Math.max(64, Math.ceil((maxPixels * 16) / (1024 * 1024))),
  });
  return { width: image.width, height: image.height, data: image.data };
}

function decodePng(b: Uint8Array): Pixels {
  const png = PNG.sync.read(Buffer.from(b.buffer, b.byteOffset, b.byteLength), { checkCRC: true });
  return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}

function encodeJpeg(p: Pixels): Uint8Array {
  return new Uint8Array(jpeg.encode({ width: p.width, height: p.height, data: p.data }, PHOTO_JPEG_QUALITY).data);
}

function encodePng(p: Pixels): Uint8Array {
  const png = new PNG({ width: p.width, height: p.height });
  png.data = Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength);
  let opaque = true;
  for (let i = 3; i < p.data.length && opaque; i += 4) opaque = p.data[i] === 255;
  return new Uint8Array(PNG.sync.write(png, { colorType: opaque ? 2 : 6 }));
}

/**
 * Turns the stored pixels upright as the EXIF orientation says, since the tag itself is dropped
 * with the rest of the metadata. Orientations 5-8 swap width and height.
 */
function orient(p: Pixels, orientation: number): Pixels {
  if (orientation === 1) return p;
  const { width: w, height: h, data } = p;
  const swap = orientation >= 5;
  const ow = swap ? h : w;
  const oh = swap ? w : h;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const [sx, sy] = sourceOf(orientation, x, y, w, h);
      const from = (sy * w + sx) * 4;
      out.set(data.subarray(from, from + 4), (y * ow + x) * 4);
    }
  }
  return { width: ow, height: oh, data: out };
}

function sourceOf(orientation: number, x: number, y: number, w: number, h: number): [number, number] {
  switch (orientation) {
    case 2:
      return [w - 1 - x, y];
    case 3:
      return [w - 1 - x, h - 1 - y];
    case 4:
      return [x, h - 1 - y];
    case 5:
      return [y, x];
    case 6:
      return [y, h - 1 - x];
    case 7:
      return [w - 1 - y, h - 1 - x];
    case 8:
      return [w - 1 - y, x];
    default:
      return [x, y];
  }
}
