import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { startTestServer } from '../test-server.ts';
import { testClient, useTestServer } from '../test-client.ts';
import { callDomain, deployFunctions } from '../test-functions.ts';
import { serverModules } from './install.ts';
import { buildLayout, removeLayout } from './layout.ts';

const t = useTestServer();

/** A Function and its first version, uploaded as serverless-api does. */
async function fn(client: typeof t.client, serviceSid: string, path: string, code: string, visibility = 'public') {
  const created = await client.post(`/v1/Services/${serviceSid}/Functions`, { FriendlyName: path });
  const version = await client.upload(`/v1/Services/${serviceSid}/Functions/${created.json!.sid}/Versions`, {
    Path: path,
    Visibility: visibility,
    Content: code,
    filename: 'code.js',
  });
  if (version.status !== 201) throw new Error(`function upload failed: ${JSON.stringify(version.json)}`);
  return { functionSid: created.json!.sid as string, versionSid: version.json!.sid as string };
}

/** A throwaway Ctx over the same data directory, for calling buildLayout as the runtime does. */
async function ctxOf(dataDir: string) {
  const server = await buildApp({ ...t.server.config, dataDir }, { sweepTmp: false });
  return { ctx: server.ctx, close: () => server.app.close() };
}

describe('build layout', () => {
  it('lays out function code and private assets read-only, and nothing public or protected', async () => {
    const svc = (await t.client.service()).sid;
    const code = 'exports.handler = (context, event, callback) => callback(null, "hi");';
    const reply = await fn(t.client, svc, '/sms/reply', code);
    const helper = await fn(t.client, svc, '/lib/helper', 'module.exports = 42;', 'private');
    const config = await t.client.asset(svc, '/config.json', '{"greeting":"ahoy"}', 'private');
    const mp3 = readFileSync('/work/wt/shared/fixtures/ahoy.mp3');
    const ahoy = await t.client.asset(svc, '/ahoy.mp3', mp3, 'private');
    const pub = await t.client.asset(svc, '/index.html', '<p>public</p>', 'public');
    const prot = await t.client.asset(svc, '/secret.xml', '<x/>', 'protected');
    const build = await t.client.build(
      svc,
      [config.versionSid, ahoy.versionSid, pub.versionSid, prot.versionSid],
      [reply.versionSid, helper.versionSid],
    );
    expect(build.status).toBe('completed');

    const { ctx, close } = await ctxOf(t.server.dataDir);
    try {
      const layout = await buildLayout(ctx, build.sid as string);
      expect(layout.root).toBe(join(t.server.dataDir, 'builds', build.sid as string));
      expect(layout.nodePath).toEqual([serverModules]);
      expect([...layout.functions.keys()].sort()).toEqual(['/lib/helper', '/sms/reply']);
      expect(layout.functions.get('/sms/reply')).toMatchObject({
        sid: reply.functionSid,
        versionSid: reply.versionSid,
        path: '/sms/reply',
        visibility: 'public',
      });
      expect(layout.functions.get('/lib/helper')!.visibility).toBe('private');
      expect(readFileSync(layout.functions.get('/sms/reply')!.file, 'utf8')).toBe(code);
      expect(layout.functions.get('/sms/reply')!.file.endsWith('.js')).toBe(true);
      expect([...layout.privateAssets.keys()].sort()).toEqual(['/ahoy.mp3', '/config.json']);
      expect(readFileSync(layout.privateAssets.get('/config.json')!.file, 'utf8')).toBe('{"greeting":"ahoy"}');
      expect(readFileSync(layout.privateAssets.get('/ahoy.mp3')!.file).equals(mp3)).toBe(true);

      // Only function code and private assets are there, every file under root and read-only.
      const files = [...readdirSync(join(layout.root, 'functions')), ...readdirSync(join(layout.root, 'assets'))];
      expect(files.sort()).toEqual(
        [`${reply.versionSid}.js`, `${helper.versionSid}.js`, config.versionSid, ahoy.versionSid].sort(),
      );
      for (const entry of [...layout.functions.values(), ...layout.privateAssets.values()]) {
        expect(entry.file.startsWith(`${layout.root}/`)).toBe(true);
        expect(statSync(entry.file).mode & 0o777).toBe(0o444);
      }
      expect(statSync(layout.root).mode & 0o777).toBe(0o555);

      // The server's twilio resolves from nodePath.
      const resolved = createRequire(join(layout.root, 'x.js')).resolve('twilio', { paths: layout.nodePath });
      expect(resolved.startsWith(serverModules)).toBe(true);
    } finally {
      await close();
    }
  });

  it('lays a build out again when its directory was removed, once for concurrent callers', async () => {
    const svc = (await t.client.service()).sid;
    const a = await t.client.asset(svc, '/data.txt', 'private data', 'private');
    const build = await t.client.build(svc, [a.versionSid]);
    expect(build.status).toBe('completed');
    const { ctx, close } = await ctxOf(t.server.dataDir);
    try {
      await removeLayout(ctx, build.sid as string);
      const root = join(t.server.dataDir, 'builds', build.sid as string);
      expect(existsSync(root)).toBe(false);
      const layouts = await Promise.all([1, 2, 3].map(() => buildLayout(ctx, build.sid as string)));
      expect(new Set(layouts.map((l) => l.root))).toEqual(new Set([root]));
      expect(readFileSync(layouts[0]!.privateAssets.get('/data.txt')!.file, 'utf8')).toBe('private data');
      // Nothing half-made is left next to it.
      expect(readdirSync(join(t.server.dataDir, 'builds')).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('lays out a completed build when a server starts on a data directory without the layout', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'assets-studio-layout-'));
    const server = await startTestServer({ dataDir });
    const client = testClient(server);
    const svc = (await client.service()).sid;
    const a = await client.asset(svc, '/p.txt', 'kept', 'private');
    const build = await client.build(svc, [a.versionSid]);
    const { ctx, close } = await ctxOf(server.dataDir);
    try {
      await removeLayout(ctx, build.sid as string);
    } finally {
      await close();
    }
    await server.close();
    const again = await buildApp({ ...server.config });
    try {
      const layout = await buildLayout(again.ctx, build.sid as string);
      expect(readFileSync(layout.privateAssets.get('/p.txt')!.file, 'utf8')).toBe('kept');
    } finally {
      await again.app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('deletes the layout of a deleted build', async () => {
    const svc = (await t.client.service()).sid;
    const build = await t.client.build(svc, [(await t.client.asset(svc, '/d.txt', 'd', 'private')).versionSid]);
    const root = join(t.server.dataDir, 'builds', build.sid as string);
    expect(existsSync(root)).toBe(true);
    expect((await t.client.delete(`/v1/Services/${svc}/Builds/${build.sid}`)).status).toBe(204);
    expect(existsSync(root)).toBe(false);
  });

  it('at start, deletes what no build needs and what an interrupted layout or install left', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'assets-studio-layout-'));
    const server = await startTestServer({ dataDir });
    const client = testClient(server);
    const svc = (await client.service()).sid;
    const build = await client.build(svc, [(await client.asset(svc, '/k.txt', 'k', 'private')).versionSid]);
    await server.close();
    const leftovers = [
      join(dataDir, 'builds', '.tmp-0123456789abcdef', 'functions'),
      join(dataDir, 'builds', 'ZB0123456789abcdef0123456789abcdef', 'assets'),
      join(dataDir, 'deps', '.tmp-0123456789abcdef', 'node_modules'),
      join(dataDir, 'deps', 'a'.repeat(64), 'node_modules', 'gone'),
    ];
    for (const dir of leftovers) mkdirSync(dir, { recursive: true });
    chmodSync(dirname(leftovers[1]!), 0o555);
    writeFileSync(join(dataDir, 'deps', `${'b'.repeat(64)}.lock`), '999999999');
    const again = await buildApp({ ...server.config });
    try {
      expect(readdirSync(join(dataDir, 'builds'))).toEqual([build.sid]);
      expect(readdirSync(join(dataDir, 'deps'))).toEqual([]);
    } finally {
      await again.app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('runs function code as CommonJS when the data directory is inside an ESM package (./data of this repo)', async () => {
    const project = mkdtempSync(join(tmpdir(), 'assets-studio-esm-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module' }));
    const server = await startTestServer({ dataDir: join(project, 'data') });
    try {
      const client = testClient(server);
      const code = 'exports.handler = (context, event, callback) => callback(null, typeof require);';
      const deployed = await deployFunctions(client, { '/cjs': code });
      const res = await callDomain(server.port, deployed.domain, '/cjs');
      expect(res.text).toBe('function');
      expect(res.status).toBe(200);
    } finally {
      await server.close();
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('refuses a build that did not complete', async () => {
    const svc = (await t.client.service()).sid;
    const a = await t.client.asset(svc, '/same.txt', 'a');
    const b = await t.client.asset(svc, '/same.txt', 'b');
    const build = await t.client.build(svc, [a.versionSid, b.versionSid]);
    expect(build.status).toBe('failed');
    const { ctx, close } = await ctxOf(t.server.dataDir);
    try {
      await expect(buildLayout(ctx, build.sid as string)).rejects.toThrow('not a completed build');
      expect(existsSync(join(t.server.dataDir, 'builds', build.sid as string))).toBe(false);
    } finally {
      await close();
    }
  });
});
