'use strict';
/**
 * Preload that sends the Twilio tools' API traffic to an Assets Studio server instead of Twilio.
 *
 *   ASSETS_STUDIO_URL=http://127.0.0.1:3000 \
 *   NODE_OPTIONS="--require /abs/path/to/scripts/twilio-redirect.cjs" \
 *   npx twilio-run deploy --username AC… --password …
 *
 * No Twilio tool has a base-URL setting (their hosts are fixed in code), so this patches
 * https.request / https.get: a request for any *.twilio.com host (serverless, serverless-upload,
 * regional and edge variants) goes to ASSETS_STUDIO_URL instead, over http or https as that URL
 * says. Basic credentials are carried over: got (used by @twilio-labs/serverless-api and
 * twilio-run) puts them in the URL, not in a header. Every other host is left alone.
 * Set ASSETS_STUDIO_REDIRECT_DEBUG=1 to print each redirected request on stderr.
 */
const http = require('node:http');
const https = require('node:https');
const { URL, urlToHttpOptions } = require('node:url');

const raw = process.env.ASSETS_STUDIO_URL;
if (!raw) {
  throw new Error('twilio-redirect.cjs: set ASSETS_STUDIO_URL to your server, e.g. http://127.0.0.1:3000');
}
const target = new URL(raw);
if (target.protocol !== 'http:' && target.protocol !== 'https:') {
  throw new Error(`twilio-redirect.cjs: ASSETS_STUDIO_URL must be an http(s) URL, not ${raw}`);
}
const targetPort = target.port || (target.protocol === 'https:' ? '443' : '80');
const targetPrefix = target.pathname.replace(/\/+$/, '');
const debug = process.env.ASSETS_STUDIO_REDIRECT_DEBUG === '1';
const TWILIO_HOST = /(^|\.)twilio\.com\.?$/i;

const originalHttpsRequest = https.request;

/** (url, [options], [callback]) or (options, [callback]) → one options object and the callback. */
function normalize(args) {
  const [first, second, third] = args;
  if (typeof first === 'string' || first instanceof URL) {
    const fromUrl = urlToHttpOptions(new URL(String(first)));
    if (typeof second === 'function') return { options: fromUrl, callback: second };
    return { options: { ...fromUrl, ...(second || {}) }, callback: third };
  }
  return { options: { ...(first || {}) }, callback: second };
}

function hostOf(options) {
  const host = options.hostname || options.host || '';
  return String(host)
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '');
}

function redirected(options) {
  const headers = {};
  for (const [name, value] of Object.entries(options.headers || {})) {
    if (name.toLowerCase() !== 'host') headers[name] = value;
  }
  const next = {
    ...options,
    protocol: target.protocol,
    hostname: target.hostname,
    port: targetPort,
    path: `${targetPrefix}${options.path || '/'}`,
    headers,
  };
  delete next.host;
  delete next.servername;
  // The caller's agent speaks TLS to Twilio; let node pick one that fits the target.
  delete next.agent;
  delete next.createConnection;
  if (options.auth === undefined && target.username) {
    next.auth = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
  }
  return next;
}

function request(...args) {
  const { options, callback } = normalize(args);
  const host = hostOf(options);
  if (!TWILIO_HOST.test(host)) return originalHttpsRequest.apply(https, args);
  const next = redirected(options);
  if (debug)
    process.stderr.write(
      `[twilio-redirect] ${next.method || 'GET'} https://${host}${options.path} -> ${target.origin}${next.path}\n`,
    );
  return target.protocol === 'https:' ? originalHttpsRequest.call(https, next, callback) : http.request(next, callback);
}

function get(...args) {
  const req = request(...args);
  req.end();
  return req;
}

https.request = request;
https.get = get;
