export const VISIBILITIES = ['public', 'protected', 'private'] as const;

/** Who may fetch an asset by URL: anyone, signed requests only, or nobody (code only). */
export type Visibility = (typeof VISIBILITIES)[number];

/** Parses a visibility as clients send it (any letter case); null when it is not one. */
export function parseVisibility(value: unknown): Visibility | null {
  if (typeof value !== 'string') return null;
  const lower = value.toLowerCase();
  return (VISIBILITIES as readonly string[]).includes(lower) ? (lower as Visibility) : null;
}

const MB = 1024 * 1024;

/** Per-build limits by visibility: largest single asset and most assets of that kind. */
export const LIMITS: Record<Visibility, { maxBytes: number; maxCount: number }> = {
  public: { maxBytes: 25 * MB, maxCount: 1000 },
  protected: { maxBytes: 25 * MB, maxCount: 1000 },
  private: { maxBytes: 10 * MB, maxCount: 50 },
};

/** The largest size any version may have, whatever its visibility. */
export const MAX_VERSION_BYTES = Math.max(...VISIBILITIES.map((v) => LIMITS[v].maxBytes));

/** "25 MB" for a byte count that is a whole number of MB (as the limits are). */
export function formatLimit(bytes: number): string {
  return `${bytes / MB} MB`;
}

/** Human size, e.g. "1.2 MB", "340 KB", "12 B". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** The message for a file over its visibility's size limit, or null when it fits. */
export function sizeProblem(name: string, size: number, visibility: Visibility): string | null {
  if (size === 0) return `${name} is empty; empty files cannot be uploaded`;
  const { maxBytes } = LIMITS[visibility];
  if (size > maxBytes) {
    return `${name} is ${formatBytes(size)}; ${visibility} assets are limited to ${formatLimit(maxBytes)}`;
  }
  return null;
}

/** How each visibility is named in the editor (menus, labels, the upload dialog). */
export const VISIBILITY_LABELS: Record<Visibility, string> = {
  public: 'Public',
  protected: 'Protected',
  private: 'Private',
};
