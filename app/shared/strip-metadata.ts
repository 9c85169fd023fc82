// Lossless metadata removal for JPEG, PNG and WebP: the container is rewritten without its
// metadata segments/chunks; every byte of image data is copied unchanged (no decoding, no
// re-encoding). What is kept is what a decoder needs to show the same picture:
// - JPEG: APP0 (JFIF/JFXX), APP2 ICC_PROFILE (colour), APP14 Adobe (colour transform for
//   CMYK/YCCK), every table, frame and scan segment, and the entropy-coded data. Dropped: APP1
//   (Exif, XMP), other APP2 (MPF, FlashPix), APP3–APP13 (IPTC in APP13), APP15, COM, and anything
//   after EOI (MPF secondary images and camera trailers, which carry their own Exif).
// - PNG: critical chunks and the colour/transparency/animation chunks listed in PNG_KEPT; dropped:
//   eXIf, tEXt, zTXt, iTXt, tIME and any other ancillary chunk.
// - WebP: every chunk but EXIF and XMP; the VP8X flags and the RIFF size are fixed to match.
// The Exif Orientation is a display instruction, not private data: when it is not 1 (upright) a
// minimal Exif block holding only that tag is written back, so the picture is not shown rotated.

/** Image formats whose metadata can be removed losslessly. */
export type StrippableFormat = 'jpeg' | 'png' | 'webp';

/** The result of removing metadata: the new bytes and the names of what was dropped. */
export interface StripResult {
  bytes: Uint8Array;
  /** What was dropped, e.g. ["APP1 Exif", "COM"] or ["tEXt", "eXIf"]; empty when nothing was. */
  removed: string[];
}

/** The largest image the editor rewrites in memory (browser-side, as a Blob read whole). */
export const STRIP_MAX_BYTES = 25 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format from the first bytes, or null when it is not one we can rewrite. */
export function detectStrippableFormat(head: Uint8Array): StrippableFormat | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 8 && PNG_SIGNATURE.every((b, i) => head[i] === b)) return 'png';
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'webp';
  return null;
}

/** Rewrites an image without its metadata; throws an Error with a readable message if it is malformed. */
export function stripMetadata(bytes: Uint8Array): StripResult {
  switch (detectStrippableFormat(bytes)) {
    case 'jpeg':
      return stripJpeg(bytes);
    case 'png':
      return stripPng(bytes);
    case 'webp':
      return stripWebp(bytes);
    default:
      throw new Error('Not a JPEG, PNG or WebP image');
  }
}

