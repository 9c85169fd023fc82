import { assetSchema, functionSchema, functionVersionSchema } from '../../../../shared/api-schemas.ts';
import { assetPath } from '../../../../shared/assets.ts';
import { baseName } from '../../../../shared/paths.ts';
import { api, uploadVersion } from '../../../lib/api-client.ts';
import type { ImportPlan } from '../toolkit-plan.ts';
import { createAssetVersion } from './create-asset-version.ts';

/**
 * Creates the planned assets and functions through the API, one file at a time: a new version of
 * an existing one at the same path, else a new asset or function. Reports each file as it starts.
 */
export async function importProject(
  serviceSid: string,
  plan: ImportPlan,
  onProgress: (done: number, current: string | null) => void,
  signal: AbortSignal,
): Promise<void> {
  const base = `/v1/Services/${serviceSid}`;
  const assets = await api.list(`${base}/Assets`, 'assets', assetSchema, { PageSize: 1000 });
  const functions = await api.list(`${base}/Functions`, 'functions', functionSchema, { PageSize: 1000 });
  let done = 0;
  for (const item of plan.items) {
    if (signal.aborted) throw new Error('Import cancelled');
    onProgress(done, item.path);
    const filename = baseName(item.file.name);
    if (item.kind === 'asset') {
      const existing = assets.find((a) => assetPath(a) === item.path);
      await createAssetVersion({
        serviceSid,
        assetSid: existing?.sid ?? null,
        path: item.path,
        visibility: item.visibility,
        content: item.file.content,
        filename,
        signal,
      });
    } else {
      const existing = functions.find((f) => (f.latest_version?.path ?? f.friendly_name) === item.path);
      const sid =
        existing?.sid ?? (await api.post(`${base}/Functions`, functionSchema, { FriendlyName: item.path })).sid;
      await uploadVersion(
        `${base}/Functions/${sid}/Versions`,
        { Path: item.path, Visibility: item.visibility, Content: item.file.content, filename },
        functionVersionSchema,
        () => undefined,
        signal,
      );
    }
    done += 1;
  }
  onProgress(done, null);
}
