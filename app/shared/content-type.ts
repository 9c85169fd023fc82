const TEXT = 'charset=utf-8';

const BY_EXTENSION: Record<string, string> = {
  html: `text/html; ${TEXT}`,
  htm: `text/html; ${TEXT}`,
  css: `text/css; ${TEXT}`,
  js: `text/javascript; ${TEXT}`,
  mjs: `text/javascript; ${TEXT}`,
  json: `application/json; ${TEXT}`,
  map: `application/json; ${TEXT}`,
  txt: `text/plain; ${TEXT}`,
  md: `text/markdown; ${TEXT}`,
  csv: `text/csv; ${TEXT}`,
  xml: `application/xml; ${TEXT}`,
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  bmp: 'image/bmp',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  flac: 'audio/flac',
  mp4: 'video/mp4',
  webm: 'video/webm',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  wasm: 'application/wasm',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  yaml: `application/yaml; ${TEXT}`,
  yml: `application/yaml; ${TEXT}`,
  ts: `text/plain; ${TEXT}`,
};

/** The lower-case extension of a path's last segment, or '' when it has none. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Content-Type for a path by its extension, or null when the extension is unknown or absent. */
export function contentTypeForPath(path: string): string | null {
  return BY_EXTENSION[extensionOf(path)] ?? null;
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0): boolean =>
  signature.every((b, i) => bytes[offset + i] === b);

/** Content-Type guessed from the first bytes of a file (used only when the path has no extension). */
export function sniffContentType(head: Uint8Array): string {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'application/pdf';
  if (startsWith(head, [0x49, 0x44, 0x33]) || startsWith(head, [0xff, 0xfb])) return 'audio/mpeg';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) {
    return 'image/webp';
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 512));
  const lead = text.trimStart().slice(0, 64).toLowerCase();
  if (lead.startsWith('<!doctype html') || lead.startsWith('<html')) return `text/html; ${TEXT}`;
  if (lead.startsWith('<svg')) return 'image/svg+xml';
  if (lead.startsWith('<?xml')) return `application/xml; ${TEXT}`;
  if (lead.startsWith('{') || lead.startsWith('[')) {
    // Could be JSON; plain text is the safe reading either way.
    return `text/plain; ${TEXT}`;
  }
  // eslint-disable-next-line no-control-regex
  const binary = /[\u0000-\u0008\u000e-\u001a]/.test(text) || text.includes('\ufffd');
  return binary ? 'application/octet-stream' : `text/plain; ${TEXT}`;
}

/** True for types the editor opens as text in the code editor. */
export function isTextType(contentType: string): boolean {
  const type = contentType.split(';')[0]!.trim();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/xml' ||
    type === 'application/yaml' ||
    type === 'image/svg+xml' ||
    type === 'application/javascript'
  );
}
