import type { AssetVersion } from '../../../../shared/api-schemas.ts';
import { baseName } from '../../../../shared/paths.ts';
import { versionContentPath } from '../../../../shared/urls.ts';

/**
 * Saves the version's bytes as a file. The browser fetches the content URL itself (same origin,
 * session cookie; the server answers as an attachment), so large files stream to disk.
 */
export function downloadAsset(version: AssetVersion): void {
  const link = document.createElement('a');
  link.href = versionContentPath(version);
  link.download = baseName(version.path);
  document.body.append(link);
  link.click();
  link.remove();
}
