import type { FastifyInstance, FastifyReply } from 'fastify';
import { contentTypeForPath } from '../../shared/content-type.ts';
import { baseName, normalizePath, pathProblem } from '../../shared/paths.ts';
import { LIMITS, parseVisibility } from '../../shared/visibility.ts';
import { presentFor, type Ctx } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import type { FileKind, FileRow } from '../store/files-repo.ts';
import { asForm, maxLength, requiredString, type Form } from './form.ts';
import { listEnvelope, parsePaging } from './paging.ts';
import { serviceOf } from './services.ts';
import { limitError, receiveVersion } from './upload.ts';

type ServiceParams = { ServiceSid: string };
type FileParams = ServiceParams & { Sid: string };
type VersionParams = ServiceParams & { FileSid: string; Sid: string };

/** Assets and Functions have the same routes; `kind` picks the collection and its keys. */
export function fileRoutes(app: FastifyInstance, ctx: Ctx, kind: FileKind) {
  const { store } = ctx;
  const collection = kind === 'asset' ? 'Assets' : 'Functions';
  const listKey = kind === 'asset' ? 'assets' : 'functions';
  const versionsKey = kind === 'asset' ? 'asset_versions' : 'function_versions';
  const base = `/v1/Services/:ServiceSid/${collection}`;

  const fileOf = (serviceSid: string, sid: string): FileRow => {
    const service = serviceOf(ctx, serviceSid);
    const file = store.files.find(service.sid, kind, sid);
    if (!file) throw notFound(`/Services/${serviceSid}/${collection}/${sid}`);
    return file;
  };
  const latestOf = (file: FileRow) =>
    file.latest_version_sid ? store.files.versionBySid(file.latest_version_sid) : null;
  // Extension: a form-encoded POST with SourceVersionSid makes a version from another version's
  // bytes, so a rename or a visibility change does not send the content again.
  const copyVersion = (file: FileRow, form: Form) => {
    const sourceSid = requiredString(form, 'SourceVersionSid');
    const path = normalizePath(requiredString(form, 'Path'));
    const problem = pathProblem(path);
    if (problem) throw badRequest(`${problem}: ${JSON.stringify(path)}`);
    const visibility = parseVisibility(requiredString(form, 'Visibility'));
    if (!visibility) throw badRequest('Visibility must be one of public, protected, private');
    const source = store.files.versionBySid(sourceSid);
    if (!source || source.service_sid !== file.service_sid || source.kind !== kind) {
      throw badRequest(`SourceVersionSid ${sourceSid} is not a version of a ${kind} in this service`);
    }
    if (source.size > LIMITS[visibility].maxBytes) throw limitError(path, visibility);
    const version = store.copyVersion(
      {
        service_sid: file.service_sid,
        file_sid: file.sid,
        kind,
        path,
        visibility,
        content_type:
          kind === 'function' ? 'application/javascript' : (contentTypeForPath(path) ?? source.content_type),
      },
      source.sid,
    );
    if (!version) throw badRequest(`SourceVersionSid ${sourceSid} was deleted meanwhile`);
    return version;
  };

  const versionOf = (params: VersionParams) => {
    const file = fileOf(params.ServiceSid, params.FileSid);
    const version = store.files.version(file.sid, params.Sid);
    if (!version) throw notFound(`/Services/${params.ServiceSid}/${collection}/${file.sid}/Versions/${params.Sid}`);
    return version;
  };

  app.get<{ Params: ServiceParams }>(base, (request) => {
    const service = serviceOf(ctx, request.params.ServiceSid);
    const paging = parsePaging(request.query as Record<string, unknown>);
    const present = presentFor(ctx, request);
    return listEnvelope(request, listKey, paging, store.files.list(service.sid, kind, paging), (f) =>
      present.file(f, latestOf(f)),
    );
  });

  app.post<{ Params: ServiceParams }>(base, (request, reply) => {
    const service = serviceOf(ctx, request.params.ServiceSid);
    const name = maxLength('FriendlyName', requiredString(asForm(request.body), 'FriendlyName'), 255);
    const file = store.files.create(service.sid, kind, name);
    return reply.code(201).send(presentFor(ctx, request).file(file, null));
  });

  app.get<{ Params: FileParams }>(`${base}/:Sid`, (request) => {
    const file = fileOf(request.params.ServiceSid, request.params.Sid);
    return presentFor(ctx, request).file(file, latestOf(file));
  });

  app.post<{ Params: FileParams }>(`${base}/:Sid`, (request) => {
    const file = fileOf(request.params.ServiceSid, request.params.Sid);
    const name = maxLength('FriendlyName', requiredString(asForm(request.body), 'FriendlyName'), 255);
    const updated = store.files.rename(file, name);
    return presentFor(ctx, request).file(updated, latestOf(updated));
  });

  // Versions in a build stay so deployed environments keep serving them; see files-repo remove().
  app.delete<{ Params: FileParams }>(`${base}/:Sid`, async (request, reply) => {
    const file = fileOf(request.params.ServiceSid, request.params.Sid);
    store.files.remove(file);
    store.collectGarbage();
    return reply.code(204).send();
  });

  const versions = `${base}/:FileSid/Versions`;

  app.get<{ Params: ServiceParams & { FileSid: string } }>(versions, (request) => {
    const file = fileOf(request.params.ServiceSid, request.params.FileSid);
    const paging = parsePaging(request.query as Record<string, unknown>);
    return listEnvelope(
      request,
      versionsKey,
      paging,
      store.files.versions(file.sid, paging),
      presentFor(ctx, request).version,
    );
  });

  app.post<{ Params: ServiceParams & { FileSid: string } }>(versions, async (request, reply) => {
    const file = fileOf(request.params.ServiceSid, request.params.FileSid);
    if (request.headers['content-type']?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return reply.code(201).send(presentFor(ctx, request).version(copyVersion(file, asForm(request.body))));
    }
    const upload = await receiveVersion(request, store.blobs);
    let version;
    try {
      version = store.recordVersion(
        {
          service_sid: file.service_sid,
          file_sid: file.sid,
          kind,
          path: upload.path,
          visibility: upload.visibility,
          content_type: kind === 'function' ? 'application/javascript' : upload.contentType,
        },
        upload.blob,
      );
    } catch (err) {
      await store.blobs.discard(upload.blob);
      throw err;
    }
    return reply.code(201).send(presentFor(ctx, request).version(version));
  });

  app.get<{ Params: VersionParams }>(`${versions}/:Sid`, (request) =>
    presentFor(ctx, request).version(versionOf(request.params)),
  );

  if (kind === 'function') {
    // Twilio's Function Version Content: the source as text inside JSON.
    app.get<{ Params: VersionParams }>(`${versions}/:Sid/Content`, async (request) => {
      const version = versionOf(request.params);
      const chunks: Buffer[] = [];
      for await (const chunk of store.blobs.read(version.sha256)) chunks.push(chunk as Buffer);
      return {
        sid: version.sid,
        account_sid: ctx.config.accountSid,
        service_sid: version.service_sid,
        function_sid: version.file_sid,
        content: Buffer.concat(chunks).toString('utf-8'),
        url: `${presentFor(ctx, request).version(version).url}/Content`,
      };
    });
  } else {
    // Extension: the raw bytes of an asset version, for the editor. Sent as an attachment in a
    // sandbox so user HTML or SVG can never run on the editor's origin.
    app.get<{ Params: VersionParams }>(`${versions}/:Sid/Content`, (request, reply: FastifyReply) => {
      const version = versionOf(request.params);
      const name = baseName(version.path).replace(/[^\w.-]/g, '_');
      return reply
        .header('Content-Type', version.content_type)
        .header('Content-Length', String(version.size))
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .header('Content-Security-Policy', "sandbox; default-src 'none'")
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, max-age=31536000, immutable')
        .send(store.blobs.read(version.sha256));
    });
  }
}
