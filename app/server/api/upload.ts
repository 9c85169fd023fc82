import busboy from 'busboy';
import type { FastifyRequest } from 'fastify';
import { contentTypeForPath, sniffContentType } from '../../shared/content-type.ts';
import { normalizePath, pathProblem } from '../../shared/paths.ts';
import { formatLimit, LIMITS, MAX_VERSION_BYTES, parseVisibility, type Visibility } from '../../shared/visibility.ts';
import { badRequest, tooLarge } from '../errors.ts';
import { TooLargeError, type BlobStore, type StagedBlob } from '../store/blobs.ts';

export interface UploadedVersion {
  path: string;
  visibility: Visibility;
  blob: StagedBlob;
  contentType: string;
}

/**
 * Reads a multipart version upload (Path, Visibility, Content) straight into the blob store.
 * The size limit for the visibility is enforced while the bytes stream in (clients send Path and
 * Visibility first); on any error nothing is kept.
 */
export async function receiveVersion(request: FastifyRequest, blobs: BlobStore): Promise<UploadedVersion> {
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw badRequest('Versions are created with a multipart/form-data body (Path, Visibility, Content)');
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: request.headers,
      limits: { files: 1, fields: 20, fieldSize: 64 * 1024, parts: 30 },
    });
  } catch {
    throw badRequest('The multipart body has no boundary');
  }

  const fields: Record<string, string> = {};
  // Set from the parser's callback; a holder so the type checker sees it can change.
  const file: { stored: Promise<StagedBlob> | null } = { stored: null };
  let fileVisibilityLimit = MAX_VERSION_BYTES;
  let fileStream: (NodeJS.ReadableStream & { destroy(err?: Error): void }) | null = null;

  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream) => {
      if (name !== 'Content' || file.stored) {
        stream.resume();
        return;
      }
      // Path and Visibility normally come first: refuse bad ones before storing a byte.
      const early = fieldsProblem(fields, true);
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
    const problem = fieldsProblem(fields, false);
    if (problem) throw problem;
    const path = normalizePath(fields.Path!);
    const visibility = parseVisibility(fields.Visibility)!;
    if (blob.size === 0) throw badRequest(`Content of ${path} is empty; empty files cannot be uploaded`);
    if (blob.size > LIMITS[visibility].maxBytes) throw limitError(path, visibility);
    const type = contentTypeForPath(path) ?? sniffContentType(blob.head);
    return { path, visibility, blob, contentType: type };
  } catch (err) {
    request.raw.unpipe(parser);
    await discard();
    if (err instanceof TooLargeError) {
      const visibility = parseVisibility(fields.Visibility);
      throw visibility
        ? limitError(normalizePath(fields.Path ?? ''), visibility)
        : tooLarge(`Content is larger than ${formatLimit(err.limit)}`);
    }
    throw err;
  }
}

/** What is wrong with the Path and Visibility fields; `partial` allows them to be still missing. */
function fieldsProblem(fields: Record<string, string>, partial: boolean) {
  if (fields.Path === undefined || fields.Path === '') {
    if (!partial) return badRequest('Missing required parameter Path in the post body');
  } else {
    const problem = pathProblem(normalizePath(fields.Path));
    if (problem) return badRequest(`${problem}: ${JSON.stringify(fields.Path)}`);
  }
  if (fields.Visibility === undefined) {
    if (!partial) return badRequest('Missing required parameter Visibility in the post body');
  } else if (!parseVisibility(fields.Visibility)) {
    return badRequest('Visibility must be one of public, protected, private');
  }
  return null;
}

/** 413 for content over its visibility's size limit, naming both. */
export function limitError(path: string, visibility: Visibility) {
  return tooLarge(
    `${path} is too large: ${visibility} assets are limited to ${formatLimit(LIMITS[visibility].maxBytes)}`,
  );
}