/** The Exif (TIFF) block of a WebP file, which exifr does not read from WebP itself. */
export function webpExif(bytes: Uint8Array): Uint8Array | null {
  for (const chunk of riffChunks(bytes)) {
    if (chunk.id === 'EXIF') return exifTiff(bytes.subarray(chunk.dataStart, chunk.dataEnd));
  }
  return null;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function malformed(format: string, detail: string): Error {
  return new Error(`This ${format} file is damaged (${detail}); it was left as it is`);
}

// --- Exif orientation -------------------------------------------------------------------------

/** Some writers put "Exif\0\0" before the TIFF header in PNG/WebP too; accept both. */
function exifTiff(block: Uint8Array): Uint8Array {
  return ascii(block, 0, 6) === 'Exif\0\0' ? block.subarray(6) : block;
}

/** The Orientation tag (1–8) of IFD0 in a TIFF block, or 1 when absent or unreadable. */
export function tiffOrientation(tiff: Uint8Array): number {
  if (tiff.length < 8) return 1;
  const little = ascii(tiff, 0, 2) === 'II';
  if (!little && ascii(tiff, 0, 2) !== 'MM') return 1;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return 1;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (view.getUint16(entry, little) === 0x0112 && view.getUint16(entry + 2, little) === 3) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** A TIFF block with one IFD holding only Orientation. */
function orientationTiff(orientation: number): Uint8Array {
  // "MM", 42, IFD at 8; 1 entry: tag 0x0112, SHORT, count 1, value; no next IFD.
  return new Uint8Array([
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x01,
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    orientation,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
  ]);
}

// --- JPEG ---------------------------------------------------------------------------------------

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"

function jpegSegmentName(marker: number, payload: Uint8Array): string | null {
  const id = ascii(payload, 0, 14);
  if (marker === 0xe0) return null;
  if (marker === 0xe2) return id.startsWith('ICC_PROFILE\0') ? null : `APP2 ${id.split('\0')[0]}`;
  if (marker === 0xee) return id.startsWith('Adobe') ? null : 'APP14';
  if (marker === 0xe1) return id.startsWith('Exif\0') ? 'APP1 Exif' : id.startsWith('http') ? 'APP1 XMP' : 'APP1';
  if (marker === 0xed) return 'APP13 IPTC';
  if (marker >= 0xe3 && marker <= 0xef) return `APP${marker - 0xe0}`;
  if (marker === 0xfe) return 'COM';
  return null;
}

function stripJpeg(bytes: Uint8Array): StripResult {
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  const removed: string[] = [];
  let orientation = 1;
  let pos = 2;
  let inScan = false;
  let ended = false;
  while (pos < bytes.length) {
    if (inScan) {
      // Entropy-coded data: FF 00 is a stuffed byte and FF D0–D7 restart markers; any other FF xx
      // ends the scan. Copy it as it is.
      const start = pos;
      while (pos < bytes.length) {
        if (bytes[pos] === 0xff) {
          const next = bytes[pos + 1] ?? 0;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        pos++;
      }
      kept.push(bytes.subarray(start, pos));
      inScan = false;
      continue;
    }
    if (bytes[pos] !== 0xff) throw malformed('JPEG', `no marker at byte ${pos}`);
    const marker = bytes[pos + 1];
    if (marker === undefined) throw malformed('JPEG', 'it ends inside a marker');
    if (marker === 0xff) {
      // Fill bytes before a marker.
      kept.push(bytes.subarray(pos, pos + 1));
      pos++;
      continue;
    }
    if (marker === 0xd9) {
      kept.push(bytes.subarray(pos, pos + 2));
      pos += 2;
      ended = true;
      break;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      kept.push(bytes.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    if (pos + 4 > bytes.length) throw malformed('JPEG', 'it ends inside a segment header');
    const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length) throw malformed('JPEG', `a segment runs past the end at byte ${pos}`);
    const payload = bytes.subarray(pos + 4, end);
    const dropped = jpegSegmentName(marker, payload);
    if (dropped) {
      removed.push(dropped);
      if (marker === 0xe1 && EXIF_HEADER.every((b, i) => payload[i] === b) && orientation === 1) {
        orientation = tiffOrientation(payload.subarray(6));
      }
    } else {
      kept.push(bytes.subarray(pos, end));
    }
    pos = end;
    if (marker === 0xda) inScan = true;
  }
  if (!ended) throw malformed('JPEG', 'it has no end marker');
  if (pos < bytes.length) removed.push('data after the image');
  if (orientation !== 1) {
    const tiff = orientationTiff(orientation);
    const length = 2 + EXIF_HEADER.length + tiff.length;
    const app1 = concat([new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff]), new Uint8Array(EXIF_HEADER), tiff]);
    // After SOI and APP0 (JFIF wants to be first), before everything else.
    const app0 = kept[1] && kept[1][1] === 0xe0 ? 2 : 1;
    kept.splice(app0, 0, app1);
  }
  return { bytes: concat(kept), removed };
}

// --- PNG ----------------------------------------------------------------------------------------

/** Ancillary chunks a decoder needs for colour, transparency or animation. */
const PNG_KEPT = new Set([
  'tRNS',
  'cHRM',
  'gAMA',
  'iCCP',
  'sBIT',
  'sRGB',
  'cICP',
  'mDCv',
  'cLLi',
  'bKGD',
  'hIST',
  'pHYs',
  'sPLT',
  'acTL',
  'fcTL',
  'fdAT',
]);

let crcTable: Uint32Array | null = null;

/** CRC-32 (ISO 3309) as PNG chunks use it. */
export function crc32(parts: Uint8Array[]): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const part of parts) for (const byte of part) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeBytes = new Uint8Array([...type].map((c) => c.charCodeAt(0)));
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typeBytes, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32([typeBytes, data]));
  return out;
}

