import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathOfUrlPath } from '../../shared/paths.ts';
import type { Readable } from 'node:stream';
import { BodyCache } from './body-cache.ts';
import type { ContentCache } from './content-cache.ts';
import type { RequestHost } from './host.ts';
import { signatureChecker } from './signature.ts';
import type { FunctionRoute, Route, Site, SiteIndex } from './sites.ts';

export interface ServeOptions {
  authToken: string;
  /** Take the scheme from X-Forwarded-Proto (only behind a proxy you trust). */
  trustProxy: boolean;
  cache: BodyCache;
  /** Where bodies come from when a route has no local file (content in S3): local copies, else the store. */
  content: ContentCache;
  /** Answers a request for a function's path (functions/gateway.ts). */
  functions?: (req: IncomingMessage, res: ServerResponse, site: Site, fn: FunctionRoute, host: RequestHost) => void;
}

const TEXT_HEADERS = ['Content-Type', 'text/plain; charset=utf-8', 'X-Content-Type-Options', 'nosniff'];

/**
 * A short text answer, with the headers every answer on an environment domain has. Never stored by
 * a cache: a 404 may become a deployed asset at the next deploy, and a 403 answers one request's
 * signature, which no cache key includes.
 */
export function plainResponse(res: ServerResponse, status: number, message: string, extra: string[] = []): void {
  const body = Buffer.from(`${message}\n`);
  res.writeHead(status, [
    ...TEXT_HEADERS,
    'Cache-Control',
    'no-store',
    ...extra,
    'Content-Length',
    String(body.length),
  ]);
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function decodePath(target: string): string | null {
  const q = target.indexOf('?');
  return pathOfUrlPath(q === -1 ? target : target.slice(0, q));
}

function notModified(req: IncomingMessage, route: Route): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    return inm === '*' || inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === route.etag);
  }
  const ims = req.headers['if-modified-since'];
  if (ims !== undefined) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Math.floor(route.lastModifiedMs / 1000) * 1000 <= since;
  }
  return false;
}

type RangeResult = { start: number; end: number } | 'unsatisfiable' | null;

/** A single "bytes=" range; null means serve the whole body (no, ignored or multi-range header). */
function parseRange(req: IncomingMessage, route: Route): RangeResult {
  const header = req.headers.range;
  if (!header) return null;
  const ifRange = req.headers['if-range'];
  if (ifRange !== undefined && ifRange !== route.etag && ifRange !== route.lastModified) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first, last] = match;
  const size = route.size;
  let start: number;
  let end: number;
  if (first === '') {
    if (last === '') return null;
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(first);
    end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
    if (last !== '' && Number(last) < start) return null;
  }
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/**
 * Answers requests for environment domains from the in-memory site index. Returns false when the
 * Host is not an environment's domain, so the caller can hand the request to the editor and API.
 */
export function createRuntimeHandler(sites: SiteIndex, options: ServeOptions) {
  const { cache, content } = options;

  /** Streams a route's bytes: from its file on disk, a local copy, or the content store. */
  function stream(res: ServerResponse, route: Route, range?: { start: number; end: number }): void {
    const file = route.file || content.file(route.sha256);
    if (file) {
      pipeFile(res, file, range);
      return;
    }
    content.open(route.sha256, route.size, range).then(
      (body) => pipeBody(res, body),
      () => res.destroy(),
    );
  }
  const validSignature = signatureChecker(options.authToken);

  function send(req: IncomingMessage, res: ServerResponse, route: Route): void {
    if (notModified(req, route)) {
      res.writeHead(304, [
        'ETag',
        route.etag,
        'Last-Modified',
        route.lastModified,
        'Cache-Control',
        route.cacheControl,
      ]);
      res.end();
      return;
    }
    const range = parseRange(req, route);
    if (range === 'unsatisfiable') {
      plainResponse(res, 416, 'Range Not Satisfiable', ['Content-Range', `bytes */${route.size}`]);
      return;
    }
    const head = req.method === 'HEAD';
    if (range) {
      const length = range.end - range.start + 1;
      res.writeHead(206, [
        ...route.headers,
        'Content-Range',
        `bytes ${range.start}-${range.end}/${route.size}`,
        'Content-Length',
        String(length),
      ]);
      if (head) res.end();
      else stream(res, route, range);
      return;
    }
    res.writeHead(200, route.fullHeaders);
    if (head) {
      res.end();
      return;
    }
    const cached = cache.get(route.sha256);
    if (cached) {
      res.end(cached);
      return;
    }
    const loading = cache.load(
      route.sha256,
      route.file || (() => content.readAll(route.sha256, route.size)),
      route.size,
    );
    if (loading === null) stream(res, route);
    else
      loading.then(
        (body) => res.end(body),
        () => res.destroy(),
      );
  }

  return function handle(req: IncomingMessage, res: ServerResponse, host: RequestHost): boolean {
    const site = sites.get(host.name, host.hostname);
    if (site === undefined) return false;

    const path = decodePath(req.url ?? '/');
    const fn = site && path !== null && site.functions.size > 0 ? site.functions.get(path) : undefined;
    if (fn && options.functions) {
      options.functions(req, res, site!, fn, host);
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      plainResponse(res, 405, 'Method Not Allowed', ['Allow', 'GET, HEAD']);
      return true;
    }
    const route = site && path !== null ? (path === '/' ? site.root : site.routes.get(path)) : undefined;
    if (!route || route.visibility === 'private') {
      plainResponse(res, 404, 'Not Found');
      return true;
    }
    if (route.visibility === 'protected') {
      // The URL the client used: its scheme (from the proxy, if trusted) and its Host as written.
      const forwarded = options.trustProxy ? req.headers['x-forwarded-proto'] : undefined;
      const scheme = typeof forwarded === 'string' ? forwarded.split(',')[0]!.trim() : 'http';
      const signature = req.headers['x-twilio-signature'];
      if (!validSignature(typeof signature === 'string' ? signature : undefined, scheme, host.raw, req.url ?? '/')) {
        plainResponse(res, 403, 'Forbidden: this asset is protected and needs a valid X-Twilio-Signature');
        return true;
      }
    }
    send(req, res, route);
    return true;
  };
}

/** Bytes read ahead of a slow client, per response streamed from disk (bounds memory per connection). */
const READ_AHEAD = 64 * 1024;

function pipeFile(res: ServerResponse, file: string, range?: { start: number; end: number }): void {
  pipeBody(res, createReadStream(file, { ...range, highWaterMark: READ_AHEAD }));
}

function pipeBody(res: ServerResponse, body: Readable): void {
  body.on('error', () => res.destroy());
  res.on('close', () => body.destroy());
  body.pipe(res);
}
