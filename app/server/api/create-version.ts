import { contentTypeForPath } from '../../shared/content-type.ts';
import type { Visibility } from '../../shared/visibility.ts';
import type { Ctx } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import type { StagedBlob } from '../store/blobs.ts';
import type { FileRow, VersionRow } from '../store/files-repo.ts';
import { collectionOf } from './lookups.ts';

/** Where a new version's bytes come from: an upload staged in the blob store, or another version. */
export type VersionContent = { staged: StagedBlob; contentType: string } | { sourceSid: string };

/**
 * The one place a version of an asset or function is created (uploads and copies alike). The file
 * is checked again in the write transaction, so a version is never added to a file deleted while
 * its bytes streamed in; staged bytes nobody records are discarded.
 */
export async function createVersion(
  ctx: Ctx,
  file: FileRow,
  fields: { path: string; visibility: Visibility; metadataRemoved?: boolean },
  content: VersionContent,
): Promise<VersionRow> {
  const { store } = ctx;
  const row = {
    service_sid: file.service_sid,
    file_sid: file.sid,
    kind: file.kind,
    path: fields.path,
    visibility: fields.visibility,
  };
  const gone = () => notFound(`/Services/${file.service_sid}/${collectionOf(file.kind)}/${file.sid}`);
  if ('staged' in content) {
    const contentType = file.kind === 'function' ? 'application/javascript' : content.contentType;
    let version: VersionRow | null = null;
    try {
      const metadataRemoved = file.kind === 'asset' && fields.metadataRemoved === true ? 1 : 0;
      version = await store.recordVersion(
        { ...row, content_type: contentType, metadata_removed: metadataRemoved },
        content.staged,
      );
    } finally {
      if (!version) await store.blobs.discard(content.staged);
    }
    if (!version) throw gone();
    return version;
  }
  const source = await store.files.versionBySid(content.sourceSid);
  const contentType =
    file.kind === 'function' ? 'application/javascript' : (contentTypeForPath(fields.path) ?? source?.content_type);
  const result = await store.copyVersion(
    { ...row, content_type: contentType ?? 'application/octet-stream' },
    content.sourceSid,
  );
  if (result === 'file-gone') throw gone();
  if (result === 'source-gone') throw badRequest(`SourceVersionSid ${content.sourceSid} was deleted meanwhile`);
  return result;
}
