import { assetSchema, functionSchema, type Dependency } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import type { FileState } from '../build-diff.ts';

/** What Deploy All would build now: every asset's and function's latest version, and the dependencies. */
export interface NextBuild {
  files: FileState[];
  dependencies: Dependency[];
  /** Content types of the versions, for choosing a text diff (builds do not list them). */
  contentTypes: Map<string, string>;
}

/**
 * Read from the server at the moment of the review (every page of Assets and Functions), so what
 * is reviewed is exactly what gets built. Dependencies are the caller's (Deploy All's) list.
 */
export async function fetchNextBuild(serviceSid: string, dependencies: Dependency[] = []): Promise<NextBuild> {
  const [assets, functions] = await Promise.all([
    api.list(`/v1/Services/${serviceSid}/Assets`, 'assets', assetSchema, { PageSize: 1000 }),
    api.list(`/v1/Services/${serviceSid}/Functions`, 'functions', functionSchema, { PageSize: 1000 }),
  ]);
  const files: FileState[] = [];
  const contentTypes = new Map<string, string>();
  for (const a of assets) {
    const v = a.latest_version;
    if (!v) continue;
    files.push({
      kind: 'asset',
      fileSid: a.sid,
      versionSid: v.sid,
      path: v.path,
      visibility: v.visibility,
      size: v.size,
      sha256: v.sha256,
    });
    contentTypes.set(v.sid, v.content_type);
  }
  for (const f of functions) {
    const v = f.latest_version;
    if (!v) continue;
    files.push({
      kind: 'function',
      fileSid: f.sid,
      versionSid: v.sid,
      path: v.path,
      visibility: v.visibility,
      size: v.size,
      sha256: v.sha256,
    });
    contentTypes.set(v.sid, v.content_type);
  }
  return { files, dependencies, contentTypes };
}
