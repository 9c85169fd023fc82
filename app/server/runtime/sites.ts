import { setTimeout as sleep } from 'node:timers/promises';
import { LEGACY_ROOT_PATH } from '../../shared/paths.ts';
import type { Visibility } from '../../shared/visibility.ts';
import type { EnvironmentRow } from '../store/environments-repo.ts';
import type { Store } from '../store/store.ts';
import { hostnameOf } from './host.ts';

/** How long a change from another process waits for its build to be warm before it is served. */
const PREPARE_WAIT_MS = 250;

/** One servable asset of a deployed build, with the response headers worked out once. */
export interface Route {
  visibility: Visibility;
  contentType: string;
  sha256: string;
  size: number;
  file: string;
  etag: string;
  /** What a cache may do with the response (also sent with a 304). */
  cacheControl: string;
  lastModified: string;
  /** Milliseconds, rounded down to the second like the header, for If-Modified-Since. */
  lastModifiedMs: number;
  /** Header name/value pairs for a 200 or 206, without Content-Length. */
  headers: string[];
  /** The complete header list of a full 200, built once so a request copies nothing. */
  fullHeaders: string[];
}

/** A function of a deployed build, answered by functions/gateway.ts. */
export interface FunctionRoute {
  sid: string;
  path: string;
  visibility: Visibility;
}

export interface Site {
  environmentSid: string;
  serviceSid: string;
  domainName: string;
  buildSid: string;
  routes: Map<string, Route>;
  functions: Map<string, FunctionRoute>;
  /** What "/" serves: an asset at "/", else an HTML asset at /assets/index.html. */
  root: Route | null;
}

/**
 * Public: any cache may store it but must revalidate before each use (`max-age=0, must-revalidate`),
 * which the strong ETag (from the content hash) makes cheap: a 304 until a deploy changes the bytes
 * at that URL, so a CDN in front never serves a previous deploy's bytes and needs no purge.
 * Protected: the signature is not part of any cache key, so no shared cache may keep it; private
 * assets are never served by URL.
 */
export function cacheControlFor(visibility: Visibility): string {
  return visibility === 'public' ? 'public, max-age=0, must-revalidate' : 'private, no-store';
}

function routeOf(
  store: Store,
  version: { visibility: Visibility; sha256: string; size: number; content_type: string; date_created: string },
  deployedAt: string,
): Route {
  const etag = `"${version.sha256.slice(0, 40)}"`;
  // The later of the version's and the deploy's dates: a rollback to older bytes must not look
  // unmodified to a client that revalidates by date alone.
  const lastModifiedMs = Math.max(Date.parse(version.date_created), Date.parse(deployedAt) || 0);
  const cacheControl = cacheControlFor(version.visibility);
  const lastModified = new Date(lastModifiedMs).toUTCString();
  const headers = [
    'Content-Type',
    version.content_type,
    'ETag',
    etag,
    'Last-Modified',
    lastModified,
    'Accept-Ranges',
    'bytes',
    'X-Content-Type-Options',
    'nosniff',
    'Cache-Control',
    cacheControl,
  ];
  return {
    visibility: version.visibility,
    contentType: version.content_type,
    sha256: version.sha256,
    size: version.size,
    file: store.blobs.localPath(version.sha256) ?? '',
    etag,
    cacheControl,
    lastModified,
    lastModifiedMs,
    headers,
    fullHeaders: [...headers, 'Content-Length', String(version.size)],
  };
}

/**
 * Host → deployed build → path, all in memory so that serving needs no database query.
 * Rebuilt for one environment whenever a deployment switches it, or it is deleted.
 */
export class SiteIndex {
  /** null: an environment with nothing deployed yet. */
  private readonly byHost = new Map<string, Site | null>();
  private readonly hostOfEnv = new Map<string, string>();
  /** Host name without its port → the hosts (with port) of the environments under that name. */
  private readonly hostsByName = new Map<string, Set<string>>();
  /**
   * Told of every change made here, so that the other processes of this instance reload the
   * environment; resolves once they serve it (refresh() waits for it).
   */
  onChange: ((environmentSid: string) => Promise<void> | void) | null = null;

  /** The last change of the site_changes journal this index has applied. */
  private seen = 0;
  /** Per environment, the number of the latest load started: an older load that ends later is dropped. */
  private readonly loads = new Map<string, number>();
  private loadCount = 0;

  private constructor(private readonly store: Store) {}

  /** The index of every environment as the database has them now. */
  static async open(store: Store): Promise<SiteIndex> {
    const index = new SiteIndex(store);
    // Read the journal's position first: a change committed while the list loads is applied again
    // by catchUp(), never missed.
    index.seen = await store.siteChanges.last();
    for (const env of await store.environments.all()) await index.load(env);
    return index;
  }

  /** Called before this process switches an environment to a build (warms its function processes). */
  prepare: ((buildSid: string) => Promise<void>) | null = null;
  /** Called after changes were applied (stops what no environment serves any more). */
  afterChange: (() => void) | null = null;
  private catching: Promise<void> | null = null;

