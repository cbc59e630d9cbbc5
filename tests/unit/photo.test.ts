import { crc32 } from 'node:zlib';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '@/lib/domain/sha256';
import { MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, sanitisePhoto, type SanitisedPhoto } from '@/lib/participation/photo';

const EXIF_MARKER = 'EXIF-MARKER-c41d9e';
const GPS_MARKER = 'GPS-AREA-MARKER-7b02f1';
const XMP_MARKER = 'XMP-MARKER-55aa10';
const ICC_MARKER = 'ICC-MARKER-0f9e3c';
const COMMENT_MARKER = 'COMMENT-MARKER-93be27';
const PNG_TEXT_MARKER = 'PNG-TEXT-MARKER-1e8d44';
const PNG_ITXT_MARKER = 'PNG-ITXT-MARKER-a6c302';

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

/** A picture with structure (gradients), so that a blank or shifted re-encoding shows. */
function rgba(width: number, height: number, pixel?: (x: number, y: number) => [number, number, number]): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel ? pixel(x, y) : [(x * 255) / width, (y * 255) / height, 128];
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return data;
}

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

const be16 = (n: number) => [n >> 8, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const entry = (tag: number, type: number, count: number, value: number[]) => [...be16(tag), ...be16(type), ...be32(count), ...value];

/**
 * A big-endian TIFF structure as a camera writes it: IFD0 with the orientation, a description
 * holding a marker and a pointer to a GPS IFD (latitude N 37°51'…, an area name holding another).
 */
function exifPayload(orientation: number): number[] {
  const description = [...ascii(EXIF_MARKER), 0];
  const area = [...ascii(GPS_MARKER), 0];
  const ifd0At = 8;
  const ifd0Size = 2 + 3 * 12 + 4;
  const descriptionAt = ifd0At + ifd0Size;
  const gpsAt = descriptionAt + description.length;
  const gpsSize = 2 + 3 * 12 + 4;
  const latitudeAt = gpsAt + gpsSize;
  const areaAt = latitudeAt + 24;
  const tiff = [
    ...ascii('MM'), ...be16(42), ...be32(ifd0At),
    ...be16(3),
    ...entry(0x010e, 2, description.length, be32(descriptionAt)),
    ...entry(0x0112, 3, 1, [...be16(orientation), 0, 0]),
    ...entry(0x8825, 4, 1, be32(gpsAt)),
    ...be32(0),
    ...description,
    ...be16(3),
    ...entry(0x0001, 2, 2, [...ascii('N'), 0, 0, 0]),
    ...entry(0x0002, 5, 3, be32(latitudeAt)),
    ...entry(0x001c, 7, area.length, be32(areaAt)),
    ...be32(0),
    ...be32(37), ...be32(1), ...be32(51), ...be32(1), ...be32(1234), ...be32(100),
    ...area,
  ];
  return [...ascii('Exif'), 0, 0, ...tiff];
}

/** A JPEG from jpeg-js with EXIF (GPS), XMP, ICC and a comment spliced in after SOI. */
function jpegWithMetadata(width: number, height: number, orientation = 1, pixels = rgba(width, height)): Uint8Array {
  const plain = new Uint8Array(jpeg.encode({ width, height, data: pixels }, 95).data);
  const xmp = [...ascii('http://ns.adobe.com/xap/1.0/'), 0, ...ascii(`<x:xmpmeta><rdf:Description>${XMP_MARKER}</rdf:Description></x:xmpmeta>`)];
  const icc = [...ascii('ICC_PROFILE'), 0, 1, 1, ...ascii(ICC_MARKER)];
  const inserted = [
    ...segment(0xe1, exifPayload(orientation)),
    ...segment(0xe1, xmp),
    ...segment(0xe2, icc),
    ...segment(0xfe, ascii(COMMENT_MARKER)),
  ];
  return Uint8Array.from([...plain.subarray(0, 2), ...inserted, ...plain.subarray(2)]);
}

function pngChunk(type: string, data: number[]): number[] {
  const body = Uint8Array.from([...ascii(type), ...data]);
  return [...be32(data.length), ...body, ...be32(crc32(body))];
}

/** A PNG from pngjs with tEXt, iTXt and a (made-up) eXIf chunk inserted after IHDR. */
function pngWithText(width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba(width, height));
  const plain = new Uint8Array(PNG.sync.write(png));
  const afterIhdr = 8 + 12 + 13;
  const chunks = [
    ...pngChunk('tEXt', [...ascii('Comment'), 0, ...ascii(PNG_TEXT_MARKER)]),
    ...pngChunk('iTXt', [...ascii('Description'), 0, 0, 0, 0, 0, ...ascii(PNG_ITXT_MARKER)]),
    ...pngChunk('eXIf', exifPayload(1).slice(6)),
  ];
  return Uint8Array.from([...plain.subarray(0, afterIhdr), ...chunks, ...plain.subarray(afterIhdr)]);
}

