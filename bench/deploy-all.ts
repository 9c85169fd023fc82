// Deploy All in the editor, measured in a real browser against the real server: from the click to
// the moment every row on screen shows "Deployed", for a service of 1000 assets. Also how long the
// editor takes to show the first rows of those 1000 assets. Prints numbers; it is not a test.
//
//   npx tsx bench/deploy-all.ts            (RUNS=5 ASSETS=1000 by default)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { assetFriendlyName } from '../app/shared/assets.ts';
import { median, report } from './serve/report.ts';
import { startStudio, type Studio } from './serve/studio.ts';
import { freePort } from './serve/wait.ts';

const RUNS = Number(process.env.RUNS ?? 5);
const ASSETS = Number(process.env.ASSETS ?? 1000);
/** TRACE=1: print the requests each Deploy All made, with their times from the click. */
const TRACE = process.env.TRACE === '1';
/** PROFILE_DIR=<dir>: CPU profiles of the server's processes (--cpu-prof) and of the page during the last Deploy All. */
const PROFILE_DIR = process.env.PROFILE_DIR;
/**
 * CHROME_TRACE=<file>: a Chromium trace of the last Deploy All (the page's main thread task by
 * task: scripts, style, layout, paint, GC, network), for chrome://tracing or the Performance panel.
 */
const CHROME_TRACE = process.env.CHROME_TRACE;
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'loading',
  'toplevel',
];

