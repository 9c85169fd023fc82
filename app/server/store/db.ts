import Database from 'better-sqlite3';

export type Db = Database.Database;

// Each entry runs once, in order, inside a transaction; user_version records how many ran.
const MIGRATIONS: string[] = [
  `
  CREATE TABLE services (
    sid TEXT PRIMARY KEY,
    unique_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    friendly_name TEXT NOT NULL,
    include_credentials INTEGER NOT NULL,
    ui_editable INTEGER NOT NULL,
    domain_base TEXT NOT NULL UNIQUE,
    date_created TEXT NOT NULL,
    date_updated TEXT NOT NULL
  );
  CREATE TABLE environments (
    sid TEXT PRIMARY KEY,
    service_sid TEXT NOT NULL REFERENCES services(sid),
    unique_name TEXT NOT NULL,
    domain_suffix TEXT,
    domain_name TEXT NOT NULL UNIQUE,
    build_sid TEXT REFERENCES builds(sid),
    date_created TEXT NOT NULL,
    date_updated TEXT NOT NULL,
    UNIQUE (service_sid, unique_name),
    UNIQUE (service_sid, domain_suffix)
  );
  CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL
  );
  -- Assets and Functions share one shape; kind tells them apart.
  CREATE TABLE files (
    sid TEXT PRIMARY KEY,
    service_sid TEXT NOT NULL REFERENCES services(sid),
    kind TEXT NOT NULL CHECK (kind IN ('asset', 'function')),
    friendly_name TEXT NOT NULL,
    latest_version_sid TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    date_created TEXT NOT NULL,
    date_updated TEXT NOT NULL
  );
  CREATE INDEX files_by_service ON files (service_sid, kind, deleted);
  CREATE TABLE versions (
    sid TEXT PRIMARY KEY,
    service_sid TEXT NOT NULL REFERENCES services(sid),
    file_sid TEXT NOT NULL REFERENCES files(sid),
    kind TEXT NOT NULL,
    path TEXT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'protected', 'private')),
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    size INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    date_created TEXT NOT NULL
  );
  CREATE INDEX versions_by_file ON versions (file_sid);
  CREATE TABLE builds (
    sid TEXT PRIMARY KEY,
    service_sid TEXT NOT NULL REFERENCES services(sid),
    status TEXT NOT NULL CHECK (status IN ('building', 'completed', 'failed')),
    dependencies TEXT NOT NULL,
    runtime TEXT NOT NULL,
    failure_reason TEXT,
    date_created TEXT NOT NULL,
    date_updated TEXT NOT NULL
  );
  CREATE INDEX builds_by_service ON builds (service_sid);
  CREATE TABLE build_versions (
    build_sid TEXT NOT NULL REFERENCES builds(sid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    version_sid TEXT NOT NULL REFERENCES versions(sid),
    PRIMARY KEY (build_sid, position)
  );
  CREATE INDEX build_versions_by_version ON build_versions (version_sid);
  CREATE TABLE deployments (
    sid TEXT PRIMARY KEY,
    service_sid TEXT NOT NULL REFERENCES services(sid),
    environment_sid TEXT NOT NULL REFERENCES environments(sid),
    build_sid TEXT NOT NULL REFERENCES builds(sid),
    date_created TEXT NOT NULL,
    date_updated TEXT NOT NULL
  );
  CREATE INDEX deployments_by_environment ON deployments (environment_sid);
  CREATE TABLE variables (
    sid TEXT PRIMARY KEY,
    service_sid TEXT NOT NULL REFERENCES services(sid),
    environment_sid TEXT NOT NULL REFERENCES environments(sid),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    date_created TEXT NOT NULL,
    date_updated TEXT NOT NULL,
    UNIQUE (environment_sid, key)
  );
  CREATE TABLE logs (
    sid TEXT PRIMARY KEY,
    service_sid TEXT NOT NULL REFERENCES services(sid),
    environment_sid TEXT NOT NULL REFERENCES environments(sid),
    build_sid TEXT,
    deployment_sid TEXT,
    function_sid TEXT,
    request_sid TEXT NOT NULL,
    level TEXT NOT NULL,
    message TEXT NOT NULL,
    date_created TEXT NOT NULL
  );
  CREATE INDEX logs_by_environment ON logs (environment_sid, date_created);
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    csrf_token TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );
  `,
  // Every change to what an environment serves, in commit order, written by the same transaction
  // (triggers), so that every server process can catch up on what it has not seen. Kept 10 minutes.
  `
  CREATE TABLE site_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    environment_sid TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE TRIGGER site_changes_on_insert AFTER INSERT ON environments BEGIN
    DELETE FROM site_changes WHERE at < unixepoch() - 600;
    INSERT INTO site_changes (environment_sid, at) VALUES (NEW.sid, unixepoch());
  END;
  CREATE TRIGGER site_changes_on_deploy AFTER UPDATE OF build_sid, domain_name ON environments BEGIN
    DELETE FROM site_changes WHERE at < unixepoch() - 600;
    INSERT INTO site_changes (environment_sid, at) VALUES (NEW.sid, unixepoch());
  END;
  CREATE TRIGGER site_changes_on_delete AFTER DELETE ON environments BEGIN
    DELETE FROM site_changes WHERE at < unixepoch() - 600;
    INSERT INTO site_changes (environment_sid, at) VALUES (OLD.sid, unixepoch());
  END;
  `,
  // The editor removed the image's metadata (GPS, camera serials, names) before uploading it:
  // the asset's details say so. Copies of a version (rename, visibility) keep the flag.
  `
  ALTER TABLE versions ADD COLUMN metadata_removed INTEGER NOT NULL DEFAULT 0;
  `,
];

/** The schema version a database has once migrated (user_version). */
export const SCHEMA_VERSION = MIGRATIONS.length;

const BUSY_TIMEOUT_MS = 5000;

/** Opens (creating if needed) the SQLite file and brings its schema up to date. */
export function openDb(file: string): Db {
  const db = new Database(file);
  // First, so that every statement after it waits for a lock instead of failing.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  enableWal(db);
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/**
 * Switching a new file to WAL needs an exclusive lock. While another connection holds the write
 * lock (another process migrating a fresh data directory), SQLite answers SQLITE_BUSY at once
 * instead of calling the busy handler, to avoid a deadlock: wait and retry instead.
 */
function enableWal(db: Db): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

function migrate(db: Db): void {
  // One step per transaction, taking the write lock first, so that several server processes
  // starting together apply each migration exactly once.
  const step = db.transaction((): boolean => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new Error(`The database schema (version ${current}) is newer than this server knows`);
    }
    if (current === MIGRATIONS.length) return false;
    db.exec(MIGRATIONS[current]!);
    db.pragma(`user_version = ${current + 1}`);
    return true;
  });
  while (step.immediate()) {
    // next migration
  }
}