function stripPng(bytes: Uint8Array): StripResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  const removed: string[] = [];
  let orientation = 1;
  let pos = 8;
  let ended = false;
  while (pos + 12 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = ascii(bytes, pos + 4, 4);
    const end = pos + 12 + length;
    if (end > bytes.length) throw malformed('PNG', `the ${type} chunk runs past the end`);
    const critical = type.charCodeAt(0) >= 0x41 && type.charCodeAt(0) <= 0x5a;
    if (critical || PNG_KEPT.has(type)) {
      kept.push(bytes.subarray(pos, end));
    } else {
      removed.push(type);
      if (type === 'eXIf' && orientation === 1) {
        orientation = tiffOrientation(exifTiff(bytes.subarray(pos + 8, end - 4)));
      }
    }
    pos = end;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!ended) throw malformed('PNG', 'it has no IEND chunk');
  if (pos < bytes.length) removed.push('data after the image');
  // eXIf goes before the first IDAT (the spec's rule); IHDR is always first.
  if (orientation !== 1) kept.splice(2, 0, pngChunk('eXIf', orientationTiff(orientation)));
  return { bytes: concat(kept), removed };
}

// --- WebP ---------------------------------------------------------------------------------------

interface RiffChunk {
  id: string;
  start: number;
  dataStart: number;
  dataEnd: number;
  /** End including the pad byte of odd-sized chunks. */
  end: number;
}

function riffChunks(bytes: Uint8Array): RiffChunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = Math.min(bytes.length, 8 + view.getUint32(4, true));
  const chunks: RiffChunk[] = [];
  let pos = 12;
  while (pos + 8 <= riffEnd) {
    const size = view.getUint32(pos + 4, true);
    const dataEnd = pos + 8 + size;
    if (dataEnd > riffEnd) throw malformed('WebP', `the ${ascii(bytes, pos, 4)} chunk runs past the end`);
    const end = Math.min(riffEnd, dataEnd + (size & 1));
    chunks.push({ id: ascii(bytes, pos, 4), start: pos, dataStart: pos + 8, dataEnd, end });
    pos = end;
  }
  return chunks;
}

const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(bytes: Uint8Array): StripResult {
  const chunks = riffChunks(bytes);
  const kept: Uint8Array[] = [];
  const removed: string[] = [];
  let orientation = 1;
  for (const chunk of chunks) {
    if (chunk.id === 'EXIF' || chunk.id === 'XMP ') {
      removed.push(chunk.id.trim());
      if (chunk.id === 'EXIF' && orientation === 1) {
        orientation = tiffOrientation(exifTiff(bytes.subarray(chunk.dataStart, chunk.dataEnd)));
      }
    } else if (chunk.id === 'VP8X') {
      // Copy, then clear the flags of what is gone (set again below for an orientation block).
      const copy = bytes.slice(chunk.start, chunk.end);
      copy[8] = copy[8]! & ~(VP8X_EXIF | VP8X_XMP);
      kept.push(copy);
    } else {
      kept.push(bytes.subarray(chunk.start, chunk.end));
    }
  }
  if (orientation !== 1) {
    // EXIF is last in the extended format; it needs VP8X, which an image with Exif already has.
    const vp8x = kept.find((c) => ascii(c, 0, 4) === 'VP8X');
    if (vp8x) {
      vp8x[8] = vp8x[8]! | VP8X_EXIF;
      const tiff = orientationTiff(orientation);
      const header = new Uint8Array(8);
      header.set([0x45, 0x58, 0x49, 0x46]);
      new DataView(header.buffer).setUint32(4, tiff.length, true);
      kept.push(header, tiff);
    }
  }
  const body = concat(kept);
  const head = new Uint8Array(12);
  head.set(bytes.subarray(0, 12));
  new DataView(head.buffer).setUint32(4, body.length + 4, true);
  return { bytes: concat([head, body]), removed };
}
