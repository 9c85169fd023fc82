import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { ContentConfig } from '../config.ts';
import { DiskContentStore, sweepTmp, type ContentStore, type StagedBlob } from './blobs.ts';
import { buildsRepo } from './builds-repo.ts';
import { openDb, type Db } from './db.ts';
import { environmentsRepo } from './environments-repo.ts';
import { filesRepo, type NewVersionFields, type VersionRow } from './files-repo.ts';
import { serviceDependenciesRepo } from './service-dependencies-repo.ts';
import { servicesRepo } from './services-repo.ts';
import { sessionsRepo } from './sessions-repo.ts';
import { siteChangesRepo } from './site-changes-repo.ts';
import { versionLogMessage } from './version-log.ts';
import { logsRepo, variablesRepo } from './variables-repo.ts';

/**
 * How long content being placed is safe from garbage collection without its version recorded:
 * longer than any placement takes; after it, content of a writer that died is collected.
 */
export const PLACING_GRACE_MS = 15 * 60_000;

/** Every repository, over one connection or one transaction. */
function reposOf(db: Db) {
  return {
    services: servicesRepo(db),
    serviceDependencies: serviceDependenciesRepo(db),
    environments: environmentsRepo(db),
    files: filesRepo(db),
    builds: buildsRepo(db),
    variables: variablesRepo(db),
    logs: logsRepo(db),
    sessions: sessionsRepo(db),
    siteChanges: siteChangesRepo(db),
  };
}

export type Repos = ReturnType<typeof reposOf>;

/** Adds a version as the file's latest and logs the change to the service's environments (in a transaction). */
async function addVersion(repos: Repos, fields: NewVersionFields, placing?: number) {
  const previous = await repos.files.latestVersion(fields.file_sid);
  const version = await repos.files.addVersion(fields, placing);
  await repos.logs.addForService({
    service_sid: version.service_sid,
    build_sid: null,
    deployment_sid: null,
    function_sid: version.kind === 'function' ? version.file_sid : null,
    level: 'info',
    message: versionLogMessage(version, previous),
  });
  return version;
}

export interface StoreOptions {
  /** postgres://… for PostgreSQL; otherwise SQLite in the data directory. */
  databaseUrl?: string;
  /** Delete every temp file at start (no other process may be writing). */
  sweepTmp?: boolean;
  /** Where content lives (default: DATA_DIR/blobs). */
  content?: ContentStore;
  /**
   * How long content marked as being placed is safe from garbage collection without its version
   * recorded, and how old content that no row knows must be before the content sweep deletes it
   * (default PLACING_GRACE_MS).
   */
  contentGraceMs?: number;
  /** Age past which unfinished uploads of other instances are deleted (default: the longer of an hour and the grace). */
  staleUploadMs?: number;
}

/** The content store a configuration names (the AWS SDK is loaded only when S3 is configured). */
export async function openContentStore(config: ContentConfig, dataDir: string): Promise<ContentStore> {
  if (config.kind === 'disk') return new DiskContentStore(dataDir);
  const { S3ContentStore } = await import('./s3-blobs.ts');
  return new S3ContentStore(config);
}

/**
 * Everything persistent: the metadata (SQLite in the data directory, or PostgreSQL) and the
 * content (disk or S3). Content is placed first (idempotent, addressed by hash), then its version is recorded.
 */
export async function openStore(dataDir: string, options: StoreOptions = {}) {
  // Private assets and protected content live here: only the server's user may read a new one.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // All of tmp/ only when no other server process may be writing there (single process, or the
  // primary); otherwise what processes that died left.
  sweepTmp(dataDir, { all: options.sweepTmp ?? true });
  const db = await openDb({ url: options.databaseUrl, file: join(dataDir, 'studio.db') });
  const blobs = options.content ?? new DiskContentStore(dataDir);
  const graceMs = options.contentGraceMs ?? PLACING_GRACE_MS;
  const staleUploadMs = options.staleUploadMs ?? Math.max(graceMs, 60 * 60_000);
  const repos = reposOf(db);
  /**
   * Deletes placed content that no row knows, placed longer than the grace period ago: what a
   * removal that failed half-way left. A writer marks content (a row) before it places it, so in a
   * write transaction (PostgreSQL: the table locked against new rows) none can appear meanwhile;
   * the age is checked again there, for a writer whose mark went stale and was collected.
   */
  const sweepContent = async (): Promise<number> => {
    const old: string[] = [];
    const listedAt = Date.now();
    for await (const entry of blobs.list()) if (listedAt - entry.modifiedMs >= graceMs) old.push(entry.sha256);
    if (old.length === 0) return 0;
    return db.transaction(async (tx) => {
      if (tx.dialect === 'postgres') await sql`LOCK TABLE blobs IN SHARE ROW EXCLUSIVE MODE`.execute(tx.k);
      const known = new Set(await reposOf(tx).files.blobHashes());
      let removed = 0;
      for (const sha of old) {
        if (known.has(sha)) continue;
        const entry = await blobs.stat(sha);
        if (!entry || Date.now() - entry.modifiedMs < graceMs) continue;
        await blobs.remove(sha);
        removed++;
      }
      return removed;
    });
  };
  return {
    db,
    blobs,
    ...repos,
    /** Runs `fn` in one transaction, with repositories bound to it. */
    transaction: <T>(fn: (tx: Repos) => Promise<T>) => db.transaction((tx) => fn(reposOf(tx))),
    close: () => db.close(),
    staleUploadMs,
    /** Deletes temp content of writers that died (safe while other processes write). */
    sweepTmp: () => blobs.sweepTemp(staleUploadMs),
    /**
     * Moves a version's bytes into place, then records the version; null (nothing recorded, and the
     * bytes gone unless something else holds them) when the file was deleted meanwhile.
     */
    async recordVersion(
      fields: Omit<NewVersionFields, 'sha256' | 'size'>,
      staged: StagedBlob,
    ): Promise<VersionRow | null> {
      // Marked before it is placed (so that garbage collection leaves it alone), placed outside any
      // transaction (S3 may take a while), recorded in a transaction that clears the mark.
      const placing = await repos.files.placing(staged.sha256, staged.size);
      await blobs.place(staged);
      return db.transaction(async (tx) => {
        const t = reposOf(tx);
        if (!(await t.files.isLive(fields.file_sid))) {
          if (await t.files.dropPlaced(staged.sha256, placing)) await blobs.remove(staged.sha256);
          return null;
        }
        return addVersion(t, { ...fields, sha256: staged.sha256, size: staged.size }, placing);
      });
    },
    /** Records a version with the bytes of an existing one, if both the file and that version still exist. */
    copyVersion: (
      fields: Omit<VersionRow, 'sid' | 'date_created' | 'sha256' | 'size' | 'metadata_removed'>,
      sourceSid: string,
    ) =>
      db.transaction(async (tx): Promise<VersionRow | 'file-gone' | 'source-gone'> => {
        const t = reposOf(tx);
        if (!(await t.files.isLive(fields.file_sid))) return 'file-gone';
        const source = await t.files.versionBySid(sourceSid);
        if (!source) return 'source-gone';
        // Same bytes, so whether their metadata was removed carries over.
        return addVersion(t, {
          ...fields,
          sha256: source.sha256,
          size: source.size,
          metadata_removed: source.metadata_removed,
        });
      }),
    /** Deletes the bytes no version needs any more (after deleting assets or services); how many. */
    collectGarbage: async () => (await repos.files.dropUnusedBlobs(graceMs, (sha) => blobs.remove(sha))).length,
    sweepContent,
  };
}

export type Store = Awaited<ReturnType<typeof openStore>>;
