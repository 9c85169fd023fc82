/** Longest path a version may have, in characters (paths must be shorter than this). */
export const MAX_PATH_LENGTH = 256;

/** Why `path` is not a valid asset or function path, or null when it is. */
export function pathProblem(path: string): string | null {
  if (path.length === 0) return 'Path is required';
  if (!path.startsWith('/')) return 'Path must start with "/"';
  if (path.length >= MAX_PATH_LENGTH) return `Path must be shorter than ${MAX_PATH_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'Path must not contain control characters';
  if (path.includes('\\')) return 'Path must not contain a backslash';
  if (path.includes('#')) return 'Path must not contain "#"';
  if (path.includes('?')) return 'Path must not contain "?"';
  // Browsers and servers decode these before matching ("%2e%2e" is ".."): the characters themselves are fine.
  if (/%[0-9a-f]{2}/i.test(path)) return 'Path must not contain percent-encoded characters ("%xx"): use the characters';
  if (!isWellFormed(path)) return 'Path must be valid Unicode text';
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) {
    return 'Path must not contain "." or ".." segments';
  }
  if (path.includes('//')) return 'Path must not contain empty segments ("//")';
  return null;
}

/** False for strings with a lone surrogate (they have no UTF-8 form, so no URL). */
function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/**
 * The URL path an asset or function at `path` is served at: each character that is not allowed
 * as is in a URL path, percent-encoded as UTF-8. For every path that pathProblem accepts, browsers
 * keep this as it is, and pathOfUrlPath gives the path back.
 */
export function urlPathOf(path: string): string {
  return encodeURI(path);
}

/** The path a request's URL path names (percent-decoded), or null when it cannot be decoded. */
export function pathOfUrlPath(urlPath: string): string | null {
  if (!urlPath.includes('%')) return urlPath;
  try {
    return decodeURIComponent(urlPath);
  } catch {
    return null;
  }
}

/** Adds the leading slash Twilio adds when a client leaves it out. */
export function normalizePath(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}

/** The legacy root fallback: an HTML asset at this path is also served at "/". */
export const LEGACY_ROOT_PATH = '/assets/index.html';

/** True when an asset at `path` is served at the environment's root URL. */
export function isRootPath(path: string): boolean {
  return path === '/' || path === LEGACY_ROOT_PATH;
}

/** The last segment of a path, for file names ("/a/b.css" → "b.css"; "/" → "index"). */
export function baseName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name === '' ? 'index' : name;
}