/** The markers of the segments of a JPEG, up to its scan. */
function jpegMarkers(b: Uint8Array): number[] {
  const markers: number[] = [];
  let pos = 2;
  while (pos + 4 <= b.length && b[pos] === 0xff) {
    const marker = b[pos + 1] as number;
    markers.push(marker);
    if (marker === 0xda) break;
    pos += 2 + (((b[pos + 2] as number) << 8) | (b[pos + 3] as number));
  }
  return markers;
}

function pngChunkTypes(b: Uint8Array): string[] {
  const types: string[] = [];
  for (let pos = 8; pos + 8 <= b.length; ) {
    const length = Buffer.from(b).readUInt32BE(pos);
    types.push(latin1(b.subarray(pos + 4, pos + 8)));
    pos += 12 + length;
  }
  return types;
}

function meanDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) if (i % 4 !== 3) sum += Math.abs((a[i] as number) - (b[i] as number));
  return sum / ((a.length * 3) / 4);
}

function expectOk(result: ReturnType<typeof sanitisePhoto>): SanitisedPhoto {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result;
}

describe('sanitisePhoto', () => {
  it('re-encodes a JPEG so that no EXIF, GPS, XMP, ICC or comment survives, keeping the picture', () => {
    const pixels = rgba(64, 48);
    const input = jpegWithMetadata(64, 48, 1, pixels);
    // The fixture really carries what must go.
    for (const marker of [EXIF_MARKER, GPS_MARKER, XMP_MARKER, ICC_MARKER, COMMENT_MARKER]) expect(latin1(input)).toContain(marker);
    expect(jpegMarkers(input)).toEqual(expect.arrayContaining([0xe1, 0xe2, 0xfe]));

    const out = expectOk(sanitisePhoto(input));
    expect(out.mimeType).toBe('image/jpeg');
    expect([out.width, out.height]).toEqual([64, 48]);
    const text = latin1(out.bytes);
    for (const marker of [EXIF_MARKER, GPS_MARKER, XMP_MARKER, ICC_MARKER, COMMENT_MARKER]) expect(text).not.toContain(marker);
    expect(text).not.toContain('Exif');
    expect(text).not.toContain('ICC_PROFILE');
    const markers = jpegMarkers(out.bytes);
    expect(markers).not.toContain(0xe1);
    expect(markers).not.toContain(0xe2);
    expect(markers).not.toContain(0xfe);

    const decoded = jpeg.decode(out.bytes, { useTArray: true, formatAsRGBA: true });
    expect([decoded.width, decoded.height]).toEqual([64, 48]);
    expect(meanDifference(decoded.data, pixels)).toBeLessThan(6);
    expect(out.sha256).toBe(sha256Hex(out.bytes));
  });

  it('turns the picture upright as the EXIF orientation says before dropping the tag', () => {
    // Top half red, bottom half blue; orientation 6 means "rotate 90° clockwise to display".
    const input = jpegWithMetadata(64, 48, 6, rgba(64, 48, (_x, y) => (y < 24 ? [220, 20, 20] : [20, 20, 220])));
    const out = expectOk(sanitisePhoto(input));
    expect([out.width, out.height]).toEqual([48, 64]);
    const decoded = jpeg.decode(out.bytes, { useTArray: true, formatAsRGBA: true });
    const at = (x: number, y: number) => Array.from(decoded.data.subarray((y * 48 + x) * 4, (y * 48 + x) * 4 + 3));
    // The bottom rows become the left columns.
    expect(at(5, 32)[2]).toBeGreaterThan(150);
    expect(at(42, 32)[0]).toBeGreaterThan(150);
  });

  it('re-encodes a PNG without its text chunks or EXIF', () => {
    const input = pngWithText(40, 30);
    expect(latin1(input)).toContain(PNG_TEXT_MARKER);
    expect(latin1(input)).toContain(PNG_ITXT_MARKER);

    const out = expectOk(sanitisePhoto(input));
    expect(out.mimeType).toBe('image/png');
    expect([out.width, out.height]).toEqual([40, 30]);
    const text = latin1(out.bytes);
    for (const marker of [PNG_TEXT_MARKER, PNG_ITXT_MARKER, EXIF_MARKER, GPS_MARKER]) expect(text).not.toContain(marker);
    expect(pngChunkTypes(out.bytes).filter((t) => t !== 'IDAT')).toEqual(['IHDR', 'IEND']);

    const decoded = PNG.sync.read(Buffer.from(out.bytes));
    expect([decoded.width, decoded.height]).toEqual([40, 30]);
    expect(meanDifference(new Uint8Array(decoded.data), rgba(40, 30))).toBe(0);
  });

  it('keeps transparency in a PNG that has it', () => {
    const png = new PNG({ width: 4, height: 4 });
    png.data = Buffer.from(rgba(4, 4));
    png.data[3] = 0;
    const out = expectOk(sanitisePhoto(new Uint8Array(PNG.sync.write(png))));
    expect(PNG.sync.read(Buffer.from(out.bytes)).data[3]).toBe(0);
  });

  it('refuses what is not a JPEG or PNG by its content, whatever it claims to be', () => {
    const notImages = [
      'just some text',
      '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF',
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      // What a file called photo.jpg may hold: only the content counts.
      '<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>',
      'GIF89a\x01\x00\x01\x00\x00\x00\x00;',
      '',
    ];
    for (const text of notImages) expect(sanitisePhoto(new TextEncoder().encode(text)), text).toEqual({ ok: false, reason: 'not_an_image' });
  });

  it('refuses a truncated or damaged image as corrupt', () => {
    const good = new Uint8Array(jpeg.encode({ width: 64, height: 48, data: rgba(64, 48) }, 90).data);
    for (const cut of [good.length - 2, Math.floor(good.length / 2), 200, 40, 4]) {
      expect(sanitisePhoto(good.subarray(0, cut)), `cut at ${cut}`).toEqual({ ok: false, reason: 'corrupt' });
    }
    const png = pngWithText(20, 20);
    expect(sanitisePhoto(png.subarray(0, png.length - 30))).toEqual({ ok: false, reason: 'corrupt' });
    const flipped = Uint8Array.from(png);
    flipped[png.length - 20] = (flipped[png.length - 20] as number) ^ 0xff;
    expect(sanitisePhoto(flipped)).toEqual({ ok: false, reason: 'corrupt' });
  });

  it('refuses a tiny file declaring a huge picture from its header, before decoding', () => {
    const sof0 = segment(0xc0, [8, ...be16(60000), ...be16(60000), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    const hugeJpeg = Uint8Array.from([0xff, 0xd8, ...sof0, 0xff, 0xd9]);
    expect(sanitisePhoto(hugeJpeg)).toEqual({ ok: false, reason: 'too_many_pixels' });
    // Also when the frame header sits behind other segments.
    const behind = Uint8Array.from([0xff, 0xd8, ...segment(0xe0, ascii('JFIF\0')), ...segment(0xfe, ascii('x')), ...sof0]);
    expect(sanitisePhoto(behind)).toEqual({ ok: false, reason: 'too_many_pixels' });

    // Decoding this PNG would ask for 60000 × 60000 × 4 bytes; only the header is read.
    const ihdr = pngChunk('IHDR', [...be32(60000), ...be32(60000), 8, 6, 0, 0, 0]);
    const hugePng = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...ihdr, ...pngChunk('IEND', [])]);
    expect(sanitisePhoto(hugePng)).toEqual({ ok: false, reason: 'too_many_pixels' });

    expect(sanitisePhoto(jpegWithMetadata(64, 48), { maxPixels: 64 * 48 - 1 })).toEqual({ ok: false, reason: 'too_many_pixels' });
    expect(sanitisePhoto(jpegWithMetadata(64, 48), { maxPixels: 64 * 48 }).ok).toBe(true);
  });

  it('refuses a file over the byte limit', () => {
    const small = jpegWithMetadata(16, 16);
    expect(sanitisePhoto(small, { maxBytes: small.length - 1 })).toEqual({ ok: false, reason: 'too_large' });
    expect(sanitisePhoto(small, { maxBytes: small.length }).ok).toBe(true);
    expect(sanitisePhoto(new Uint8Array(MAX_PHOTO_BYTES + 1))).toEqual({ ok: false, reason: 'too_large' });
  });

  it('states its limits: 8 MB and 24 megapixels', () => {
    expect(MAX_PHOTO_BYTES).toBe(8 * 1024 * 1024);
    expect(MAX_PHOTO_PIXELS).toBe(24_000_000);
  });
});
