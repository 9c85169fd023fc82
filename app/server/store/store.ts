import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BlobStore, sweepTmp, type StagedBlob } from './blobs.ts';
import { buildsRepo } from './builds-repo.ts';
import { openDb } from './db.ts';
import { environmentsRepo } from './environments-repo.ts';
import { filesRepo, type NewVersionFields, type VersionRow } from './files-repo.ts';
import { servicesRepo } from './services-repo.ts';
import { sessionsRepo } from './sessions-repo.ts';
import { siteChangesRepo } from './site-changes-repo.ts';
import { versionLogMessage } from './version-log.ts';
import { logsRepo, variablesRepo } from './variables-repo.ts';

/** Everything persistent: the SQLite metadata and the blob files, under one data directory. */
export function openStore(dataDir: string, options: { sweepTmp?: boolean } = {}) {
  // Private assets and protected content live here: only the server's user may read a new one.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // All of tmp/ only when no other server process may be writing there (single process, or the
  // primary); otherwise what processes that died left.
  sweepTmp(dataDir, { all: options.sweepTmp ?? true });
  const db = openDb(join(dataDir, 'studio.db'));
  const blobs = new BlobStore(dataDir);
  const files = filesRepo(db);
  const logs = logsRepo(db);
  /** Adds a version as the file's latest and logs the change to the service's environments. */
  const addVersion = (fields: NewVersionFields) => {
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
  // Files placed by a process that crashed before its transaction committed have no row. Under the
  // write lock no other process can be placing one, so this is safe whenever it runs.
  db.transaction(() => {
    const known = new Set(files.blobHashes());
    for (const sha of blobs.listSync()) if (!known.has(sha)) blobs.removeSync(sha);
  }).immediate();
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
    /** Deletes temp files of writers that died (safe while other processes write). */
    sweepTmp: () => sweepTmp(dataDir, { all: false }),
    /**
     * Records a version and moves its bytes into place, under one write lock; null (nothing
     * recorded, the bytes left staged) when the file was deleted meanwhile.
     */
    recordVersion: (fields: Omit<NewVersionFields, 'sha256' | 'size'>, staged: StagedBlob) =>
      db
        .transaction(() => {
          if (!files.isLive(fields.file_sid)) return null;
          const version = addVersion({ ...fields, sha256: staged.sha256, size: staged.size });
          blobs.place(staged);
          return version;
        })
        .immediate(),
    /** Records a version with the bytes of an existing one, if both the file and that version still exist. */
    copyVersion: (
      fields: Omit<VersionRow, 'sid' | 'date_created' | 'sha256' | 'size' | 'metadata_removed'>,
      sourceSid: string,
    ) =>
      db
        .transaction((): VersionRow | 'file-gone' | 'source-gone' => {
          if (!files.isLive(fields.file_sid)) return 'file-gone';
          const source = files.versionBySid(sourceSid);
          if (!source) return 'source-gone';
          // Same bytes, so whether their metadata was removed carries over.
          return addVersion({
            ...fields,
            sha256: source.sha256,
            size: source.size,
            metadata_removed: source.metadata_removed,
          });
        })
        .immediate(),
    /** Deletes the bytes no version needs any more (after deleting assets or services). */
    collectGarbage: () =>
      db
        .transaction(() => {
          const unused = files.dropUnusedBlobs();
          for (const sha of unused) blobs.removeSync(sha);
          return unused.length;
        })
        .immediate(),
  };
}

export type Store = ReturnType<typeof openStore>;
