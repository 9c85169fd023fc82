/** SQL for each engine; the two say the same thing in their own types and features. */
export interface Migration {
  sqlite: string;
  postgres: string;
}

/** A migration whose SQL both engines accept as it is. */
const both = (sql: string): Migration => ({ sqlite: sql, postgres: sql });

/**
 * The schema's history: each entry runs once, in order, inside a transaction under a lock that
 * instances starting together share (see db.ts). SQLite counts them in user_version (as before
 * PostgreSQL was supported, so existing files carry on), PostgreSQL in the schema_version table.
 * Add new ones at the end.
 */
export const MIGRATIONS: Migration[] = [
  {
    sqlite: `
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
    postgres: `
    CREATE TABLE services (
      rowid BIGSERIAL NOT NULL UNIQUE,
      sid TEXT PRIMARY KEY,
      unique_name TEXT NOT NULL,
      friendly_name TEXT NOT NULL,
      include_credentials INTEGER NOT NULL,
      ui_editable INTEGER NOT NULL,
      domain_base TEXT NOT NULL UNIQUE,
      date_created TEXT NOT NULL,
      date_updated TEXT NOT NULL
    );
    -- SQLite's COLLATE NOCASE (ASCII case folding, as lower() does).
    CREATE UNIQUE INDEX services_unique_name ON services (lower(unique_name));
    CREATE TABLE builds (
      rowid BIGSERIAL NOT NULL UNIQUE,
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
    CREATE TABLE environments (
      rowid BIGSERIAL NOT NULL UNIQUE,
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
      size BIGINT NOT NULL
    );
    CREATE TABLE files (
      rowid BIGSERIAL NOT NULL UNIQUE,
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
      rowid BIGSERIAL NOT NULL UNIQUE,
      sid TEXT PRIMARY KEY,
      service_sid TEXT NOT NULL REFERENCES services(sid),
      file_sid TEXT NOT NULL REFERENCES files(sid),
      kind TEXT NOT NULL,
      path TEXT NOT NULL,
      visibility TEXT NOT NULL CHECK (visibility IN ('public', 'protected', 'private')),
      sha256 TEXT NOT NULL REFERENCES blobs(sha256),
      size BIGINT NOT NULL,
      content_type TEXT NOT NULL,
      date_created TEXT NOT NULL
    );
    CREATE INDEX versions_by_file ON versions (file_sid);
    CREATE INDEX versions_by_sha256 ON versions (sha256);
    CREATE TABLE build_versions (
      build_sid TEXT NOT NULL REFERENCES builds(sid) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      version_sid TEXT NOT NULL REFERENCES versions(sid),
      PRIMARY KEY (build_sid, position)
    );
    CREATE INDEX build_versions_by_version ON build_versions (version_sid);
    CREATE TABLE deployments (
      rowid BIGSERIAL NOT NULL UNIQUE,
      sid TEXT PRIMARY KEY,
      service_sid TEXT NOT NULL REFERENCES services(sid),
      environment_sid TEXT NOT NULL REFERENCES environments(sid),
      build_sid TEXT NOT NULL REFERENCES builds(sid),
      date_created TEXT NOT NULL,
      date_updated TEXT NOT NULL
    );
    CREATE INDEX deployments_by_environment ON deployments (environment_sid);
    CREATE TABLE variables (
      rowid BIGSERIAL NOT NULL UNIQUE,
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
      rowid BIGSERIAL NOT NULL UNIQUE,
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
      expires_at BIGINT NOT NULL
    );
    `,
  },
  // Every change to what an environment serves, in commit order, written by the same transaction
  // (triggers), so that every server process can catch up on what it has not seen. Kept 10 minutes.
  {
    sqlite: `
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
    postgres: `
    CREATE TABLE site_changes (
      seq BIGSERIAL PRIMARY KEY,
      environment_sid TEXT NOT NULL,
      at BIGINT NOT NULL
    );
    CREATE FUNCTION site_changes_record() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      env TEXT := CASE WHEN TG_OP = 'DELETE' THEN OLD.sid ELSE NEW.sid END;
      now_s BIGINT := extract(epoch FROM now())::BIGINT;
    BEGIN
      -- Sequence numbers are handed out before commit: one writer of the journal at a time (until
      -- its commit) makes their order the commit order, so that a reader never skips one.
      PERFORM pg_advisory_xact_lock(1936290915);
      DELETE FROM site_changes WHERE at < now_s - 600;
      INSERT INTO site_changes (environment_sid, at) VALUES (env, now_s);
      -- Delivered at commit, to every instance listening (see runtime/sites.ts).
      PERFORM pg_notify('site_changes', env);
      RETURN NULL;
    END
    $$;
    CREATE TRIGGER site_changes_on_insert AFTER INSERT ON environments
      FOR EACH ROW EXECUTE FUNCTION site_changes_record();
    CREATE TRIGGER site_changes_on_deploy AFTER UPDATE OF build_sid, domain_name ON environments
      FOR EACH ROW EXECUTE FUNCTION site_changes_record();
    CREATE TRIGGER site_changes_on_delete AFTER DELETE ON environments
      FOR EACH ROW EXECUTE FUNCTION site_changes_record();
    `,
  },
  // For several instances. Builds are run by one instance at a time, which says so every few
  // seconds; another takes over a build whose owner went quiet (see builds/run-build.ts). Content
  // is placed before its version is recorded (an object store cannot join a database transaction):
  // placing_since keeps garbage collection away from content being placed (see store.ts).
  {
    sqlite: `
    ALTER TABLE builds ADD COLUMN owner TEXT;
    ALTER TABLE builds ADD COLUMN heartbeat_at INTEGER;
    ALTER TABLE blobs ADD COLUMN placing_since INTEGER;
    CREATE INDEX versions_by_sha256 ON versions (sha256);
    `,
    postgres: `
    ALTER TABLE builds ADD COLUMN owner TEXT;
    ALTER TABLE builds ADD COLUMN heartbeat_at BIGINT;
    ALTER TABLE blobs ADD COLUMN placing_since BIGINT;
    `,
  },
  // The dependency list and runtime each service keeps between deploys (the editor's Dependencies).
  both(`
    CREATE TABLE service_dependencies (
      service_sid TEXT PRIMARY KEY REFERENCES services(sid) ON DELETE CASCADE,
      dependencies TEXT NOT NULL,
      runtime TEXT NOT NULL,
      date_updated TEXT NOT NULL
    );
  `),
  // Which kind of client made each deployment (the editor's History): editor, twilio-run or api.
  both(`ALTER TABLE deployments ADD COLUMN client TEXT;`),
  // Whether the uploader removed an image's metadata before sending it (the upload dialog's metadata guard).
  both(`ALTER TABLE versions ADD COLUMN metadata_removed INTEGER NOT NULL DEFAULT 0;`),
];
