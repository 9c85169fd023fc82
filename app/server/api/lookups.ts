import type { Ctx } from '../context.ts';
import { notFound } from '../errors.ts';
import type { FileKind, FileRow } from '../store/files-repo.ts';

// The resources nested routes name, each checked to belong to its parent, or a 404 naming the path.

export async function serviceOf(ctx: Ctx, sid: string) {
  const service = await ctx.store.services.find(sid);
  if (!service) throw notFound(`/Services/${sid}`);
  return service;
}

export async function environmentOf(ctx: Ctx, serviceSid: string, envSid: string) {
  const service = await serviceOf(ctx, serviceSid);
  const env = await ctx.store.environments.find(service.sid, envSid);
  if (!env) throw notFound(`/Services/${serviceSid}/Environments/${envSid}`);
  return env;
}

export const collectionOf = (kind: FileKind) => (kind === 'asset' ? 'Assets' : 'Functions');

export async function fileOf(ctx: Ctx, kind: FileKind, serviceSid: string, sid: string): Promise<FileRow> {
  const service = await serviceOf(ctx, serviceSid);
  const file = await ctx.store.files.find(service.sid, kind, sid);
  if (!file) throw notFound(`/Services/${serviceSid}/${collectionOf(kind)}/${sid}`);
  return file;
}

export async function versionOf(
  ctx: Ctx,
  kind: FileKind,
  params: { ServiceSid: string; FileSid: string; Sid: string },
) {
  const file = await fileOf(ctx, kind, params.ServiceSid, params.FileSid);
  const version = await ctx.store.files.version(file.sid, params.Sid);
  if (!version) {
    throw notFound(`/Services/${params.ServiceSid}/${collectionOf(kind)}/${file.sid}/Versions/${params.Sid}`);
  }
  return version;
}

/** The newest version of a file, if it has one. */
export const latestOf = async (ctx: Ctx, file: FileRow) =>
  file.latest_version_sid ? ((await ctx.store.files.versionBySid(file.latest_version_sid)) ?? null) : null;
