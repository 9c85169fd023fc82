import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, detectStrippableFormat, stripMetadata, tiffOrientation, webpExif } from './strip-metadata.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../e2e/files/${name}`, import.meta.url)));
/** Every metadata block exifr reads but the ones a decoder needs (JFIF, ICC). */
const META = {
  tiff: true,
  ifd1: true,
  exif: true,
  gps: true,
  interop: true,
  xmp: true,
  iptc: true,
  jfif: false,
  icc: false,
  ihdr: false,
};
const grumpy = fixture('grumpy.jpg');
const clean = fixture('clean.jpg');

const ascii = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
const u32be = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
const u32le = (n: number) => new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24]);

/** JPEG segments before the first scan: [marker, bytes including FF xx and length]. */
function jpegSegments(bytes: Uint8Array): [number, Uint8Array][] {
  const out: [number, Uint8Array][] = [];
  for (let pos = 2; pos < bytes.length;) {
    const marker = bytes[pos + 1]!;
    const end = pos + 2 + ((bytes[pos + 2]! << 8) | bytes[pos + 3]!);
    out.push([marker, bytes.subarray(pos, end)]);
    if (marker === 0xda) break;
    pos = end;
  }
  return out;
}

/** From the first SOS marker to EOI, inclusive: the scan headers and the compressed pixels. */
function sosToEoi(bytes: Uint8Array): Uint8Array {
  let sos = -1;
  for (const [marker, seg] of jpegSegments(bytes)) if (marker === 0xda) sos = seg.byteOffset - bytes.byteOffset;
  let eoi = bytes.length - 2;
  while (!(bytes[eoi] === 0xff && bytes[eoi + 1] === 0xd9)) eoi--;
  return bytes.subarray(sos, eoi + 2);
}

/** grumpy.jpg's Exif as a bare TIFF block (GPS, Make, Model, Artist…). */
const grumpyTiff = (() => {
  const app1 = jpegSegments(grumpy).find(([m]) => m === 0xe1)![1];
  return app1.subarray(4 + 6);
})();

function pngChunk(type: string, data: Uint8Array) {
  const t = ascii(type);
  return concat(u32be(data.length), t, data, u32be(crc32([t, data])));
}

function pngChunks(bytes: Uint8Array): { type: string; data: Uint8Array }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: { type: string; data: Uint8Array }[] = [];
  for (let pos = 8; pos < bytes.length;) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const data = bytes.subarray(pos + 8, pos + 8 + length);
    expect(view.getUint32(pos + 8 + length), `CRC of ${type}`).toBe(crc32([ascii(type), data]));
    out.push({ type, data });
    pos += 12 + length;
  }
  return out;
}

