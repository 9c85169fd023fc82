/**
 * The server process's code (server.ts and the whole app), loaded only in a process that serves.
 * From the sources (tsx: tests, dev) a plain import; the bundle replaces this module with
 * load-server-bundle.ts (scripts/build-server.mjs), which loads it through V8's code cache.
 */
export async function loadServer(
  _dataDir: string,
): Promise<{ serve: typeof import('./server.ts').serve; started(): void }> {
  const { serve } = await import('./server.ts');
  return { serve, started: () => undefined };
}
