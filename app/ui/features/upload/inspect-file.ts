import { detectStrippableFormat, STRIP_MAX_BYTES, stripMetadata, webpExif } from '../../../shared/strip-metadata.ts';
import { formatBytes } from '../../../shared/visibility.ts';
import { EXIFR_OPTIONS, metadataFindings, type MetadataFinding } from './metadata-findings.ts';

/** What the dialog knows about a queued file's identifying metadata. */
export type MetadataState =
  | { state: 'reading' }
  /** Not an image we read, or one without GPS, serial numbers or names. */
  | { state: 'none' }
  | {
      state: 'found';
      findings: MetadataFinding[];
      /** Why Remove metadata is not offered (format or size), or null when it is. */
      notRemovable: string | null;
    };

const IMAGE_EXTENSIONS = /\.(jpe?g|png|webp|tiff?|heic|heif|avif)$/i;

async function head(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(0, 16).arrayBuffer());
}

function notRemovable(format: string | null, size: number): string | null {
  if (!format) return 'Remove metadata works on JPEG, PNG and WebP images';
  if (size > STRIP_MAX_BYTES) return `Remove metadata works on images up to ${formatBytes(STRIP_MAX_BYTES)}`;
  return null;
}

/**
 * Reads a picked file's Exif, XMP and IPTC with exifr (which reads only the chunks it needs) and
 * lists what identifies a person or place. WebP, which exifr does not read, is read whole (up to
 * the rewrite cap) and its EXIF chunk handed to exifr.
 */
export async function readMetadata(file: File): Promise<MetadataState> {
  if (!file.type.startsWith('image/') && !IMAGE_EXTENSIONS.test(file.name)) return { state: 'none' };
  const format = detectStrippableFormat(await head(file));
  let parsed: Record<string, unknown> | undefined;
  try {
    // Loaded on the first image only: the editor's first load does not pay for the reader.
    const { default: exifr } = await import('exifr');
    if (format === 'webp') {
      if (file.size > STRIP_MAX_BYTES) return { state: 'none' };
      const tiff = webpExif(new Uint8Array(await file.arrayBuffer()));
      parsed = tiff ? ((await exifr.parse(tiff, EXIFR_OPTIONS)) as Record<string, unknown> | undefined) : undefined;
    } else {
      parsed = (await exifr.parse(file, EXIFR_OPTIONS)) as Record<string, unknown> | undefined;
    }
  } catch {
    // A file exifr cannot parse has no metadata we could show.
    return { state: 'none' };
  }
  const findings = metadataFindings(parsed);
  if (findings.length === 0) return { state: 'none' };
  return { state: 'found', findings, notRemovable: notRemovable(format, file.size) };
}

/** The file rewritten without metadata (image data unchanged), as a Blob of the same type. */
export async function stripFile(file: File): Promise<Blob> {
  if (file.size > STRIP_MAX_BYTES) throw new Error(notRemovable('image', file.size) ?? 'Too large');
  const { bytes } = stripMetadata(new Uint8Array(await file.arrayBuffer()));
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: file.type });
}

/**
 * Hex SHA-256 of a blob. WebCrypto has no streaming digest, so the blob is read whole: callers
 * hash only content whose size equals an existing asset's, and assets are at most 25 MB.
 */
export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
