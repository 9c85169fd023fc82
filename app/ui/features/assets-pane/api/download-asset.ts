import type { AssetVersion } from '../../../../shared/api-schemas.ts';
import { baseName } from '../../../../shared/paths.ts';
import { api } from '../../../lib/api-client.ts';
import { contentPath } from './new-version-from.ts';

/** Saves the version's bytes as a file (through the session; the content URL needs auth). */
export async function downloadAsset(version: AssetVersion): Promise<void> {
  const blob = await api.blob(contentPath(version));
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = baseName(version.path);
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
