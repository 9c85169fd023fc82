import type { Asset } from '../../../shared/api-schemas.ts';
import { assetPath } from '../../../shared/assets.ts';
import { pathProblem } from '../../../shared/paths.ts';
import { PRIVATE_MAX, PUBLIC_PROTECTED_MAX } from '../../../shared/quota.ts';
import { sizeProblem, type Visibility } from '../../../shared/visibility.ts';
import type { QueuedFile } from './upload-store.ts';

/** What stands between a queued file and its upload, checked before anything is sent. */
export type FileCheck =
  | { kind: 'ok' }
  /** The path is taken by an existing asset; uploading makes a new version of it if replace is chosen. */
  | { kind: 'clash'; asset: Asset }
  | { kind: 'problem'; field: 'size' | 'path' | 'metadata'; message: string };

export function checkFile(item: QueuedFile, queue: readonly QueuedFile[], assets: readonly Asset[]): FileCheck {
  const name = item.file.name;
  const size = sizeProblem(name, item.file.size, item.visibility);
  if (size) return { kind: 'problem', field: 'size', message: size };
  const path = pathProblem(item.path);
  if (path) return { kind: 'problem', field: 'path', message: path };
  const earlier = queue.find((other) => other.id !== item.id && other.path === item.path);
  if (earlier && queue.indexOf(earlier) < queue.indexOf(item)) {
    return {
      kind: 'problem',
      field: 'path',
      message: `Another file in this upload (${earlier.file.name}) already has the path ${item.path}`,
    };
  }
  if (item.removeMetadata && item.stripError) {
    return { kind: 'problem', field: 'metadata', message: `Metadata could not be removed: ${item.stripError}` };
  }
  const existing = assets.find((asset) => assetPath(asset) === item.path);
  if (existing && item.status !== 'done') return { kind: 'clash', asset: existing };
  return { kind: 'ok' };
}

/** True when the file can be sent: no problem, and a clash only if the user chose to replace. */
export function isSendable(check: FileCheck, item: QueuedFile): boolean {
  // With Remove metadata, the stripped copy must exist before anything is sent.
  if (item.removeMetadata && !item.stripped) return false;
  return check.kind === 'ok' || (check.kind === 'clash' && item.replace);
}

/** The path of an existing asset whose latest version has exactly the bytes this upload would send. */
export function identicalAssetPath(item: QueuedFile, assets: readonly Asset[]): string | null {
  const sha = item.removeMetadata ? item.hashes.stripped : item.hashes.file;
  if (!sha) return null;
  const same = assets.find((asset) => asset.latest_version?.sha256 === sha);
  return same ? assetPath(same) : null;
}

/** The per-build counts, as the server and the quota meter count them (shared/quota.ts). */
const COUNTED: { label: string; visibilities: readonly Visibility[]; max: number }[] = [
  { label: 'public and protected', visibilities: ['public', 'protected'], max: PUBLIC_PROTECTED_MAX },
  { label: 'private', visibilities: ['private'], max: PRIVATE_MAX },
];

/**
 * Per-build count limits that the service would break after these uploads: uploading still works,
 * but Deploy All (which builds every asset) would fail, so the dialog says so before anything is sent.
 */
export function buildCountWarnings(
  sending: readonly { item: QueuedFile; check: FileCheck }[],
  assets: readonly Asset[],
): string[] {
  const replaced = new Set(sending.flatMap(({ check }) => (check.kind === 'clash' ? [check.asset.sid] : [])));
  return COUNTED.flatMap(({ label, visibilities, max }) => {
    const counted = (visibility: Visibility | undefined) =>
      visibility !== undefined && visibilities.includes(visibility);
    const kept = assets.filter((a) => !replaced.has(a.sid) && counted(a.latest_version?.visibility)).length;
    const added = sending.filter(({ item }) => counted(item.visibility)).length;
    if (added === 0 || kept + added <= max) return [];
    return [
      `After this upload the service has ${kept + added} ${label} assets, but a build takes at most ${max}: Deploy All will fail until some are removed or given another visibility.`,
    ];
  });
}
