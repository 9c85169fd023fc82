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
