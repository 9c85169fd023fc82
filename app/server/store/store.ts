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
  return {
    db,
    blobs: new BlobStore(dataDir),
    services: servicesRepo(db),
    environments: environmentsRepo(db),
    files: filesRepo(db),
    builds: buildsRepo(db),
    variables: variablesRepo(db),
    logs: logsRepo(db),
    sessions: sessionsRepo(db),
    close: () => db.close(),
  };
}

export type Store = ReturnType<typeof openStore>;
