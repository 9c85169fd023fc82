import busboy from 'busboy';
import type { FastifyRequest } from 'fastify';
import { versionUploadFields } from '../../shared/api-endpoints.ts';
import { contentTypeForPath, sniffContentType } from '../../shared/content-type.ts';
import { normalizePath } from '../../shared/paths.ts';
import { formatLimit, LIMITS, MAX_VERSION_BYTES, parseVisibility, type Visibility } from '../../shared/visibility.ts';
import { badRequest, tooLarge } from '../errors.ts';
import { TooLargeError, type ContentStore, type StagedBlob } from '../store/blobs.ts';

export interface UploadedVersion {
  path: string;
  visibility: Visibility;
  blob: StagedBlob;
  contentType: string;
  /** The client says it removed the image's metadata (an extension field). */
  metadataRemoved: boolean;
}

/**
 * Reads a multipart version upload (Path, Visibility, Content) straight into the blob store.
 * The size limit for the visibility is enforced while the bytes stream in (clients send Path and
 * Visibility first); on any error nothing is kept.
 */
export async function receiveVersion(request: FastifyRequest, blobs: ContentStore): Promise<UploadedVersion> {
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw badRequest('Versions are created with a multipart/form-data body (Path, Visibility, Content)');
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: request.headers,
      // More than one file part is allowed through so that a second Content can be refused.
      limits: { files: 5, fields: 20, fieldSize: 64 * 1024, parts: 30 },
    });
  } catch {
    throw badRequest('The multipart body has no boundary');
  }

  // Repeated fields become arrays, which the field schema refuses as ambiguous.
  const fields: Record<string, string | string[]> = {};
  // Set from the parser's callback; a holder so the type checker sees it can change.
  const file: { stored: Promise<StagedBlob> | null } = { stored: null };
  let fileVisibilityLimit = MAX_VERSION_BYTES;
  let fileStream: (NodeJS.ReadableStream & { destroy(err?: Error): void }) | null = null;

  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('field', (name, value) => {
      const prev = fields[name];
      fields[name] = prev === undefined ? value : [prev, value].flat();
    });
    parser.on('file', (name, stream) => {
      if (name !== 'Content') {
        stream.resume();
        return;
      }
      if (file.stored) {
        // Which of two contents would be meant is anyone's guess: keep neither.
        stream.resume();
        reject(badRequest('Content must be sent once; this upload has more than one Content part'));
        return;
      }
      // Path and Visibility normally come first: refuse bad ones before storing a byte.
      const early = fieldsProblem(fields);
      if (early) {
        stream.resume();
        reject(early);
        return;
      }
      const visibility = parseVisibility(fields.Visibility);
      if (visibility) fileVisibilityLimit = LIMITS[visibility].maxBytes;
      fileStream = stream;
      file.stored = blobs.write(stream, fileVisibilityLimit);
      // Over the limit: answer now rather than after the client has sent everything. This handler
      // also keeps an early failure from counting as unhandled before it is awaited below.
      file.stored.catch((err: unknown) => {
        if (err instanceof TooLargeError) reject(err);
      });
    });
    parser.on('error', (err: Error) => reject(badRequest(`Malformed multipart body: ${err.message}`)));
    parser.on('close', resolve);
    const interrupted = (err: Error) => {
      fileStream?.destroy(err);
      reject(err);
    };
    request.raw.on('aborted', () => interrupted(new Error('Upload aborted by the client')));
    request.raw.on('error', interrupted);
    request.raw.on('close', () => {
      if (!request.raw.complete) interrupted(new Error('Upload aborted by the client'));
    });
  });

  // A blob written for a refused upload goes, unless identical bytes belong to a version.
  const discard = async () => {
    const blob = await (file.stored ?? Promise.resolve(null)).catch(() => null);
    if (blob) await blobs.discard(blob);
  };

  try {
    request.raw.pipe(parser);
    await parsed;
    if (!file.stored) throw badRequest('Missing required parameter Content in the post body');
    const blob = await file.stored;
    const checked = versionUploadFields.safeParse(fields);
    if (!checked.success) throw badRequest(checked.error.issues[0]!.message);
    const { Path: path, Visibility: visibility, MetadataRemoved: metadataRemoved = false } = checked.data;
    if (blob.size === 0) throw badRequest(`Content of ${path} is empty; empty files cannot be uploaded`);
    if (blob.size > LIMITS[visibility].maxBytes) throw limitError(path, visibility);
    const type = contentTypeForPath(path) ?? sniffContentType(blob.head);
    return { path, visibility, blob, contentType: type, metadataRemoved };
  } catch (err) {
    request.raw.unpipe(parser);
    await discard();
    if (err instanceof TooLargeError) {
      const visibility = parseVisibility(fields.Visibility);
      throw visibility
        ? limitError(normalizePath(typeof fields.Path === 'string' ? fields.Path : ''), visibility)
        : tooLarge(`Content is larger than ${formatLimit(err.limit)}`);
    }
    throw err;
  }
}

/** What is wrong with the Path and Visibility fields so far (they may be still to come), or null. */
function fieldsProblem(fields: Record<string, string | string[]>) {
  const checked = versionUploadFields.partial().safeParse(fields);
  return checked.success ? null : badRequest(checked.error.issues[0]!.message);
}

/** 413 for content over its visibility's size limit, naming both. */
export function limitError(path: string, visibility: Visibility) {
  return tooLarge(
    `${path} is too large: ${visibility} assets are limited to ${formatLimit(LIMITS[visibility].maxBytes)}`,
  );
}
