import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { testClient, useTestServer } from '../test-client.ts';
import { startTestServer } from '../test-server.ts';
import {
  dependenciesKey,
  dependenciesProblem,
  ensureDependencies,
  installFailure,
  serverModules,
  type Dependency,
} from './install.ts';
import { buildLayout } from './layout.ts';

const t = useTestServer();

/** Starts a build of one asset with these Dependencies (as sent), returning its sid. */
async function startBuild(serviceSid: string, dependencies: string) {
  const asset = await t.client.asset(serviceSid, '/a.txt', 'a');
  const res = await t.client.post(`/v1/Services/${serviceSid}/Builds`, {
    AssetVersions: asset.versionSid,
    Dependencies: dependencies,
  });
  expect(res.status).toBe(201);
  return res.json!.sid as string;
}

/** Polls the build's Status until it leaves "building", as twilio-run does. */
async function finished(serviceSid: string, buildSid: string) {
  for (let i = 0; i < 600; i++) {
    const status = await t.client.get(`/v1/Services/${serviceSid}/Builds/${buildSid}/Status`);
    if (status.json!.status !== 'building') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return (await t.client.get(`/v1/Services/${serviceSid}/Builds/${buildSid}`)).json!;
}

const depsDirs = () => {
  const dir = join(t.server.dataDir, 'deps');
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('build dependencies', () => {
  it('installs a list once (either encoding, any order) and resolves it before twilio', async () => {
    const svc = (await t.client.service()).sid;
    const list = [{ name: 'is-number', version: '^7.0.0' }];
    const started = Date.now();
    const first = await startBuild(svc, JSON.stringify(list));
    // Installing is part of the build.
    expect((await t.client.get(`/v1/Services/${svc}/Builds/${first}/Status`)).json!.status).toBe('building');
    const built = await finished(svc, first);
    const firstMs = Date.now() - started;
    expect(built.status).toBe('completed');
    expect(built.failure_reason).toBeNull();

    // The same list, quoted as serverless-api sends it, with the runtime handler (provided, never installed).
    const again = Date.now();
    const same = [{ name: '@twilio/runtime-handler', version: '2.1.0' }, ...list];
    const second = await finished(svc, await startBuild(svc, `"${JSON.stringify(same)}"`));
    const againMs = Date.now() - again;
    expect(second.status).toBe('completed');
    expect(second.dependencies).toEqual(same);
    console.log(`install of is-number: first build ${firstMs} ms, same list again ${againMs} ms`);

    const key = dependenciesKey(list);
    expect(depsDirs()).toEqual([key]);
    const modules = join(t.server.dataDir, 'deps', key, 'node_modules');
    expect(JSON.parse(readFileSync(join(modules, 'is-number', 'package.json'), 'utf8'))).toMatchObject({
      name: 'is-number',
      version: expect.stringMatching(/^7\./) as string,
    });
    expect(existsSync(join(modules, '@twilio', 'runtime-handler'))).toBe(false);

    const app = await buildApp(t.server.config, { sweepTmp: false });
    try {
      for (const sid of [first, second.sid as string]) {
        const layout = await buildLayout(app.ctx, sid);
        expect(layout.nodePath).toEqual([modules, serverModules]);
        const req = createRequire(join(layout.root, 'functions', 'x.js'));
        expect(req.resolve('is-number', { paths: layout.nodePath })).toBe(join(modules, 'is-number', 'index.js'));
        expect(req.resolve('twilio', { paths: layout.nodePath }).startsWith(serverModules)).toBe(true);
      }
    } finally {
      await app.app.close();
    }
  });

  it('fails the build naming a package that is not in the registry', async () => {
    const svc = (await t.client.service()).sid;
    const name = `assets-studio-no-such-package-${Date.now().toString(36)}`;
    const deps = JSON.stringify([
      { name: 'is-number', version: '^7.0.0' },
      { name, version: '^1.0.0' },
    ]);
    const build = await finished(svc, await startBuild(svc, deps));
    expect(build.status).toBe('failed');
    expect(build.failure_reason).toBe(`Dependency ${name} could not be installed: it is not in the npm registry`);
    // Nothing of the failed install is kept.
    expect(depsDirs().filter((d) => d !== dependenciesKey([{ name: 'is-number', version: '^7.0.0' }]))).toEqual([]);
  });

  it('fails the build naming a package, without running npm, when a name or version is not a registry one', async () => {
    const svc = (await t.client.service()).sid;
    const before = depsDirs();
    const cases: [unknown[], string][] = [
      [[{ name: '../escape', version: '1.0.0' }], 'Dependency "../escape" is not a valid npm package name'],
      [[{ name: 'Upper', version: '1.0.0' }], 'Dependency "Upper" is not a valid npm package name'],
      [
        [{ name: 'is-number', version: 'github:jonschlinkert/is-number' }],
        'Dependency is-number has version "github:jonschlinkert/is-number", which is not a version, range or tag of an npm registry package',
      ],
      [
        [{ name: 'ms', version: 'file:../../etc' }],
        'Dependency ms has version "file:../../etc", which is not a version, range or tag of an npm registry package',
      ],
      [
        [
          { name: 'ms', version: '1' },
          { name: 'ms', version: '2' },
        ],
        'Dependency ms is listed twice',
      ],
      [
        Array.from({ length: 101 }, (_, i) => ({ name: `pkg-${i}`, version: '1.0.0' })),
        'The build lists 101 dependencies; at most 100 are allowed',
      ],
    ];
    for (const [deps, reason] of cases) {
      const build = await finished(svc, await startBuild(svc, JSON.stringify(deps)));
      expect(build.status).toBe('failed');
      expect(build.failure_reason).toBe(reason);
    }
    expect(depsDirs()).toEqual(before);
  });

  it('a server closed mid-install leaves the build building; the next start finishes it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'assets-studio-resume-'));
    const first = await startTestServer({ dataDir });
    const client = testClient(first);
    const svc = (await client.service()).sid as string;
    const asset = await client.asset(svc, '/r.txt', 'r');
    const deps = JSON.stringify([{ name: 'is-number', version: '^7.0.0' }]);
    const created = await client.post(`/v1/Services/${svc}/Builds`, {
      AssetVersions: asset.versionSid,
      Dependencies: deps,
    });
    const buildSid = created.json!.sid as string;
    // Close while npm runs (its temp dir exists).
    const depsDir = join(dataDir, 'deps');
    for (let i = 0; i < 200 && !(existsSync(depsDir) && readdirSync(depsDir).some((n) => n.startsWith('.tmp-'))); i++)
      await new Promise((r) => setTimeout(r, 25));
    await first.close();
    expect(readdirSync(depsDir)).toEqual([]);

    const second = await startTestServer({ ...first.config, port: 0, domainBase: undefined });
    try {
      const again = testClient(second);
      expect((await again.get(`/v1/Services/${svc}/Builds/${buildSid}/Status`)).json!.status).toBe('building');
      let status = 'building';
      for (let i = 0; i < 600 && status === 'building'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await again.get(`/v1/Services/${svc}/Builds/${buildSid}/Status`)).json!.status as string;
      }
      expect(status).toBe('completed');
      expect(readdirSync(depsDir)).toEqual([dependenciesKey(JSON.parse(deps) as Dependency[])]);
    } finally {
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('waits for an install another process holds the lock of, instead of installing again', async () => {
    const dataDir = t.server.dataDir;
    const list = [{ name: 'assets-studio-locked-example', version: '1.0.0' }];
    const key = dependenciesKey(list);
    const depsDir = join(dataDir, 'deps');
    mkdirSync(depsDir, { recursive: true });
    // This process's pid is alive: the lock is held.
    writeFileSync(join(depsDir, `${key}.lock`), String(process.pid));
    let settled = false;
    const waiting = ensureDependencies(dataDir, list).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 500));
    expect(settled).toBe(false);
    // The other process finishes: its install appears and it drops the lock.
    mkdirSync(join(depsDir, key, 'node_modules'), { recursive: true });
    rmSync(join(depsDir, `${key}.lock`));
    expect(await waiting).toEqual([join(depsDir, key, 'node_modules'), serverModules]);
    rmSync(join(depsDir, key), { recursive: true });
  });

  it('takes over the lock of a process that died mid-install', async () => {
    const dataDir = t.server.dataDir;
    const list = [{ name: `assets-studio-no-such-package-${Date.now().toString(36)}`, version: '1.0.0' }];
    const lock = join(dataDir, 'deps', `${dependenciesKey(list)}.lock`);
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(lock, String(dead));
    // It installs (here: npm says the package does not exist) instead of waiting forever.
    await expect(ensureDependencies(dataDir, list)).rejects.toThrow(
      `Dependency ${list[0]!.name} could not be installed`,
    );
    expect(existsSync(lock)).toBe(false);
  });
});

describe('dependency lists', () => {
  it('accepts up to 100 registry packages: scoped names, ranges, tags', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => ({ name: `pkg-${i}`, version: '^1.0.0' }));
    expect(dependenciesProblem(hundred)).toBeNull();
    expect(
      dependenciesProblem([
        { name: '@twilio/runtime-handler', version: '2.1.0' },
        { name: 'twilio', version: '>=4.0.0 <6 || 5.x' },
        { name: 'lodash.get', version: 'latest' },
        { name: 'ms', version: '*' },
      ]),
    ).toBeNull();
  });

  it('keys a list by its content, not its order or the runtime handler', () => {
    const a = [
      { name: 'ms', version: '^2.1.3' },
      { name: 'is-number', version: '7.0.0' },
    ];
    const b = [{ name: '@twilio/runtime-handler', version: '2.1.0' }, a[1]!, a[0]!];
    expect(dependenciesKey(b)).toBe(dependenciesKey(a));
    expect(dependenciesKey([{ name: 'ms', version: '^2.1.2' }])).not.toBe(dependenciesKey([a[0]!]));
  });
});

