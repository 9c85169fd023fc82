import { isTextType } from './content-type.ts';

/** A single-quoted JavaScript string literal for `text`, with whatever would end or break it escaped. */
export function jsString(text: string): string {
  let out = "'";
  for (const ch of text) {
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\u2028' || ch === '\u2029' || ch < ' ' || ch === '\u007f') {
      out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}'`;
}

/**
 * The line of function code that reads a private asset: its text with `open()` (utf8), or for a
 * binary type its bytes from `path` (open() would mangle them), as FUNCTIONS.md describes.
 */
export function getAssetsSnippet(path: string, contentType: string): string {
  const asset = `Runtime.getAssets()[${jsString(path)}]`;
  return isTextType(contentType) ? `${asset}.open()` : `require('fs').readFileSync(${asset}.path)`;
}
