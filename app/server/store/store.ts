import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentConfig } from '../config.ts';
import { DiskContentStore, sweepTmp, type ContentStore, type StagedBlob } from './blobs.ts';
import { buildsRepo } from './builds-repo.ts';
import { openDb } from './db.ts';
import { environmentsRepo } from './environments-repo.ts';
import { filesRepo, type VersionRow } from './files-repo.ts';
import { servicesRepo } from './services-repo.ts';
import { sessionsRepo } from './sessions-repo.ts';
import { siteChangesRepo } from './site-changes-repo.ts';
import { versionLogMessage } from './version-log.ts';
import { logsRepo, variablesRepo } from './variables-repo.ts';

/** How long placed content stays, referenced or not, unless a store is opened with another grace. */
export const DEFAULT_CONTENT_GRACE_MS = 15 * 60_000;

export interface StoreOptions {
  /** Delete every temp file at start (no other process may be writing). */
  sweepTmp?: boolean;
  /** Where content lives (default: DATA_DIR/blobs). */
  content?: ContentStore;
  /**
   * Unreferenced content younger than this is left alone by garbage collection: content is placed
   * before the row that references it commits, possibly by another process or instance.
   */
  contentGraceMs?: number;
}

/** The content store a configuration names (the AWS SDK is loaded only when S3 is configured). */
export async function openContentStore(config: ContentConfig, dataDir: string): Promise<ContentStore> {
  if (config.kind === 'disk') return new DiskContentStore(dataDir);
  const { S3ContentStore } = await import('./s3-blobs.ts');
  return new S3ContentStore(config);
}

/** Everything persistent: the metadata (SQLite) and the content (disk or S3). */
export function openStore(dataDir: string, options: StoreOptions = {}) {
  // Private assets and protected content live here: only the server's user may read a new one.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // All of tmp/ only when no other server process may be writing there (single process, or the
  // primary); otherwise what processes that died left.
  sweepTmp(dataDir, { all: options.sweepTmp ?? true });
  const db = openDb(join(dataDir, 'studio.db'));
  const blobs = options.content ?? new DiskContentStore(dataDir);
  const graceMs = options.contentGraceMs ?? DEFAULT_CONTENT_GRACE_MS;
  const files = filesRepo(db);
  const logs = logsRepo(db);
  /** Adds a version as the file's latest and logs the change to the service's environments. */
  const addVersion = (fields: Omit<VersionRow, 'sid' | 'date_created'>) => {
    const previous = files.latestVersion(fields.file_sid);
    const version = files.addVersion(fields);
    logs.addForService({
      service_sid: version.service_sid,
      build_sid: null,
      deployment_sid: null,
      function_sid: version.kind === 'function' ? version.file_sid : null,
      level: 'info',
      message: versionLogMessage(version, previous),
    });
    return version;
  };
  /**
   * Deletes the candidates that no row references and that were placed longer than the grace period
   * ago. The referenced set is read before each candidate's age is checked again, so a placement of
   * the same bytes (which makes them young) racing this can only slip between that last check and
   * the delete of that one hash.
   */
  const removeUnreferenced = async (candidates: string[]): Promise<number> => {
    if (candidates.length === 0) return 0;
    const known = new Set(files.blobHashes());
    let removed = 0;
    for (const sha of candidates) {
      if (known.has(sha)) continue;
      const entry = await blobs.stat(sha);
      if (!entry || Date.now() - entry.modifiedMs < graceMs) continue;
      await blobs.remove(sha);
      removed++;
    }
    return removed;
  };
  return {
    db,
    blobs,
    services: servicesRepo(db),
    environments: environmentsRepo(db),
    files,
    builds: buildsRepo(db),
    variables: variablesRepo(db),
    logs,
    sessions: sessionsRepo(db),
    siteChanges: siteChangesRepo(db),
    close: () => db.close(),
    /** Deletes temp content of writers that died (safe while other processes write). */
    sweepTmp: () => blobs.sweepTemp(Math.max(graceMs, 60 * 60_000)),
    /**
     * Places a version's bytes, then records the version; null (nothing recorded) when the file was
     * deleted meanwhile. Bytes placed for nothing are collected after the grace period.
     */
    recordVersion: async (
      fields: Omit<VersionRow, 'sid' | 'date_created' | 'sha256' | 'size'>,
      staged: StagedBlob,
    ): Promise<VersionRow | null> => {
      if (!files.isLive(fields.file_sid)) return null;
      await blobs.place(staged);
      return db
        .transaction(() => {
          if (!files.isLive(fields.file_sid)) return null;
          return addVersion({ ...fields, sha256: staged.sha256, size: staged.size });
        })
        .immediate();
    },
    /** Records a version with the bytes of an existing one, if both the file and that version still exist. */
    copyVersion: (fields: Omit<VersionRow, 'sid' | 'date_created' | 'sha256' | 'size'>, sourceSid: string) =>
      db
        .transaction((): VersionRow | 'file-gone' | 'source-gone' => {
          if (!files.isLive(fields.file_sid)) return 'file-gone';
          const source = files.versionBySid(sourceSid);
          if (!source) return 'source-gone';
          return addVersion({ ...fields, sha256: source.sha256, size: source.size });
        })
        .immediate(),
    /** Deletes the bytes no version needs any more (after deleting assets or services). */
    collectGarbage: () => removeUnreferenced(files.dropUnusedBlobs()),
    /**
     * Deletes every piece of content that no row references, placed longer than the grace period
     * ago: what garbage collection left young, and what writers that died placed for nothing.
     */
    sweepContent: async (): Promise<number> => {
      files.dropUnusedBlobs();
      const old: string[] = [];
      const now = Date.now();
      for await (const entry of blobs.list()) if (now - entry.modifiedMs >= graceMs) old.push(entry.sha256);
      return removeUnreferenced(old);
    },
  };
}

export type Store = ReturnType<typeof openStore>;
