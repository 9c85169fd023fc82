import type { Dependency } from './api-schemas.ts';

/** The runtimes a Build may name (Twilio's); the default when none is given. */
export const RUNTIMES = ['node8', 'node10', 'node12', 'node14', 'node16', 'node18', 'node20', 'node22'];
export const DEFAULT_RUNTIME = 'node22';

const SHAPE = 'Dependencies must be a JSON array of {"name", "version"} objects';

/**
 * Build Dependencies as twilio-node sends them (JSON) or as serverless-api does (JSON inside one
 * more pair of quotes); the message saying what is wrong when they are neither.
 */
export function parseDependencies(raw: string): Dependency[] | string {
  let text = raw.trim();
  if (text === '') return [];
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return SHAPE;
  }
  if (!Array.isArray(parsed)) return SHAPE;
  const dependencies: Dependency[] = [];
  for (const dep of parsed as unknown[]) {
    const { name, version } = (dep ?? {}) as { name?: unknown; version?: unknown };
    if (typeof name !== 'string' || name === '') return 'Each dependency needs a "name"';
    dependencies.push({ name, version: typeof version === 'string' && version !== '' ? version : '*' });
  }
  return dependencies;
}