  /**
   * Applies every change committed since the last call, whichever process made it. Run on a short
   * timer: the guarantee that every process serves a deploy within a second rests on this, not on
   * the (faster) messages between processes, which a process that is starting can miss.
   */
  catchUp(): Promise<void> {
    this.catching ??= this.applyChanges().finally(() => (this.catching = null));
    return this.catching;
  }

  private async applyChanges(): Promise<void> {
    const changes = await this.store.siteChanges.since(this.seen);
    if (changes.length === 0) return;
    for (const change of changes) {
      const buildSid = (await this.store.environments.findBySid(change.environment_sid))?.build_sid;
      // Warm before switching, but not for long: an instance that must install the build's
      // dependencies itself (its own DATA_DIR) takes seconds; its assets are served meanwhile and
      // an invocation waits for the install (the pool being made) instead.
      if (buildSid && this.prepare) {
        const prepared = this.prepare(buildSid).catch(() => undefined);
        await Promise.race([prepared, sleep(PREPARE_WAIT_MS)]);
      }
      await this.reload(change.environment_sid);
      this.seen = change.seq;
    }
    this.afterChange?.();
  }

  /**
   * Applies every change committed before this call. catchUp() may join a read of the journal
   * that began earlier and so miss a change committed since: this waits for that one, then reads again.
   */
  async catchUpSinceNow(): Promise<void> {
    if (this.catching) await this.catching.catch(() => undefined);
    await this.catchUp();
  }

  /**
   * The site on `host` (normalised host[:port]); null for an environment with no deployment;
   * undefined for other hosts. When no environment has that exact host and port, the environment
   * with the same host name on another port answers (DOMAIN_BASE names one port; every instance on
   * one machine, and a proxy on another port, serve its environments too), unless several do.
   */
  get(host: string, hostname = hostnameOf(host)): Site | null | undefined {
    const site = this.byHost.get(host);
    if (site !== undefined) return site;
    const hosts = this.hostsByName.get(hostname);
    return hosts?.size === 1 ? this.byHost.get(hosts.values().next().value!) : undefined;
  }

  /** An environment was created or deployed here: this process and the others load it side by side. */
  async refresh(env: EnvironmentRow): Promise<void> {
    await Promise.all([this.load(env), this.onChange?.(env.sid)]);
  }

  /** An environment was deleted here. */
  forget(envSid: string): void {
    this.loads.set(envSid, ++this.loadCount);
    this.drop(envSid);
    void this.onChange?.(envSid);
  }

  /** Another process changed this environment: read it again from the database. */
  async reload(envSid: string): Promise<void> {
    // Numbered before the row is read: a load started after this one (a deploy made here) has
    // read a newer row, and must not be undone by this one ending later.
    const load = this.nextLoad(envSid);
    const env = await this.store.environments.findBySid(envSid);
    if (env) await this.load(env, load);
    else if (this.loads.get(envSid) === load) this.drop(envSid);
  }

  /** Builds live on some environment in this process. */
  liveBuilds(): Set<string> {
    const live = new Set<string>();
    for (const site of this.byHost.values()) if (site) live.add(site.buildSid);
    return live;
  }

  private nextLoad(envSid: string): number {
    const load = ++this.loadCount;
    this.loads.set(envSid, load);
    return load;
  }

  private async load(env: EnvironmentRow, load = this.nextLoad(env.sid)): Promise<void> {
    const versions = env.build_sid ? await this.store.builds.versions(env.build_sid) : [];
    // A later load or reload of this environment started meanwhile: it has fresher rows.
    if (this.loads.get(env.sid) !== load) return;
    this.drop(env.sid);
    const host = env.domain_name.toLowerCase();
    this.hostOfEnv.set(env.sid, host);
    this.byHost.set(host, null);
    const hostname = hostnameOf(host);
    const hosts = this.hostsByName.get(hostname);
    if (hosts) hosts.add(host);
    else this.hostsByName.set(hostname, new Set([host]));
    if (!env.build_sid) return;
    const routes = new Map<string, Route>();
    const functions = new Map<string, FunctionRoute>();
    for (const version of versions) {
      if (version.kind === 'asset') routes.set(version.path, routeOf(this.store, version, env.date_updated));
      else functions.set(version.path, { sid: version.file_sid, path: version.path, visibility: version.visibility });
    }
    const legacy = routes.get(LEGACY_ROOT_PATH);
    const root = routes.get('/') ?? (legacy?.contentType.startsWith('text/html') ? legacy : null);
    this.byHost.set(host, {
      environmentSid: env.sid,
      serviceSid: env.service_sid,
      domainName: env.domain_name,
      buildSid: env.build_sid,
      routes,
      functions,
      root,
    });
  }

  private drop(envSid: string): void {
    const host = this.hostOfEnv.get(envSid);
    if (host === undefined) return;
    this.hostOfEnv.delete(envSid);
    this.byHost.delete(host);
    const hostname = hostnameOf(host);
    const hosts = this.hostsByName.get(hostname);
    hosts?.delete(host);
    if (hosts?.size === 0) this.hostsByName.delete(hostname);
  }
}