describe('install failure reasons', () => {
  const list = [
    { name: 'ms', version: '^2.0.0' },
    { name: '@scope/pkg', version: '1.0.0' },
  ];

  it('names the package of an E404, scoped or not', () => {
    const e404 = `npm error code E404
npm error 404 Not Found - GET https://registry.npmjs.org/@scope%2fpkg - Not found
npm error 404
npm error 404  '@scope/pkg@1.0.0' is not in this registry.`;
    expect(installFailure(e404, list)).toBe(
      'Dependency @scope/pkg could not be installed: it is not in the npm registry',
    );
    expect(installFailure('npm error 404 Not Found - GET https://registry.npmjs.org/@scope%2fpkg - x', list)).toBe(
      'Dependency @scope/pkg could not be installed: it is not in the npm registry',
    );
  });

  it('names the package and range of an ETARGET', () => {
    const etarget = `npm error code ETARGET
npm error notarget No matching version found for ms@^99.0.0.
npm error notarget In most cases you or one of your dependencies are requesting`;
    expect(installFailure(etarget, list)).toBe(
      'Dependency ms could not be installed: no published version matches "^99.0.0"',
    );
  });

  it('says what npm said otherwise, with the packages it mentions', () => {
    const other = `npm error code ECONNREFUSED
npm error syscall connect
npm error errno ECONNREFUSED
npm error FetchError: request to https://registry.npmjs.org/ms failed, reason: connect ECONNREFUSED`;
    expect(installFailure(other, list)).toBe(
      'Dependencies could not be installed (ms): npm ECONNREFUSED: FetchError: request to https://registry.npmjs.org/ms failed, reason: connect ECONNREFUSED',
    );
  });
});
