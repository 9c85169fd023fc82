import { formatBytes, LIMITS, type Visibility } from './visibility.ts';

/** Public and protected assets share one count per build (the per-visibility cap is the same number). */
export const PUBLIC_PROTECTED_MAX = Math.max(LIMITS.public.maxCount, LIMITS.protected.maxCount);
/** Private assets per build. */
export const PRIVATE_MAX = LIMITS.private.maxCount;
/** From this share of a limit on, the quota meter warns. */
export const NEAR_LIMIT = 0.9;

/** What one build would hold, counted the way its limits are. */
export interface QuotaUsage {
  publicProtected: number;
  private: number;
  /** Bytes of every asset in the build. */
  totalBytes: number;
}

/** Counts the assets a build would hold (anything with a visibility and a size). */
export function quotaUsage(assets: Iterable<{ visibility: Visibility; size: number }>): QuotaUsage {
  const usage: QuotaUsage = { publicProtected: 0, private: 0, totalBytes: 0 };
  for (const a of assets) {
    if (a.visibility === 'private') usage.private += 1;
    else usage.publicProtected += 1;
    usage.totalBytes += a.size;
  }
  return usage;
}

/** ok, near a limit (a warning), or over one (the build will fail). */
export type QuotaLevel = 'ok' | 'near' | 'over';

function levelOf(count: number, max: number): QuotaLevel {
  return count > max ? 'over' : count >= max * NEAR_LIMIT ? 'near' : 'ok';
}

/** The level of each count and of the whole. */
export function quotaLevels(usage: QuotaUsage) {
  const publicProtected = levelOf(usage.publicProtected, PUBLIC_PROTECTED_MAX);
  const privateLevel = levelOf(usage.private, PRIVATE_MAX);
  const rank = { ok: 0, near: 1, over: 2 } as const;
  const overall = rank[publicProtected] >= rank[privateLevel] ? publicProtected : privateLevel;
  return { publicProtected, private: privateLevel, overall };
}

/** What fails, or is about to, in words the editor shows; empty when nothing is near a limit. */
export function quotaMessages(usage: QuotaUsage): string[] {
  const levels = quotaLevels(usage);
  const messages: string[] = [];
  const say = (level: QuotaLevel, count: number, max: number, what: string) => {
    if (level === 'over') {
      messages.push(
        `${count} ${what} assets, over the ${max} a build may hold: Deploy All will fail until ${count - max} ${count - max === 1 ? 'is' : 'are'} removed or made ${what === 'private' ? 'public or protected' : 'private'}.`,
      );
    } else if (level === 'near') {
      messages.push(
        `${count} of ${max} ${what} assets: ${max - count} more and Deploy All will fail (the build is refused past ${max}).`,
      );
    }
  };
  say(levels.publicProtected, usage.publicProtected, PUBLIC_PROTECTED_MAX, 'public and protected');
  say(levels.private, usage.private, PRIVATE_MAX, 'private');
  return messages;
}

/** The problem a build of this usage has, as the build reports it; null when within the limits. */
export function quotaProblem(usage: QuotaUsage): string | null {
  if (usage.publicProtected > PUBLIC_PROTECTED_MAX) {
    return `The build has ${usage.publicProtected} public and protected assets; at most ${PUBLIC_PROTECTED_MAX} are allowed in one build`;
  }
  if (usage.private > PRIVATE_MAX) {
    return `The build has ${usage.private} private assets; at most ${PRIVATE_MAX} private assets are allowed in one build`;
  }
  return null;
}

/** "12.3 MB in 1000 assets" */
export function formatUsageSize(usage: QuotaUsage): string {
  const n = usage.publicProtected + usage.private;
  return `${formatBytes(usage.totalBytes)} in ${n} asset${n === 1 ? '' : 's'}`;
}
