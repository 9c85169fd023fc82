import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  CHROMIUM_LAUNCH,
  E2E_PORT,
  EDITOR_URL,
  TWILIO_API_PORT,
} from './e2e/fixtures/constants.ts';

// Each run gets a fresh dir for its data and its own build of the editor (a shared dist/ui could be
// rebuilt under a running suite by another one); workers inherit the variable so they reuse it.
process.env.E2E_RUN_DIR ??= mkdtempSync(join(tmpdir(), 'assets-studio-e2e-'));
const runDir = process.env.E2E_RUN_DIR;
const serverDir = `dist/e2e-${E2E_PORT}/server`;

const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  // Separate dirs let two suites run side by side (Playwright empties its output dir at start).
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  use: {
    baseURL: EDITOR_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    // Copy URL tests read the clipboard back.
    permissions: ['clipboard-read', 'clipboard-write'],
    // Debian's Chromium; never download browsers.
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // What ships: the built editor and the bundled server. The bundle stays inside the repo (the few
    // packages it keeps external resolve from node_modules), one folder per port so that two suites
    // can run side by side.
    command: [
      `npx vite build --logLevel warn --emptyOutDir --outDir ${join(runDir, 'ui')}`,
      `node scripts/build-server.mjs ${serverDir}`,
      `node --expose-gc ${serverDir}/main.js`,
    ].join(' && '),
    url: `${EDITOR_URL}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      DATA_DIR: join(runDir, 'data'),
      UI_DIR: join(runDir, 'ui'),
      LOG: 'false',
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      FUNCTIONS_TWILIO_API: `http://127.0.0.1:${TWILIO_API_PORT}`,
    },
  },
});
