import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BlobStore, sweepTmp, type StagedBlob } from './blobs.ts';
import { buildsRepo } from './builds-repo.ts';
import { openDb } from './db.ts';
import { environmentsRepo } from './environments-repo.ts';
import { filesRepo, type VersionRow } from './files-repo.ts';
import { servicesRepo } from './services-repo.ts';
import { sessionsRepo } from './sessions-repo.ts';
import { versionLogMessage } from './version-log.ts';
import { logsRepo, variablesRepo } from './variables-repo.ts';

/** Everything persistent: the SQLite metadata and the blob files, under one data directory. */
export function openStore(dataDir: string, options: { sweepTmp?: boolean } = {}) {
  // Private assets and protected content live here: only the server's user may read a new one.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Only when no other server process may be writing there (single process, or the primary).
  if (options.sweepTmp ?? true) sweepTmp(dataDir);
  const db = openDb(join(dataDir, 'studio.db'));
  const blobs = new BlobStore(dataDir);
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
    close: () => db.close(),
    /** Records a version and moves its bytes into place, under one write lock. */
    recordVersion: (fields: Omit<VersionRow, 'sid' | 'date_created' | 'sha256' | 'size'>, staged: StagedBlob) =>
      db
        .transaction(() => {
          const version = addVersion({ ...fields, sha256: staged.sha256, size: staged.size });
          blobs.place(staged);
          return version;
        })
        .immediate(),
    /** Records a version with the bytes of an existing one (which must still exist when it commits). */
    copyVersion: (fields: Omit<VersionRow, 'sid' | 'date_created' | 'sha256' | 'size'>, sourceSid: string) =>
      db
        .transaction(() => {
          const source = files.versionBySid(sourceSid);
          return source ? addVersion({ ...fields, sha256: source.sha256, size: source.size }) : null;
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
