import mime from 'mime';

const TEXT = 'charset=utf-8';

/** Where the registry's answer is not what an asset host should send. */
const OVERRIDES: Record<string, string> = {
  // TypeScript source, far likelier on an asset host than an MPEG transport stream.
  ts: 'text/plain',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  ico: 'image/x-icon',
  flac: 'audio/flac',
  opus: 'audio/opus',
};

/** Text types are sent with their charset: browsers otherwise guess it from the bytes. */
const isTextual = (type: string) =>
  type.startsWith('text/') || /^application\/(json|xml|yaml|javascript|[\w.-]+\+(json|xml))$/.test(type);

/** The lower-case extension of a path's last segment, or '' when it has none. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Content-Type for a path by its extension, or null when the extension is unknown or absent. */
export function contentTypeForPath(path: string): string | null {
  const extension = extensionOf(path);
  if (extension === '') return null;
  const type = OVERRIDES[extension] ?? mime.getType(extension);
  if (type === null) return null;
  return isTextual(type) ? `${type}; ${TEXT}` : type;
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
