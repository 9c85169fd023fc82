import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from './test-server.ts';

export interface SiteResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A small HTTP client for tests: form posts, multipart uploads and environment-domain requests. */
export function testClient(server: TestServer) {
  const call = async (method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.origin}${path}`, {
      method,
      body,
      headers: { Authorization: server.authorization, ...headers },
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      json: text ? (JSON.parse(text) as Record<string, any>) : null,
    };
  };
  const form = (fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return body;
  };

  const client = {
    call,
    get: (path: string) => call('GET', path),
    delete: (path: string) => call('DELETE', path),
    post: (path: string, fields: Record<string, string | string[]> = {}) => call('POST', path, form(fields)),
    /** Multipart version upload, as @twilio-labs/serverless-api sends it. */
    upload: (
      path: string,
      fields: { Path?: string; Visibility?: string; Content?: Uint8Array | string; filename?: string },
    ) => {
      const body = new FormData();
      if (fields.Path !== undefined) body.append('Path', fields.Path);
      if (fields.Visibility !== undefined) body.append('Visibility', fields.Visibility);
      if (fields.Content !== undefined) {
        body.append('Content', new Blob([fields.Content as BlobPart]), fields.filename ?? 'file');
      }
      return call('POST', path, body);
    },

    async service(uniqueName = `svc-${Math.random().toString(36).slice(2, 8)}`) {
      const res = await client.post('/v1/Services', { UniqueName: uniqueName, FriendlyName: uniqueName });
      if (res.status !== 201) throw new Error(`service create failed: ${JSON.stringify(res.json)}`);
      return res.json!;
    },
    async environment(serviceSid: string, uniqueName = 'production', suffix?: string) {
      const res = await client.post(`/v1/Services/${serviceSid}/Environments`, {
        UniqueName: uniqueName,
        ...(suffix ? { DomainSuffix: suffix } : {}),
      });
      if (res.status !== 201) throw new Error(`environment create failed: ${JSON.stringify(res.json)}`);
      return res.json!;
    },
    /** Creates an asset and its first version; returns both sids. */
    async asset(serviceSid: string, path: string, content: Uint8Array | string, visibility = 'public') {
      const asset = await client.post(`/v1/Services/${serviceSid}/Assets`, { FriendlyName: path });
      const version = await client.upload(`/v1/Services/${serviceSid}/Assets/${asset.json!.sid}/Versions`, {
        Path: path,
        Visibility: visibility,
        Content: content,
      });
      if (version.status !== 201) throw new Error(`upload failed: ${JSON.stringify(version.json)}`);
      return { assetSid: asset.json!.sid as string, versionSid: version.json!.sid as string };
    },
    /** Builds the versions, waits for the build to finish, and returns the final build. */
    async build(serviceSid: string, assetVersions: string[], functionVersions: string[] = []) {
      const res = await client.post(`/v1/Services/${serviceSid}/Builds`, {
        AssetVersions: assetVersions,
        FunctionVersions: functionVersions,
      });
      if (res.status !== 201) throw new Error(`build failed: ${JSON.stringify(res.json)}`);
      for (let i = 0; i < 200; i++) {
        const status = await client.get(`/v1/Services/${serviceSid}/Builds/${res.json!.sid}/Status`);
        if (status.json!.status !== 'building') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      return (await client.get(`/v1/Services/${serviceSid}/Builds/${res.json!.sid}`)).json!;
    },
    async deploy(serviceSid: string, envSid: string, buildSid: string) {
      return client.post(`/v1/Services/${serviceSid}/Environments/${envSid}/Deployments`, { BuildSid: buildSid });
    },

    /** A request to an environment's domain: sent to 127.0.0.1 with that Host header. */
    site(host: string, path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
      return new Promise<SiteResponse>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: server.port,
            path,
            method: init.method ?? 'GET',
            headers: { Host: host, ...init.headers },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end();
      });
    },
  };
  return client;
}

/**
 * The hashes of all placed content, and the temp area (empty between uploads): what a refused
 * request must not change. Read where the server's content store keeps them: DATA_DIR/blobs and
 * DATA_DIR/tmp, or (TEST_CONTENT=s3) the server's prefix in the bucket, listed with the AWS SDK:
 * blobs/, and tmp/ objects and unfinished multipart uploads besides DATA_DIR/tmp (the cache's).
 */
export async function contentState(server: TestServer): Promise<{ blobs: string[]; tmp: string[] }> {
  const localTmp = readdirSync(join(server.dataDir, 'tmp'));
  const content = server.config.content;
  if (content.kind === 'disk') {
    const blobs = join(server.dataDir, 'blobs');
    const files = readdirSync(blobs).flatMap((dir) => readdirSync(join(blobs, dir)));
    return { blobs: files.sort(), tmp: localTmp };
  }
  // Loaded only here: tests on disk content need no AWS SDK.
  const [{ s3Client }, { bucketKeys, bucketUploads }] = await Promise.all([
    import('./store/s3-blobs.ts'),
    import('./test-s3.ts'),
  ]);
  const client = s3Client(content);
  try {
    const [blobs, tmpObjects, uploads] = await Promise.all([
      bucketKeys(client, content.bucket, `${content.prefix}blobs/`),
      bucketKeys(client, content.bucket, `${content.prefix}tmp/`),
      bucketUploads(client, content.bucket, `${content.prefix}tmp/`),
    ]);
    return {
      blobs: blobs.map((key) => key.slice(`${content.prefix}blobs/`.length)),
      tmp: [...localTmp, ...tmpObjects, ...uploads],
    };
  } finally {
    client.destroy();
  }
}

/**
 * A real server (and a client for it) for the tests of one file: started before them, closed after.
 * Read `server` and `client` inside tests, once beforeAll has run.
 */
export function useTestServer(): { server: TestServer; client: ReturnType<typeof testClient> } {
  const shared = {} as { server: TestServer; client: ReturnType<typeof testClient> };
  beforeAll(async () => {
    shared.server = await startTestServer();
    shared.client = testClient(shared.server);
  });
  afterAll(() => shared.server.close());
  return shared;
}
