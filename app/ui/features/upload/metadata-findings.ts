/** One piece of identifying metadata found in an image, as the upload dialog shows it. */
export interface MetadataFinding {
  kind: 'location' | 'serial' | 'name';
  /** What it is, e.g. "GPS location", "Camera serial number", "Artist". */
  label: string;
  /** What the file says, e.g. "48.8584° N, 2.2945° E" or "Jane Doe". */
  value: string;
}

/** The exifr options the dialog reads with: Exif, GPS, XMP and IPTC; no thumbnails or colour. */
export const EXIFR_OPTIONS = {
  tiff: true,
  exif: true,
  gps: true,
  xmp: true,
  iptc: true,
  ifd1: false,
  jfif: false,
  icc: false,
  ihdr: false,
  interop: false,
  translateValues: false,
  mergeOutput: true,
} as const;

const SERIALS: [string, string][] = [
  ['BodySerialNumber', 'Camera serial number'],
  ['SerialNumber', 'Camera serial number'],
  ['CameraSerialNumber', 'Camera serial number'],
  ['InternalSerialNumber', 'Camera serial number'],
  ['LensSerialNumber', 'Lens serial number'],
  ['ImageUniqueID', 'Image unique ID'],
];

const NAMES: [string, string][] = [
  ['Artist', 'Artist'],
  ['XPAuthor', 'Author'],
  ['CameraOwnerName', 'Camera owner'],
  ['OwnerName', 'Camera owner'],
  ['creator', 'Creator'],
  ['Byline', 'By-line'],
  ['Writer', 'Writer'],
  ['Copyright', 'Copyright'],
  ['Rights', 'Rights'],
];

/** A tag's value as text: XMP gives arrays and {lang, value} objects, IPTC arrays. */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(text).filter((v): v is string => v !== null);
    return parts.length > 0 ? parts.join(', ') : null;
  }
  if (typeof value === 'object' && 'value' in value) return text(value.value);
  return null;
}

const degrees = (value: number, positive: string, negative: string) =>
  `${Math.abs(value).toFixed(4)}° ${value >= 0 ? positive : negative}`;

/**
 * The identifying metadata in what exifr parsed (merged output): GPS location, serial numbers and
 * people's names. Camera make and model alone identify no one, so they are not listed.
 */
export function metadataFindings(parsed: Record<string, unknown> | undefined | null): MetadataFinding[] {
  if (!parsed) return [];
  const findings: MetadataFinding[] = [];
  const { latitude, longitude } = parsed;
  if (typeof latitude === 'number' && typeof longitude === 'number' && Number.isFinite(latitude + longitude)) {
    findings.push({
      kind: 'location',
      label: 'GPS location',
      value: `${degrees(latitude, 'N', 'S')}, ${degrees(longitude, 'E', 'W')}`,
    });
  } else if (Object.keys(parsed).some((key) => key.startsWith('GPS') && key !== 'GPSVersionID')) {
    findings.push({ kind: 'location', label: 'GPS data', value: 'present' });
  }
  const seen = new Set<string>();
  for (const [tag, label] of SERIALS) {
    const value = text(parsed[tag]);
    if (value && !seen.has(`${label}:${value}`)) {
      seen.add(`${label}:${value}`);
      findings.push({ kind: 'serial', label, value });
    }
  }
  for (const [tag, label] of NAMES) {
    const value = text(parsed[tag]);
    if (value && !seen.has(`${label}:${value}`)) {
      seen.add(`${label}:${value}`);
      findings.push({ kind: 'name', label, value });
    }
  }
  return findings;
}
