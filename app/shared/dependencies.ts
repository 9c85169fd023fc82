// What a service's dependency list may hold: public npm registry packages by name and semver
// version or range (or a dist-tag such as `latest`). Checked by the editor before it sends a list
// and by the server's Dependencies endpoint, with the same words.

/** A package of a service's dependency list. */
export interface DependencySpec {
  name: string;
  version: string;
}

/** Most dependencies one list may hold (Twilio's limit for a build). */
export const MAX_DEPENDENCY_COUNT = 100;

// npm's rules for a registry name: optional @scope/, then lower-case URL-safe characters, at most 214.
const NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/;

// node-semver's range grammar: ranges joined by ||, each a hyphen range or comparators separated by
// spaces; a comparator is an optional operator (or ~ ^) and a partial version (x, X and * wildcards).
const NUMBER = '(?:[xX*]|0|[1-9]\\d*)';
const IDENTS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const PARTIAL = `[v=]?${NUMBER}(?:\\.${NUMBER}(?:\\.${NUMBER}(?:-${IDENTS})?(?:\\+${IDENTS})?)?)?`;
const COMPARATOR = `(?:(?:<=|>=|<|>|=|~>?|\\^)\\s*)?${PARTIAL}`;
const RANGE = `(?:${PARTIAL}\\s+-\\s+${PARTIAL}|${COMPARATOR}(?:\\s+${COMPARATOR})*)`;
const RANGE_SET = new RegExp(`^\\s*(?:${RANGE})?(?:\\s*\\|\\|\\s*(?:${RANGE})?)*\\s*$`);
// A dist-tag: npm refuses tags that are valid ranges, so a tag starts with a letter other than v/x.
const TAG = /^[A-UWYZa-uwyz][A-Za-z0-9._-]*$/;

/** Why `name` is not an npm registry package name, or null. */
export function packageNameProblem(name: string): string | null {
  if (name === '') return 'A package name is required';
  if (name.length > 214) return `"${name.slice(0, 40)}…" is longer than npm allows (214 characters)`;
  if (!NAME.test(name)) {
    return `"${name}" is not a valid npm package name (lower-case letters, digits, - . _ ~, optionally @scope/)`;
  }
  return null;
}

/** Why `version` is not a semver version, range or dist-tag, or null. */
export function versionProblem(version: string): string | null {
  const v = version.trim();
  if (v === '') return 'A version is required (e.g. ^1.2.3, 2.x or latest)';
  if (v.length > 256 || !(RANGE_SET.test(v) || TAG.test(v))) {
    return `"${version}" is not a semver version, range or dist-tag (e.g. 1.2.3, ^1.2.3, ~1.2, 2.x, >=1 <3, latest)`;
  }
  return null;
}

/** Why this list cannot be a service's dependencies (the first problem, naming the package), or null. */
export function dependencyListProblem(list: readonly DependencySpec[]): string | null {
  if (list.length > MAX_DEPENDENCY_COUNT) {
    return `${list.length} dependencies are listed; at most ${MAX_DEPENDENCY_COUNT} are allowed`;
  }
  const seen = new Set<string>();
  for (const { name, version } of list) {
    const problem = packageNameProblem(name) ?? versionProblem(version);
    if (problem) return name && packageNameProblem(name) === null ? `Dependency ${name}: ${problem}` : problem;
    if (seen.has(name)) return `Dependency ${name} is listed twice`;
    seen.add(name);
  }
  return null;
}