async function call(studio: Studio, method: string, path: string, body?: URLSearchParams | FormData) {
  const res = await fetch(`${studio.origin}${path}`, {
    method,
    body,
    headers: { Authorization: studio.authorization },
  });
  const json = (await res.json()) as Record<string, any>;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

async function createAsset(studio: Studio, service: string, path: string): Promise<string> {
  const asset = await call(
    studio,
    'POST',
    `/v1/Services/${service}/Assets`,
    new URLSearchParams({ FriendlyName: assetFriendlyName(path) }),
  );
  const form = new FormData();
  form.append('Path', path);
  form.append('Visibility', 'public');
  form.append('Content', new Blob([`content of ${path}\n`]), 'file.txt');
  return String((await call(studio, 'POST', `/v1/Services/${service}/Assets/${asset.sid}/Versions`, form)).sid);
}

/** Builds and deploys these versions through the API (so the editor's rows are gray again). */
async function deployVersions(studio: Studio, service: string, environment: string, versions: string[]) {
  const build = await call(
    studio,
    'POST',
    `/v1/Services/${service}/Builds`,
    new URLSearchParams(versions.map((v) => ['AssetVersions', v])),
  );
  for (;;) {
    const { status } = await call(studio, 'GET', `/v1/Services/${service}/Builds/${build.sid}/Status`);
    if (status === 'completed') break;
    if (status === 'failed') throw new Error(`build ${build.sid} failed`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await call(
    studio,
    'POST',
    `/v1/Services/${service}/Environments/${environment}/Deployments`,
    new URLSearchParams({ BuildSid: String(build.sid) }),
  );
}

/** ms from the click on Deploy All until every status glyph on screen says "Deployed". */
async function timeDeployAll(page: Page): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { clickedAt: number };
    w.clickedAt = 0;
    document.addEventListener('click', () => (w.clickedAt ||= performance.now()), { capture: true, once: true });
  });
  await page.getByRole('button', { name: 'Deploy All' }).click();
  const handle = await page.waitForFunction(
    () => {
      const w = window as unknown as { clickedAt: number };
      const glyphs = [...document.querySelectorAll('[role="img"][aria-label]')].map((e) =>
        e.getAttribute('aria-label'),
      );
      const deployed = glyphs.filter((l) => l === 'Deployed').length;
      const other = glyphs.filter((l) => l === 'Not deployed' || l === 'Checking status').length;
      return w.clickedAt > 0 && deployed > 0 && other === 0 ? performance.now() - w.clickedAt : null;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const ms = (await handle.jsonValue()) as number;
  if (TRACE) {
    // Where the time went: every request made after the click, relative to it (ms).
    const requests = await page.evaluate(() => {
      const clickedAt = (window as unknown as { clickedAt: number }).clickedAt;
      return performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => e.startTime >= clickedAt)
        .map((e) => ({
          url: new URL(e.name).pathname.replace(/\/Services\/ZS\w+/, '/S').slice(0, 60),
          start: Math.round(e.startTime - clickedAt),
          firstByte: Math.round(e.responseStart - clickedAt),
          end: Math.round(e.responseEnd - clickedAt),
          kB: Math.round(e.encodedBodySize / 1024),
        }));
    });
    for (const r of requests) console.log(`  ${r.start}→${r.firstByte}→${r.end} ms  ${r.kB} kB  ${r.url}`);
    console.log(`  all green at ${ms.toFixed(0)} ms`);
  }
  return ms;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'assets-studio-bench-deploy-'));
  process.env.UI_DIR = join(work, 'ui');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--emptyOutDir', '--outDir', process.env.UI_DIR], {
    stdio: 'inherit',
  });
  const studio = await startStudio(
    join(work, 'data'),
    await freePort(),
    {},
    PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [],
  );
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const service = await call(
      studio,
      'POST',
      '/v1/Services',
      new URLSearchParams({ UniqueName: 'bench-deploy', FriendlyName: 'bench-deploy' }),
    );
    const environment = await call(
      studio,
      'POST',
      `/v1/Services/${service.sid}/Environments`,
      new URLSearchParams({ UniqueName: 'production' }),
    );
    const paths = Array.from({ length: ASSETS }, (_, i) => `/files/item-${String(i).padStart(4, '0')}.txt`);
    const versions: string[] = new Array(paths.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < paths.length) {
          const i = next++;
          versions[i] = await createAsset(studio, String(service.sid), paths[i]!);
        }
      }),
    );

    const [accountSid, authToken] = Buffer.from(studio.authorization.slice('Basic '.length), 'base64')
      .toString()
      .split(':');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const signIn = await context.request.post(`${studio.origin}/auth/session`, { data: { accountSid, authToken } });
    if (!signIn.ok()) throw new Error(`sign-in: ${signIn.status()}`);
    // The review before Deploy All (on by default) waits for a person; the bench measures the deploy.
    await context.addInitScript(() => localStorage.setItem('assets-studio:review-before-deploy', 'false'));
    const page = await context.newPage();

    const firstRows: number[] = [];
    const deployAll: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Only the last asset (off screen) is live, so every row on screen starts gray.
      await deployVersions(studio, String(service.sid), String(environment.sid), [versions.at(-1)!]);
      const started = performance.now();
      await page.goto(`${studio.origin}/services/${service.sid}`);
      await page.getByRole('img', { name: 'Not deployed' }).first().waitFor();
      firstRows.push(performance.now() - started);
      const cdp = PROFILE_DIR && run === RUNS - 1 ? await page.context().newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const traced = CHROME_TRACE && run === RUNS - 1;
      if (traced) await browser.startTracing(page, { path: CHROME_TRACE, categories: TRACE_CATEGORIES });
      deployAll.push(await timeDeployAll(page));
      if (traced) await browser.stopTracing();
      if (cdp) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(join(PROFILE_DIR!, 'browser-deploy-all.cpuprofile'), JSON.stringify(profile));
      }
    }
    const fmt = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
    console.log(
      `editor, ${ASSETS} assets: first rows shown     median ${fmt(median(firstRows))}  (${firstRows.map(fmt).join(', ')})`,
    );
    console.log(
      `Deploy All → ${ASSETS} rows green on screen:   median ${fmt(median(deployAll))}  (${deployAll.map(fmt).join(', ')})`,
    );
    report({
      measure: `Deploy All → ${ASSETS} rows green in the editor`,
      figure: `${fmt(median(deployAll))} median of ${RUNS} (${fmt(Math.min(...deployAll))}–${fmt(Math.max(...deployAll))})`,
      reference: `first rows of the editor shown ${fmt(median(firstRows))}`,
      goal: '≤ 0.25 s',
      met: median(deployAll) <= 250,
    });
  } finally {
    await browser.close();
    studio.child.kill();
    await new Promise((resolve) => studio.child.once('exit', resolve));
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