/** A 2×2 RGB PNG with an sRGB chunk, Exif (GPS), text and a timestamp. */
function pngWithMetadata() {
  const ihdr = concat(u32be(2), u32be(2), new Uint8Array([8, 2, 0, 0, 0]));
  const rows = new Uint8Array([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return concat(
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('sRGB', new Uint8Array([0])),
    pngChunk('eXIf', grumpyTiff),
    pngChunk('tEXt', ascii('Author\0Jane Doe')),
    pngChunk('iTXt', ascii('Comment\0\0\0\0\0taken at home')),
    pngChunk('tIME', new Uint8Array([7, 234, 1, 2, 3, 4, 5])),
    pngChunk('IDAT', zlibSync(rows)),
    pngChunk('IEND', new Uint8Array()),
  );
}

function riffChunk(id: string, data: Uint8Array) {
  const pad = data.length & 1 ? new Uint8Array(1) : new Uint8Array();
  return concat(ascii(id), u32le(data.length), data, pad);
}

/** An extended WebP: VP8X (Exif + XMP flags), an image chunk, EXIF (GPS) and XMP. */
function webpWithMetadata() {
  const vp8x = new Uint8Array(10);
  vp8x[0] = 0x08 | 0x04 | 0x10; // Exif, XMP, alpha
  const image = riffChunk('VP8L', new Uint8Array([0x2f, 1, 0, 0, 0, 0x88, 0x88, 8, 0, 1, 2, 3, 4]));
  const xmp = ascii('<x:xmpmeta><dc:creator>Jane Doe</dc:creator></x:xmpmeta>');
  const body = concat(
    ascii('WEBP'),
    riffChunk('VP8X', vp8x),
    image,
    riffChunk('EXIF', grumpyTiff),
    riffChunk('XMP ', xmp),
  );
  return { bytes: concat(ascii('RIFF'), u32le(body.length), body), image };
}

describe('stripMetadata: JPEG', () => {
  it('drops Exif (GPS, camera, author) from grumpy.jpg and keeps the image data byte for byte', async () => {
    expect((await exifr.gps(grumpy)).latitude).toBeCloseTo(48.8584, 3);
    const { bytes, removed } = stripMetadata(grumpy);
    expect(removed).toEqual(['APP1 Exif']);
    expect(await exifr.gps(bytes)).toBeUndefined();
    expect(await exifr.parse(bytes, META)).toBeUndefined();
    expect(Buffer.from(sosToEoi(bytes)).equals(Buffer.from(sosToEoi(grumpy)))).toBe(true);
    // Every segment but APP1 is kept unchanged and in order (JFIF, tables, frame, scan header).
    const kept = jpegSegments(grumpy).filter(([m]) => m !== 0xe1);
    expect(jpegSegments(bytes).map(([m, s]) => [m, Buffer.from(s).toString('hex')])).toEqual(
      kept.map(([m, s]) => [m, Buffer.from(s).toString('hex')]),
    );
    expect(bytes.length).toBe(grumpy.length - 376);
  });

  it('leaves a file without metadata as it is', () => {
    const { bytes, removed } = stripMetadata(clean);
    expect(removed).toEqual([]);
    expect(Buffer.from(bytes).equals(Buffer.from(clean))).toBe(true);
  });

  it('drops comments, IPTC, XMP and trailing data, keeps ICC, and keeps a non-upright orientation', async () => {
    const segment = (marker: number, payload: Uint8Array) =>
      concat(new Uint8Array([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload);
    const rotatedTiff = new Uint8Array(grumpyTiff);
    // Orientation 6 (rotate 90°) added to grumpy's IFD0 is read back from a real Exif block below.
    const exif = segment(0xe1, concat(ascii('Exif\0\0'), withOrientation(rotatedTiff, 6)));
    const icc = segment(0xe2, concat(ascii('ICC_PROFILE\0'), new Uint8Array([1, 1, 9, 9, 9])));
    const xmp = segment(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>'));
    const iptc = segment(0xed, ascii('Photoshop 3.0\0 8BIM'));
    const com = segment(0xfe, ascii('shot by Jane'));
    const rest = clean.subarray(2);
    const input = concat(clean.subarray(0, 2), exif, icc, xmp, iptc, com, rest, ascii('TRAILER with Exif'));
    const { bytes, removed } = stripMetadata(input);
    expect(removed).toEqual(['APP1 Exif', 'APP1 XMP', 'APP13 IPTC', 'COM', 'data after the image']);
    expect(await exifr.orientation(bytes)).toBe(6);
    expect(await exifr.gps(bytes)).toBeUndefined();
    const parsed = (await exifr.parse(bytes, META)) as Record<string, unknown>;
    expect(parsed).toEqual({ Orientation: 'Rotate 90 CW' });
    expect(jpegSegments(bytes).some(([m, s]) => m === 0xe2 && Buffer.from(s).equals(Buffer.from(icc)))).toBe(true);
    expect(Buffer.from(sosToEoi(bytes)).equals(Buffer.from(sosToEoi(clean)))).toBe(true);
  });

  it('refuses a truncated file with a clear message', () => {
    expect(() => stripMetadata(grumpy.subarray(0, 300))).toThrow(/JPEG file is damaged/);
    expect(() => stripMetadata(grumpy.subarray(0, grumpy.length - 2))).toThrow(/no end marker/);
  });
});

/** A copy of a TIFF block whose IFD0 gains (or changes) an Orientation entry. */
function withOrientation(tiff: Uint8Array, orientation: number): Uint8Array {
  const little = tiff[0] === 0x49;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = view.getUint32(4, little);
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (view.getUint16(entry, little) === 0x0112) {
      view.setUint16(entry + 8, orientation, little);
      return tiff;
    }
  }
  // Reuse the first entry's slot for Orientation (tests only read Orientation and GPS back).
  view.setUint16(ifd + 2, 0x0112, little);
  view.setUint16(ifd + 4, 3, little);
  view.setUint32(ifd + 6, 1, little);
  view.setUint16(ifd + 10, orientation, little);
  return tiff;
}

describe('stripMetadata: PNG', () => {
  it('drops eXIf, text and time chunks and keeps IHDR, colour and IDAT byte for byte', async () => {
    const input = pngWithMetadata();
    expect((await exifr.gps(input)).latitude).toBeCloseTo(48.8584, 3);
    const { bytes, removed } = stripMetadata(input);
    expect(removed).toEqual(['eXIf', 'tEXt', 'iTXt', 'tIME']);
    const before = pngChunks(input);
    const after = pngChunks(bytes);
    expect(after.map((c) => c.type)).toEqual(['IHDR', 'sRGB', 'IDAT', 'IEND']);
    for (const type of ['IHDR', 'sRGB', 'IDAT']) {
      const a = after.find((c) => c.type === type)!.data;
      const b = before.find((c) => c.type === type)!.data;
      expect(Buffer.from(a).equals(Buffer.from(b)), type).toBe(true);
    }
    expect(await exifr.gps(bytes)).toBeUndefined();
  });
});

describe('stripMetadata: WebP', () => {
  it('drops EXIF and XMP chunks, clears their VP8X flags, fixes the RIFF size, keeps the image chunk', async () => {
    const { bytes: input, image } = webpWithMetadata();
    const exif = webpExif(input);
    expect(exif).not.toBeNull();
    expect((await exifr.gps(exif!)).latitude).toBeCloseTo(48.8584, 3);
    const { bytes, removed } = stripMetadata(input);
    expect(removed).toEqual(['EXIF', 'XMP']);
    expect(webpExif(bytes)).toBeNull();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(view.getUint32(4, true)).toBe(bytes.length - 8);
    expect(String.fromCharCode(...bytes.subarray(12, 16))).toBe('VP8X');
    expect(bytes[20]).toBe(0x10); // alpha stays, Exif and XMP flags gone
    expect(Buffer.from(bytes.subarray(30)).equals(Buffer.from(image))).toBe(true);
    expect(Buffer.from(bytes).includes('Jane')).toBe(false);
  });
});

describe('format detection and orientation', () => {
  it('knows JPEG, PNG and WebP by their first bytes, nothing else', () => {
    expect(detectStrippableFormat(grumpy)).toBe('jpeg');
    expect(detectStrippableFormat(pngWithMetadata())).toBe('png');
    expect(detectStrippableFormat(webpWithMetadata().bytes)).toBe('webp');
    expect(detectStrippableFormat(ascii('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(() => stripMetadata(ascii('GIF89a'))).toThrow(/Not a JPEG, PNG or WebP/);
  });

  it('reads Orientation from a TIFF block, 1 when absent', () => {
    expect(tiffOrientation(grumpyTiff)).toBe(1);
    expect(tiffOrientation(withOrientation(new Uint8Array(grumpyTiff), 8))).toBe(8);
    expect(tiffOrientation(new Uint8Array(3))).toBe(1);
  });
});
