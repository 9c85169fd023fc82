import type { VersionRow } from './files-repo.ts';

/** The log line for a new version: created, renamed, visibility changed, or new content. */
export function versionLogMessage(version: VersionRow, previous: VersionRow | undefined): string {
  const what = `${version.kind === 'asset' ? 'Asset' : 'Function'} ${version.file_sid}`;
  const tail = `(version ${version.sid})`;
  if (!previous) return `${what} created at ${version.path}, ${version.visibility} ${tail}`;
  const changes = [
    previous.path !== version.path ? `renamed ${previous.path} → ${version.path}` : null,
    previous.visibility !== version.visibility
      ? `visibility of ${version.path} changed ${previous.visibility} → ${version.visibility}`
      : null,
  ].filter(Boolean);
  if (changes.length > 0) return `${what} ${changes.join('; ')} ${tail}`;
  return `${what} has new content at ${version.path} ${tail}`;
}
