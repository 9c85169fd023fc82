import type { IncomingMessage } from 'node:http';

const HOSTNAME = /^(?:\[[0-9a-f:.]+\]|[a-z0-9_-]+(?:\.[a-z0-9_-]+)*)$/;

export interface RequestHost {
  /** As the client wrote it in its URL: what a signature covers. */
  readonly raw: string;
  /** Normalised for routing (see normalizeHost). */
  readonly name: string;
  /** `name` without its port: what a site is found by when no site has the exact host:port. */
  readonly hostname: string;
}

/**
 * The host a request names, worked out once for every use (environment routing, signatures). With
 * `trustProxy`, the first X-Forwarded-Host wins over Host (the proxy's client named it). undefined
 * when there is none; null when it is malformed (a bad port, characters no host name has).
 */
export function requestHost(req: IncomingMessage, trustProxy: boolean): RequestHost | null | undefined {
  const forwarded = trustProxy ? req.headers['x-forwarded-host'] : undefined;
  const raw = typeof forwarded === 'string' && forwarded !== '' ? forwarded.split(',')[0]!.trim() : req.headers.host;
  if (raw === undefined || raw === '') return undefined;
  let host = known.get(raw);
  if (host === undefined) {
    const name = normalizeHost(raw);
    host = name === null ? null : { raw, name, hostname: hostnameOf(name) };
    // Bounded: a client sending ever new Host values only empties it.
    if (known.size >= KNOWN_HOSTS) known.clear();
    known.set(raw, host);
  }
  return host;
}

/** Host values seen lately, worked out once: every request on a kept-alive connection repeats it. */
const known = new Map<string, RequestHost | null>();
const KNOWN_HOSTS = 1024;

/** "Demo-1234.LOCALHOST.:3000" → "demo-1234.localhost:3000"; null when it is not a host[:port]. */
export function normalizeHost(raw: string): string | null {
  const host = raw.toLowerCase();
  const colon = host.lastIndexOf(':');
  const hasPort = colon !== -1 && colon > host.lastIndexOf(']');
  let name = hasPort ? host.slice(0, colon) : host;
  const port = hasPort ? host.slice(colon + 1) : '';
  if (hasPort && (!/^\d{1,5}$/.test(port) || Number(port) > 65535)) return null;
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (!HOSTNAME.test(name)) return null;
  return hasPort ? `${name}:${port}` : name;
}

/**
 * "demo-1234.localhost:3001" → "demo-1234.localhost" (a normalised host, see normalizeHost). Ports
 * name how a client reached a server, not which site it wants: several instances on one machine
 * (or a proxy on another port) serve the same environments, as a web server's server_name ignores
 * the port.
 */
export function hostnameOf(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon !== -1 && colon > name.lastIndexOf(']') ? name.slice(0, colon) : name;
}
