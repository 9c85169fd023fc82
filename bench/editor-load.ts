/**
 * Editor load: builds the editor into a temporary folder (as `npm run build` does, precompressed
 * copies included), starts the shipped server bundle with UI_DIR pointing at it, and opens the
 * sign-in page, the services list and a service's editor (both signed in) in Chromium, each in a fresh profile with an empty
 * cache. Sums the JavaScript bytes on the wire (encoded body sizes as Chromium reports them)
 * against their uncompressed size (the reference), and checks that every hashed file is
 * cacheable for a year. A benchmark, not a test: it prints figures and exits 0 unless setup fails.
 *
 *   npx tsx bench/editor-load.ts      UI_BUILD=<dir> to measure an existing build instead of building
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright';
import { report } from './serve/report.ts';
import { call, sid, startStudio, type Studio } from './serve/studio.ts';
import { freePort } from './serve/wait.ts';
import { CHROMIUM_LAUNCH } from '../e2e/fixtures/constants.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const GOAL_BYTES = 200 * 1000;
const YEAR = 31_536_000;

interface Script {
  path: string;
  wire: number;
  uncompressed: number;
  encoding: string;
  cacheControl: string;
}

/** Every JavaScript response while `path` loads in a fresh context (signed in first when asked). */
async function load(
  browser: Browser,
  studio: Studio,
  uiDir: string,
  path: string,
  signedIn: boolean,
): Promise<Script[]> {
  const context = await browser.newContext();
  try {
    if (signedIn) {
      const res = await context.request.post(`${studio.origin}/auth/session`, {
        data: { accountSid: studio.accountSid, authToken: studio.authToken },
      });
      if (!res.ok()) throw new Error(`signing in answered ${res.status()}`);
    }
    const page = await context.newPage();
    const scripts: Promise<Script>[] = [];
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (!path.endsWith('.js')) return;
      scripts.push(
        (async () => {
          await response.finished();
          const sizes = await response.request().sizes();
          const headers = await response.allHeaders();
          return {
            path,
            wire: sizes.responseBodySize,
            uncompressed: statSync(join(uiDir, path)).size,
            encoding: headers['content-encoding'] ?? 'identity',
            cacheControl: headers['cache-control'] ?? '',
          };
        })(),
      );
    });
    await page.goto(`${studio.origin}${path}`, { waitUntil: 'networkidle' });
    return await Promise.all(scripts);
  } finally {
    await context.close();
  }
}

const temp = mkdtempSync(join(tmpdir(), 'assets-studio-editor-load-'));
let studio: Studio | null = null;
let browser: Browser | null = null;
try {
  let uiDir = process.env.UI_BUILD;
  if (!uiDir) {
    uiDir = join(temp, 'ui');
    const built = spawnSync('npx', ['vite', 'build', '--outDir', uiDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: REPO,
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('building the editor failed');
  }
  studio = await startStudio(join(temp, 'data'), await freePort(), { UI_DIR: uiDir });
  browser = await chromium.launch(CHROMIUM_LAUNCH);
  const service = sid(
    await call(studio, 'POST', '/v1/Services', new URLSearchParams({ UniqueName: 'editor-load', FriendlyName: 'x' })),
  );
  const pages = [
    { label: 'sign-in page (first load)', scripts: await load(browser, studio, uiDir, '/', false) },
    { label: 'services list, signed in', scripts: await load(browser, studio, uiDir, '/', true) },
    {
      label: "a service's editor, signed in",
      scripts: await load(browser, studio, uiDir, `/services/${service}`, true),
    },
  ];
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  for (const { label, scripts } of pages) {
    const wire = scripts.reduce((sum, s) => sum + s.wire, 0);
    const raw = scripts.reduce((sum, s) => sum + s.uncompressed, 0);
    const hashed = scripts.filter((s) => s.path.startsWith('/assets/'));
    const cacheable = hashed.every(
      (s) => s.cacheControl.includes(`max-age=${YEAR}`) && s.cacheControl.includes('immutable'),
    );
    console.log(`\n${label}: ${scripts.length} JS files, ${kib(wire)} on the wire, ${kib(raw)} uncompressed`);
    for (const s of scripts) {
      console.log(
        `  ${s.path}  ${kib(s.wire)} (${s.encoding}) of ${kib(s.uncompressed)}  Cache-Control: ${s.cacheControl}`,
      );
    }
    report({
      measure: `the editor's JS on the wire, ${label}`,
      figure: `${(wire / 1000).toFixed(0)} KB (${(raw / 1000).toFixed(0)} KB uncompressed, ${scripts[0]?.encoding ?? 'none'}); hashed files cacheable for a year: ${cacheable ? 'yes' : 'NO'}`,
      reference: `${(raw / 1000).toFixed(0)} KB uncompressed`,
      goal: '≤ 200 KB, cacheable for a year',
      met: wire <= GOAL_BYTES && cacheable && hashed.length === scripts.length,
    });
  }
} finally {
  await browser?.close();
  if (studio) {
    studio.child.kill('SIGTERM');
    await new Promise((r) => studio!.child.once('exit', r));
  }
  rmSync(temp, { recursive: true, force: true });
}
