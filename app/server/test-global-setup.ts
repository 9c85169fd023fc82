import { startPostgresCluster, TEST_POSTGRES_ENV } from './test-postgres.ts';

/**
 * With TEST_DATABASE=postgres, one throwaway PostgreSQL cluster for the whole run: every test
 * server gets a database of its own in it (see test-server.ts and test-process.ts).
 */
export default async function setup(): Promise<(() => void) | undefined> {
  if (process.env.TEST_DATABASE !== 'postgres' || process.env[TEST_POSTGRES_ENV]) return undefined;
  const cluster = await startPostgresCluster();
  // Inherited by the test workers, and by the server processes the tests start.
  process.env[TEST_POSTGRES_ENV] = cluster.url;
  return () => cluster.stop();
}
