import type { Ctx } from '../context.ts';
import { notFound } from '../errors.ts';
import type { FileKind, FileRow } from '../store/files-repo.ts';

// The resources nested routes name, each checked to belong to its parent, or a 404 naming the path.

export function serviceOf(ctx: Ctx, sid: string) {
  const service = ctx.store.services.find(sid);
  if (!service) throw notFound(`/Services/${sid}`);
  return service;
}

export function environmentOf(ctx: Ctx, serviceSid: string, envSid: string) {
  const service = serviceOf(ctx, serviceSid);
  const env = ctx.store.environments.find(service.sid, envSid);
  if (!env) throw notFound(`/Services/${serviceSid}/Environments/${envSid}`);
  return env;
}

export const collectionOf = (kind: FileKind) => (kind === 'asset' ? 'Assets' : 'Functions');

export function fileOf(ctx: Ctx, kind: FileKind, serviceSid: string, sid: string): FileRow {
  const service = serviceOf(ctx, serviceSid);
  const file = ctx.store.files.find(service.sid, kind, sid);
  if (!file) throw notFound(`/Services/${serviceSid}/${collectionOf(kind)}/${sid}`);
  return file;
}

export function versionOf(ctx: Ctx, kind: FileKind, params: { ServiceSid: string; FileSid: string; Sid: string }) {
  const file = fileOf(ctx, kind, params.ServiceSid, params.FileSid);
  const version = ctx.store.files.version(file.sid, params.Sid);
  if (!version) {
    throw notFound(`/Services/${params.ServiceSid}/${collectionOf(kind)}/${file.sid}/Versions/${params.Sid}`);
  }
  return version;
}

/** The newest version of a file, if it has one. */
export const latestOf = (ctx: Ctx, file: FileRow) =>
  file.latest_version_sid ? (ctx.store.files.versionBySid(file.latest_version_sid) ?? null) : null;
