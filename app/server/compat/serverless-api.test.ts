import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TwilioServerlessApiClient, type ClientConfig, type DeployResult } from '@twilio-labs/serverless-api';
import { getListOfFunctionsAndAssets } from '@twilio-labs/serverless-api/dist/utils/fs';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-server.ts';
import { getFromDomain, PROJECT_FILES, writeToolkitProject } from './helpers.ts';

// The real @twilio-labs/serverless-api deploying a Serverless Toolkit project, redirected the way
// docs/twilio-tools.md shows: a subclass whose request() swaps Twilio's hosts for ours (API calls,
// the serverless-upload host and absolute page URLs all pass through it).

type RequestArgs = Parameters<TwilioServerlessApiClient['request']>;

class AssetsStudioClient extends TwilioServerlessApiClient {
  private readonly v1: string;

  constructor(origin: string, config: ClientConfig) {
    super(config);
    this.v1 = `${origin}/v1`;
  }

  override request(method: RequestArgs[0], path: string, options: Record<string, unknown> = {}): Promise<any> {
    const next = { ...options };
    let target = path;
    if (next.prefixUrl === '') target = path.replace(/^https:\/\/[^/]+\.twilio\.com\/v1\//, `${this.v1}/`);
    else next.prefixUrl = this.v1;
    return super.request(method, target, next as never);
  }
}

let server: TestServer;
let projectDir: string;
let client: AssetsStudioClient;

beforeAll(async () => {
  server = await startTestServer();
  projectDir = mkdtempSync(join(tmpdir(), 'assets-studio-toolkit-'));
  writeToolkitProject(projectDir, 'toolkit-demo');
  client = new AssetsStudioClient(server.origin, { username: server.accountSid, password: server.authToken });
});
afterAll(async () => {
  await server?.close();
  if (projectDir) rmSync(projectDir, { recursive: true, force: true });
});

async function deploy(
  extra: { serviceSid?: string; overrideExistingService?: boolean; functionsEnv?: string } = {},
): Promise<DeployResult> {
  const { functions, assets } = await getListOfFunctionsAndAssets(projectDir);
  return client.deployProject({
    username: server.accountSid,
    password: server.authToken,
    serviceName: 'toolkit-demo',
    functionsEnv: 'dev',
    env: { GREETING: 'ahoy', FAVOURITE_COLOUR: 'rebeccapurple' },
    pkgJson: JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf-8')),
    functions,
    assets,
    ...extra,
  });
}

async function rest(path: string) {
  const res = await fetch(`${server.origin}${path}`, { headers: { Authorization: server.authorization } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as Record<string, any>;
}

describe('@twilio-labs/serverless-api deployProject against Assets Studio', () => {
  let first: DeployResult;

  it('deploys the project: service, environment, versions, build with dependencies, variables', async () => {
    first = await deploy();
    expect(first.serviceSid).toMatch(/^ZS[0-9a-f]{32}$/);
    expect(first.domain).toMatch(new RegExp(`^toolkit-demo-\\d{4}-dev\\.localhost:${server.port}$`));
    expect(first.assetResources.map((a) => [a.path, a.access]).sort()).toEqual([
      ['/assets/index.html', 'public'],
      ['/config.json', 'private'],
      ['/data.json', 'protected'],
      ['/hold-music.mp3', 'public'],
      ['/nested/deeper/file.txt', 'public'],
      ['/style.css', 'public'],
    ]);
    expect(first.functionResources.map((f) => [f.path, f.access])).toEqual([['/hello', 'public']]);

    const env = await rest(`/v1/Services/${first.serviceSid}/Environments/${first.environmentSid}`);
    expect(env).toMatchObject({
      build_sid: first.buildSid,
      domain_suffix: 'dev',
      unique_name: 'dev-environment',
      domain_name: first.domain,
    });
    const build = await rest(`/v1/Services/${first.serviceSid}/Builds/${first.buildSid}`);
    expect(build.status).toBe('completed');
    expect(build.runtime).toBe('node22');
    expect(build.dependencies).toEqual([
      { name: 'lodash', version: '^4.17.21' },
      { name: '@twilio/runtime-handler', version: '2.1.0' },
    ]);
    const variables = await rest(`/v1/Services/${first.serviceSid}/Environments/${first.environmentSid}/Variables`);
    expect(
      Object.fromEntries(variables.variables.map((v: { key: string; value: string }) => [v.key, v.value])),
    ).toEqual({
      GREETING: 'ahoy',
      FAVOURITE_COLOUR: 'rebeccapurple',
    });
  });

  it('serves what was deployed: public 200, protected only signed, private never, index.html at the root', async () => {
    const get = (path: string, headers?: Record<string, string>) =>
      getFromDomain(server.port, first.domain, path, headers);

    for (const path of ['/style.css', '/nested/deeper/file.txt', '/hold-music.mp3', '/assets/index.html'] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.text, path).toBe(PROJECT_FILES[path]);
    }
    expect((await get('/style.css')).headers['content-type']).toMatch(/^text\/css/);
    expect((await get('/hold-music.mp3')).headers['content-type']).toBe('audio/mpeg');

    const root = await get('/');
    expect(root.status).toBe(200);
    expect(root.text).toBe(PROJECT_FILES['/assets/index.html']);
    expect(root.headers['content-type']).toMatch(/^text\/html/);

    expect((await get('/data.json')).status).toBe(403);
    expect((await get('/data.json', { 'X-Twilio-Signature': 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(403);
    const wrongKey = twilio.getExpectedTwilioSignature('not-the-token', `http://${first.domain}/data.json`, {});
    expect((await get('/data.json', { 'X-Twilio-Signature': wrongKey })).status).toBe(403);
    const signature = twilio.getExpectedTwilioSignature(server.authToken, `http://${first.domain}/data.json`, {});
    const signed = await get('/data.json', { 'X-Twilio-Signature': signature });
    expect(signed.status).toBe(200);
    expect(signed.text).toBe(PROJECT_FILES['/data.json']);

    const privateAsset = await get('/config.json');
    expect(privateAsset.status).toBe(404);
    expect(privateAsset.text).not.toContain('private');
    const privateSigned = twilio.getExpectedTwilioSignature(server.authToken, `http://${first.domain}/config.json`, {});
    expect((await get('/config.json', { 'X-Twilio-Signature': privateSigned })).status).toBe(404);
    expect((await get('/hold%20music.mp3')).status).toBe(404);
  });

  it('a second deploy with one file changed switches the environment to the new build', async () => {
    const changed = 'body { color: tomato; }\n';
    writeFileSync(join(projectDir, 'assets/style.css'), changed);
    const second = await deploy({ serviceSid: first.serviceSid });
    expect(second.serviceSid).toBe(first.serviceSid);
    expect(second.environmentSid).toBe(first.environmentSid);
    expect(second.buildSid).not.toBe(first.buildSid);

    const env = await rest(`/v1/Services/${first.serviceSid}/Environments/${first.environmentSid}`);
    expect(env.build_sid).toBe(second.buildSid);
    expect((await getFromDomain(server.port, first.domain, '/style.css')).text).toBe(changed);
    expect((await getFromDomain(server.port, first.domain, '/nested/deeper/file.txt')).text).toBe(
      PROJECT_FILES['/nested/deeper/file.txt'],
    );
    const deployments = await rest(`/v1/Services/${first.serviceSid}/Environments/${first.environmentSid}/Deployments`);
    expect(deployments.deployments.map((d: { build_sid: string }) => d.build_sid)).toEqual([
      second.buildSid,
      first.buildSid,
    ]);
  });

  it('a new deploy under a taken name is refused unless told to reuse the service', async () => {
    await expect(deploy()).rejects.toMatchObject({ name: 'conflicting-servicename' });
    const reused = await deploy({ overrideExistingService: true });
    expect(reused.serviceSid).toBe(first.serviceSid);
    expect((await rest(`/v1/Services/${first.serviceSid}/Environments/${first.environmentSid}`)).build_sid).toBe(
      reused.buildSid,
    );
  });

  it('deploys to production (no domain suffix) twice: the client finds it again by domain_suffix null', async () => {
    const prod = await deploy({ serviceSid: first.serviceSid, functionsEnv: '' });
    expect(prod.environmentSid).not.toBe(first.environmentSid);
    expect(prod.domain).toMatch(new RegExp(`^toolkit-demo-\\d{4}\\.localhost:${server.port}$`));
    const env = await rest(`/v1/Services/${first.serviceSid}/Environments/${prod.environmentSid}`);
    expect(env).toMatchObject({ unique_name: 'production', domain_suffix: null, build_sid: prod.buildSid });

    const again = await deploy({ serviceSid: first.serviceSid, functionsEnv: '' });
    expect(again.environmentSid).toBe(prod.environmentSid);
    expect((await rest(`/v1/Services/${first.serviceSid}/Environments`)).environments).toHaveLength(2);
    expect((await getFromDomain(server.port, prod.domain, '/')).text).toBe(PROJECT_FILES['/assets/index.html']);
  });
});
