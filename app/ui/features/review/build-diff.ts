import type { Build, Dependency } from '../../../shared/api-schemas.ts';
import type { Visibility } from '../../../shared/visibility.ts';

export type FileKind = 'asset' | 'function';

/** One asset or function as a build holds it (or as the next Deploy All would). */
export interface FileState {
  kind: FileKind;
  /** The Asset or Function sid: the same file across versions, whatever its path. */
  fileSid: string;
  versionSid: string;
  path: string;
  visibility: Visibility;
  size: number;
  sha256: string;
}

/** How one file differs between two builds. */
export interface FileChange {
  kind: FileKind;
  /** added: not in the live build; deleted: not in the new one; changed: in both, different. */
  change: 'added' | 'deleted' | 'changed';
  before: FileState | null;
  after: FileState | null;
  renamed: boolean;
  visibilityChanged: boolean;
  contentChanged: boolean;
}

export interface DependencyChange {
  name: string;
  before: string | null;
  after: string | null;
}

/** What deploying `after` over `before` changes. */
export interface BuildDiff {
  files: FileChange[];
  /** Files in both with the same path, visibility and bytes (a new version of the same bytes counts too). */
  unchanged: number;
  /** Of the files going live, how many are exactly the versions served now (nothing to copy). */
  reused: number;
  dependencies: DependencyChange[];
}

/** The files of a build, as the review compares them. */
export function filesOfBuild(build: Pick<Build, 'asset_versions' | 'function_versions'>): FileState[] {
  return [
    ...build.asset_versions.map((v) => ({
      kind: 'asset' as const,
      fileSid: v.asset_sid,
      versionSid: v.sid,
      path: v.path,
      visibility: v.visibility,
      size: v.size,
      sha256: v.sha256,
    })),
    ...build.function_versions.map((v) => ({
      kind: 'function' as const,
      fileSid: v.function_sid,
      versionSid: v.sid,
      path: v.path,
      visibility: v.visibility,
      size: v.size,
      sha256: v.sha256,
    })),
  ];
}

const byPath = (a: FileChange, b: FileChange) => {
  const pa = (a.after ?? a.before)!.path;
  const pb = (b.after ?? b.before)!.path;
  return pa < pb ? -1 : pa > pb ? 1 : 0;
};

function compare(before: FileState, after: FileState): FileChange {
  return {
    kind: after.kind,
    change: 'changed',
    before,
    after,
    renamed: before.path !== after.path,
    visibilityChanged: before.visibility !== after.visibility,
    contentChanged: before.sha256 !== after.sha256,
  };
}

const fileKey = (f: FileState) => `${f.kind}:${f.fileSid}`;
const pathKey = (f: FileState) => `${f.kind}:${f.path}`;

/**
 * The difference between the build an environment serves (`before`, empty when none) and the one
 * about to go live. Files are matched by their sid (so a new path is a rename), then what is left
 * by path (a file deleted and made again at the same path, as some tools do, is a change).
 */
export function diffFiles(before: FileState[], after: FileState[]): Omit<BuildDiff, 'dependencies'> {
  const old = new Map(before.map((f) => [fileKey(f), f]));
  const changes: FileChange[] = [];
  const unmatched: FileState[] = [];
  let unchanged = 0;
  let reused = 0;
  const settle = (was: FileState, now: FileState) => {
    if (was.versionSid === now.versionSid) reused += 1;
    const change = compare(was, now);
    if (change.renamed || change.visibilityChanged || change.contentChanged) changes.push(change);
    else unchanged += 1;
  };
  for (const now of after) {
    const was = old.get(fileKey(now));
    if (!was) {
      unmatched.push(now);
      continue;
    }
    old.delete(fileKey(now));
    settle(was, now);
  }
  const leftByPath = new Map([...old.values()].map((f) => [pathKey(f), f]));
  for (const now of unmatched) {
    const was = leftByPath.get(pathKey(now));
    if (was) {
      leftByPath.delete(pathKey(now));
      settle(was, now);
    } else {
      changes.push({
        kind: now.kind,
        change: 'added',
        before: null,
        after: now,
        renamed: false,
        visibilityChanged: false,
        contentChanged: true,
      });
    }
  }
  for (const was of leftByPath.values()) {
    changes.push({
      kind: was.kind,
      change: 'deleted',
      before: was,
      after: null,
      renamed: false,
      visibilityChanged: false,
      contentChanged: true,
    });
  }
  return { files: changes.sort(byPath), unchanged, reused };
}

/** Dependencies added, removed, or with another version. */
export function diffDependencies(before: Dependency[], after: Dependency[]): DependencyChange[] {
  const old = new Map(before.map((d) => [d.name, d.version]));
  const changes: DependencyChange[] = [];
  for (const d of after) {
    const was = old.get(d.name);
    old.delete(d.name);
    if (was !== d.version) changes.push({ name: d.name, before: was ?? null, after: d.version });
  }
  for (const [name, version] of old) changes.push({ name, before: version, after: null });
  return changes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The whole comparison; `before` is null when the environment serves nothing yet. */
export function diffBuilds(
  before: { files: FileState[]; dependencies: Dependency[] } | null,
  after: { files: FileState[]; dependencies: Dependency[] },
): BuildDiff {
  return {
    ...diffFiles(before?.files ?? [], after.files),
    dependencies: diffDependencies(before?.dependencies ?? [], after.dependencies),
  };
}

/** True when deploying would change nothing that is served. */
export function isEmptyDiff(diff: BuildDiff): boolean {
  return diff.files.length === 0 && diff.dependencies.length === 0;
}

/** "2 added, 1 changed, 1 deleted" (or "no changes"), for history rows and summaries. */
export function summarize(diff: BuildDiff): string {
  const count = (change: FileChange['change']) => diff.files.filter((f) => f.change === change).length;
  const parts = [
    [count('added'), 'added'],
    [count('changed'), 'changed'],
    [count('deleted'), 'deleted'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, word]) => `${n as number} ${word as string}`);
  if (diff.dependencies.length > 0) {
    parts.push(`${diff.dependencies.length} ${diff.dependencies.length === 1 ? 'dependency' : 'dependencies'}`);
  }
  return parts.length ? parts.join(', ') : 'no changes';
}

/** How two environments' variables differ, by key (values are not shown: they may be secrets). */
export interface VariableDifference {
  key: string;
  difference: 'only-source' | 'only-target' | 'different';
}

/** The variables that differ between the environment a build comes from and the one it goes to. */
export function diffVariables(
  source: { key: string; value: string }[],
  target: { key: string; value: string }[],
): VariableDifference[] {
  const there = new Map(target.map((v) => [v.key, v.value]));
  const result: VariableDifference[] = [];
  for (const v of source) {
    if (!there.has(v.key)) result.push({ key: v.key, difference: 'only-source' });
    else if (there.get(v.key) !== v.value) result.push({ key: v.key, difference: 'different' });
    there.delete(v.key);
  }
  for (const key of there.keys()) result.push({ key, difference: 'only-target' });
  return result.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
