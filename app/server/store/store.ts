import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BlobStore } from './blobs.ts';
import { buildsRepo } from './builds-repo.ts';
import { openDb } from './db.ts';
import { environmentsRepo } from './environments-repo.ts';
import { filesRepo } from './files-repo.ts';
import { servicesRepo } from './services-repo.ts';
import { sessionsRepo } from './sessions-repo.ts';
import { logsRepo, variablesRepo } from './variables-repo.ts';

/** Everything persistent: the SQLite metadata and the blob files, under one data directory. */
export function openStore(dataDir: string) {
  mkdirSync(dataDir, { recursive: true });
  const db = openDb(join(dataDir, 'studio.db'));
  const blobs = new BlobStore(dataDir);
  const files = filesRepo(db);
  return {
    db,
    blobs,
    services: servicesRepo(db),
    environments: environmentsRepo(db),
    files,
    builds: buildsRepo(db),
    variables: variablesRepo(db),
    logs: logsRepo(db),
    sessions: sessionsRepo(db),
    close: () => db.close(),
    /** Deletes the bytes no version needs any more (after deleting assets or services). */
    async collectGarbage(): Promise<number> {
      const unused = files.dropUnusedBlobs((sha) => blobs.isPending(sha));
      for (const sha of unused) await blobs.removeUnused(sha, files.blobInUse);
      return unused.length;
    },
  };
}

export type Store = ReturnType<typeof openStore>;
