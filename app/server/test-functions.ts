import { request as httpRequest } from 'node:http';
import type { testClient } from './test-client.ts';

type Client = ReturnType<typeof testClient>;

export interface Deployed {
  serviceSid: string;
  envSid: string;
  domain: string;
  buildSid: string;
}

/** Functions (path → code) and assets (path → [content, visibility]) as versions, built. */
export async function buildFiles(
  client: Client,
  serviceSid: string,
  functions: Record<string, string | [string, string]>,
  assets: Record<string, [string | Uint8Array, string]> = {},
): Promise<string> {
  const functionVersions: string[] = [];
  for (const [path, spec] of Object.entries(functions)) {
    const [code, visibility] = Array.isArray(spec) ? spec : [spec, 'public'];
    const fn = await client.post(`/v1/Services/${serviceSid}/Functions`, { FriendlyName: path });
    const version = await client.upload(`/v1/Services/${serviceSid}/Functions/${fn.json!.sid}/Versions`, {
      Path: path,
      Visibility: visibility,
      Content: code,
      filename: 'fn.js',
    });
    if (version.status !== 201) throw new Error(`function upload failed: ${JSON.stringify(version.json)}`);
    functionVersions.push(version.json!.sid as string);
  }
  const assetVersions: string[] = [];
  for (const [path, [content, visibility]] of Object.entries(assets)) {
    assetVersions.push((await client.asset(serviceSid, path, content, visibility)).versionSid);
  }
  const build = await client.build(serviceSid, assetVersions, functionVersions);
  if (build.status !== 'completed') throw new Error(`build ${build.status}: ${JSON.stringify(build)}`);
  return build.sid as string;
}

/** A new service with one environment, the given functions and assets deployed on it. */
export async function deployFunctions(
  client: Client,
  functions: Record<string, string | [string, string]>,
  assets: Record<string, [string | Uint8Array, string]> = {},
): Promise<Deployed> {
  const service = await client.service();
  const env = await client.environment(service.sid as string);
  const buildSid = await buildFiles(client, service.sid as string, functions, assets);
  const deployed = await client.deploy(service.sid as string, env.sid as string, buildSid);
  if (deployed.status !== 201) throw new Error(`deploy failed: ${JSON.stringify(deployed.json)}`);
  return { serviceSid: service.sid, envSid: env.sid, domain: env.domain_name, buildSid };
}

export interface FnResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  json: () => any;
}

/** A request to an environment domain with any method, headers and body. */
export function callDomain(
  port: number,
  host: string,
  path: string,
  init: { method?: string; headers?: Record<string, string | string[]>; body?: string | Buffer } = {},
): Promise<FnResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: init.method ?? 'GET',
        headers: {
          Host: host,
          ...(init.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(init.body)) }),
          ...init.headers,
        },
        // A connection per request: a refused body leaves its connection closed.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          resolve({ status: res.statusCode!, headers: res.headers, body, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
