import type { Visibility } from '../../shared/visibility.ts';
import type { Db } from './db.ts';
import { newSid, nowIso, pageOf, type PageRequest } from './ids.ts';

/** Assets and Functions: a named slot whose content lives in immutable versions. */
export type FileKind = 'asset' | 'function';

export interface FileRow {
  sid: string;
  service_sid: string;
  kind: FileKind;
  friendly_name: string;
  latest_version_sid: string | null;
  deleted: number;
  date_created: string;
  date_updated: string;
}

export interface VersionRow {
  sid: string;
  service_sid: string;
  file_sid: string;
  kind: FileKind;
  path: string;
  visibility: Visibility;
  sha256: string;
  size: number;
  content_type: string;
  date_created: string;
  /** 1 when the uploader removed the image's metadata before sending it. */
  metadata_removed: number;
}

/** A version to record; metadata_removed defaults to 0. */
export type NewVersionFields = Omit<VersionRow, 'sid' | 'date_created' | 'metadata_removed'> & {
  metadata_removed?: number;
};

export function filesRepo(db: Db) {
  const list = db.prepare<[string, FileKind, number, number], FileRow>(
    'SELECT * FROM files WHERE service_sid = ? AND kind = ? AND deleted = 0 ORDER BY rowid LIMIT ? OFFSET ?',
  );
  const one = db.prepare<[string, FileKind, string], FileRow>(
    'SELECT * FROM files WHERE service_sid = ? AND kind = ? AND sid = ? AND deleted = 0',
  );
  const insert = db.prepare(
    `INSERT INTO files VALUES (@sid, @service_sid, @kind, @friendly_name, @latest_version_sid, @deleted,
       @date_created, @date_updated)`,
  );
  const rename = db.prepare('UPDATE files SET friendly_name = ?, date_updated = ? WHERE sid = ?');
  const versions = db.prepare<[string, number, number], VersionRow>(
    'SELECT * FROM versions WHERE file_sid = ? ORDER BY rowid DESC LIMIT ? OFFSET ?',
  );
  const version = db.prepare<[string, string], VersionRow>('SELECT * FROM versions WHERE file_sid = ? AND sid = ?');
  const versionBySid = db.prepare<[string], VersionRow>('SELECT * FROM versions WHERE sid = ?');
  const insertBlob = db.prepare('INSERT OR IGNORE INTO blobs VALUES (?, ?)');
  const insertVersion = db.prepare(
    `INSERT INTO versions VALUES (@sid, @service_sid, @file_sid, @kind, @path, @visibility, @sha256, @size,
       @content_type, @date_created, @metadata_removed)`,
  );
  const setLatest = db.prepare('UPDATE files SET latest_version_sid = ?, date_updated = ? WHERE sid = ?');
  const live = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM files WHERE sid = ? AND deleted = 0');
  const inBuild = db.prepare<[string], { n: number }>(
    'SELECT 1 AS n FROM build_versions bv JOIN versions v ON v.sid = bv.version_sid WHERE v.file_sid = ? LIMIT 1',
  );

  return {
    list: (serviceSid: string, kind: FileKind, page: PageRequest) =>
      pageOf((l, o) => list.all(serviceSid, kind, l, o), page),
    find: (serviceSid: string, kind: FileKind, sid: string) => one.get(serviceSid, kind, sid),
    /** True while the file exists and is not deleted (hidden). */
    isLive: (sid: string) => live.get(sid) !== undefined,

    create(serviceSid: string, kind: FileKind, friendlyName: string): FileRow {
      const now = nowIso();
      const row: FileRow = {
        sid: newSid(kind),
        service_sid: serviceSid,
        kind,
        friendly_name: friendlyName,
        latest_version_sid: null,
        deleted: 0,
        date_created: now,
        date_updated: now,
      };
      insert.run(row);
      return row;
    },

    rename(row: FileRow, friendlyName: string): FileRow {
      const next = { ...row, friendly_name: friendlyName, date_updated: nowIso() };
      rename.run(next.friendly_name, next.date_updated, next.sid);
      return next;
    },

    /**
     * Deletes a file. When a build holds any of its versions (deployed environments may serve
     * them), the versions stay and the file is only hidden.
     */
    remove: db.transaction((file: FileRow): void => {
      if (inBuild.get(file.sid)) {
        db.prepare('UPDATE files SET deleted = 1, date_updated = ? WHERE sid = ?').run(nowIso(), file.sid);
        return;
      }
      db.prepare('DELETE FROM versions WHERE file_sid = ?').run(file.sid);
      db.prepare('DELETE FROM files WHERE sid = ?').run(file.sid);
    }),

    /** Every blob the database knows. */
    blobHashes: () =>
      db
        .prepare<[], { sha256: string }>('SELECT sha256 FROM blobs')
        .all()
        .map((r) => r.sha256),

    /** Forgets blobs no version points at; returns their hashes. */
    dropUnusedBlobs: db.transaction((): string[] => {
      const unused = db
        .prepare<[], { sha256: string }>(
          'SELECT sha256 FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.sha256 = b.sha256)',
        )
        .all()
        .map((r) => r.sha256);
      const drop = db.prepare('DELETE FROM blobs WHERE sha256 = ?');
      for (const sha of unused) drop.run(sha);
      return unused;
    }),

    versions: (fileSid: string, page: PageRequest) => pageOf((l, o) => versions.all(fileSid, l, o), page),
    version: (fileSid: string, sid: string) => version.get(fileSid, sid),
    versionBySid: (sid: string) => versionBySid.get(sid),
    /** The file's latest version, if it has one. */
    latestVersion: (fileSid: string) =>
      db
        .prepare<[string], VersionRow>(
          'SELECT v.* FROM files f JOIN versions v ON v.sid = f.latest_version_sid WHERE f.sid = ?',
        )
        .get(fileSid),

    /** Records a version whose bytes are already in the blob store, and makes it the file's latest. */
    addVersion: db.transaction((fields: NewVersionFields): VersionRow => {
      const row: VersionRow = { sid: newSid('version'), metadata_removed: 0, ...fields, date_created: nowIso() };
      insertBlob.run(row.sha256, row.size);
      insertVersion.run(row);
      setLatest.run(row.sid, row.date_created, row.file_sid);
      return row;
    }),
  };
}

export type FilesRepo = ReturnType<typeof filesRepo>;
