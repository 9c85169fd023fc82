import { normalizePath } from './paths.ts';

/** Why a Service unique name is not allowed, or null: letters, digits and dashes, under 50 characters. */
export function uniqueNameProblem(name: string): string | null {
  if (name.length === 0) return 'Unique name is required';
  if (name.length >= 50) return 'Unique name must be shorter than 50 characters';
  if (!/^[A-Za-z0-9-]+$/.test(name)) return 'Unique name may contain only letters, digits and dashes';
  if (/^ZS[0-9a-fA-F]{32}$/.test(name)) return 'Unique name must not look like a Service sid';
  return null;
}

/** Why an Environment domain suffix is not allowed, or null: up to 16 lower-case letters, digits, dashes. */
export function domainSuffixProblem(suffix: string): string | null {
  if (suffix.length > 16) return 'DomainSuffix must be at most 16 characters';
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(suffix)) {
    return 'DomainSuffix may contain only lower-case letters, digits and single dashes between them';
  }
  return null;
}

/**
 * The FriendlyName of an asset or function: its path, leading slash included. The Serverless
 * Toolkit names them so and finds them again by it on the next deploy, so the editor does too.
 */
export function fileFriendlyName(path: string): string {
  return normalizePath(path);
}

/** The path an asset or function is known by: its latest version's, else the one its FriendlyName names. */
export function knownPath(file: { friendly_name: string; latest_version: { path: string } | null }): string {
  return file.latest_version?.path ?? normalizePath(file.friendly_name);
}
