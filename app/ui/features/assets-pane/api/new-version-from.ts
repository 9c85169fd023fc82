import { assetVersionSchema, functionVersionSchema } from '../../../../shared/api-schemas.ts';
import type { Visibility } from '../../../../shared/visibility.ts';
import { api } from '../../../lib/api-client.ts';
import { filesPath, kindOf, type FileVersion, type PaneFile } from '../../../lib/files.ts';

/**
 * Versions are immutable, so a new path or visibility is a new version with the same bytes; the
 * server copies them from the latest version (SourceVersionSid), nothing is sent again.
 */
export async function newVersionFrom(
  file: PaneFile,
  change: { path?: string; visibility?: Visibility },
): Promise<FileVersion> {
  const latest = file.latest_version;
  if (!latest) throw new Error(`${file.friendly_name} has no content yet`);
  const kind = kindOf(file);
  return api.post(
    `${filesPath(file.service_sid, kind)}/${file.sid}/Versions`,
    kind === 'asset' ? assetVersionSchema : functionVersionSchema,
    {
      SourceVersionSid: latest.sid,
      Path: change.path ?? latest.path,
      Visibility: change.visibility ?? latest.visibility,
    },
  );
}

/** The list with one file's latest version replaced (optimistic updates), still sorted by path. */
export function withLatest<T extends PaneFile>(
  list: T[] | undefined,
  fileSid: string,
  change: { path?: string; visibility?: Visibility },
): T[] | undefined {
  return list?.map((f) =>
    f.sid === fileSid && f.latest_version
      ? { ...f, latest_version: { ...f.latest_version, ...change, sid: `pending-${f.latest_version.sid}` } }
      : f,
  );
}
