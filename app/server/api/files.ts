import type { FastifyRequest } from 'fastify';
import { LIMITS, type Visibility } from '../../shared/visibility.ts';
import type { Ctx } from '../context.ts';
import { badRequest } from '../errors.ts';
import type { PageRequest } from '../store/ids.ts';
import type { FileKind, FileRow } from '../store/files-repo.ts';
import { createVersion } from './create-version.ts';
import { fileOf, serviceOf } from './lookups.ts';
import { limitError, receiveVersion } from './upload.ts';

/** A form-encoded Create Version: a copy of another version's bytes (an extension). */
interface CopyBody {
  SourceVersionSid: string;
  Path: string;
  Visibility: Visibility;
}

/**
 * What the Assets and Functions routes do, written once: they differ only in `kind` (and in the
 * names and shapes their responses use, which assets.ts and functions.ts give).
 */
export function fileActions(ctx: Ctx, kind: FileKind) {
  const { store } = ctx;

  // Extension: a form-encoded POST with SourceVersionSid makes a version from another version's
  // bytes, so a rename or a visibility change does not send the content again.
  const copy = async (file: FileRow, body: CopyBody) => {
    const source = await store.files.versionBySid(body.SourceVersionSid);
    if (!source || source.service_sid !== file.service_sid || source.kind !== kind) {
      throw badRequest(`SourceVersionSid ${body.SourceVersionSid} is not a version of a ${kind} in this service`);
    }
    if (source.size > LIMITS[body.Visibility].maxBytes) throw limitError(body.Path, body.Visibility);
    return createVersion(ctx, file, { path: body.Path, visibility: body.Visibility }, { sourceSid: source.sid });
  };

  return {
    /** A page of files, each with its latest version (read in one query for the page). */
    async list(serviceSid: string, page: PageRequest) {
      const files = await store.files.list((await serviceOf(ctx, serviceSid)).sid, kind, page);
      const latest = await store.files.versionsBySid(files.items.flatMap((f) => f.latest_version_sid ?? []));
      return {
        hasMore: files.hasMore,
        items: files.items.map((file) => ({
          file,
          latest: (file.latest_version_sid && latest.get(file.latest_version_sid)) || null,
        })),
      };
    },
    create: async (serviceSid: string, name: string) =>
      store.files.create((await serviceOf(ctx, serviceSid)).sid, kind, name),
    find: (serviceSid: string, sid: string) => fileOf(ctx, kind, serviceSid, sid),
    rename: async (serviceSid: string, sid: string, name: string) =>
      store.files.rename(await fileOf(ctx, kind, serviceSid, sid), name),
    /** Versions in a build stay so deployed environments keep serving them; see files-repo remove(). */
    async remove(serviceSid: string, sid: string) {
      await store.files.remove(await fileOf(ctx, kind, serviceSid, sid));
      await store.collectGarbage();
    },
    versions: async (serviceSid: string, fileSid: string, page: PageRequest) =>
      store.files.versions((await fileOf(ctx, kind, serviceSid, fileSid)).sid, page),

    /** A multipart upload streamed into the blob store, or a copy when the body is a form. */
    async createVersion(
      request: FastifyRequest,
      serviceSid: string,
      fileSid: string,
      body: CopyBody | null | undefined,
    ) {
      const file = await fileOf(ctx, kind, serviceSid, fileSid);
      if (body) return copy(file, body);
      const upload = await receiveVersion(request, store.blobs);
      return createVersion(
        ctx,
        file,
        { path: upload.path, visibility: upload.visibility, metadataRemoved: upload.metadataRemoved },
        { staged: upload.blob, contentType: upload.contentType },
      );
    },
  };
}

export type FileActions = ReturnType<typeof fileActions>;
