import type { Page } from '@playwright/test';
import { PROJECT_FILES } from '../app/server/compat/helpers.ts';
import { Api, uniqueServiceName } from './fixtures/api.ts';
import { ACCOUNT_SID, AUTH_TOKEN } from './fixtures/constants.ts';
import { hasPostgres, POSTGRES_INITDB, startInstances, type Instances } from './fixtures/instances.ts';
import { expect, test as base } from './fixtures/test.ts';
import { TwilioRunProject } from './fixtures/twilio-run.ts';
import { AssetsPane } from './pages/assets-pane.ts';
import { EditorPage } from './pages/editor-page.ts';
import { ServicesPage } from './pages/services-page.ts';
import { pickFiles, textFile, UploadDialog } from './pages/upload-dialog.ts';

// The README's "Running more than one instance", followed as a user would on one machine:
// PostgreSQL, s3rver and two instances (e2e/fixtures/instances.ts), then the editor, the API,
// twilio-run and the environment domains through either instance.
interface Fixtures {
  instances: Instances;
  /** The /v1 API with HTTP Basic, through instance A or B. */
  apiA: Api;
  apiB: Api;
}

const test = base.extend<Fixtures>({
  instances: [
    async ({}, use, testInfo) => {
      const instances = await startInstances();
      await use(instances);
      await instances.close();
      if (testInfo.status !== testInfo.expectedStatus) {
        for (const [name, instance] of Object.entries({ a: instances.a, b: instances.b })) {
          await testInfo.attach(`instance ${name} (port ${instance.port})`, { body: instance.output() });
        }
      }
    },
    { timeout: 120_000 },
  ],
  apiA: async ({ playwright, instances }, use) => {
    const request = await playwright.request.newContext({ baseURL: instances.a.url, extraHTTPHeaders: BASIC });
    await use(new Api(request));
    await request.dispose();
  },
  apiB: async ({ playwright, instances }, use) => {
    const request = await playwright.request.newContext({ baseURL: instances.b.url, extraHTTPHeaders: BASIC });
    await use(new Api(request));
    await request.dispose();
  },
});

const BASIC = { Authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}` };

// Its own PostgreSQL, bucket and two servers: the e2e server's session is not wanted.
test.use({ signedIn: false });

const NO_POSTGRES = `PostgreSQL is not installed (${POSTGRES_INITDB} is missing): apt-get install postgresql (.ci/run does)`;
// Said on the console too: the list reporter does not print a skip's reason.
if (!hasPostgres()) console.warn(`multi-instance.spec.ts skipped: ${NO_POSTGRES}`);
// eslint-disable-next-line playwright/no-skipped-test -- only where PostgreSQL is not installed, saying so
test.skip(!hasPostgres(), NO_POSTGRES);

/** What the browser gets at a URL, in a fresh tab (Chromium maps *.localhost to loopback). */
async function served(page: Page, url: string): Promise<{ status: number; body: string }> {
  const tab = await page.context().newPage();
  try {
    const response = await tab.goto(url);
    return { status: response?.status() ?? 0, body: (await response?.text()) ?? '' };
  } finally {
    await tab.close();
  }
}

test('two instances sharing PostgreSQL and S3: the editor, the API, twilio-run and the environment domains through either', async ({
  page,
  browser,
  instances,
  apiA,
  apiB,
}) => {
  test.setTimeout(240_000);
  const { a, b } = instances;

  // The API through A; the editor on A, signed in by the link A printed.
  const { service, environment } = await apiA.createService(uniqueServiceName('multi'));
  expect(environment.domain_name).toMatch(new RegExp(`\\.${instances.domainBase}$`));
  await page.goto(a.signInLink);
  await expect(new ServicesPage(page).heading).toBeVisible();
  const onA = new EditorPage(page, service, environment);
  await page.goto(`${a.url}/services/${service.sid}`);
  await expect(onA.assets.root).toBeVisible();
  await pickFiles(page, onA.assets.addButton, [textFile('hello.txt', 'uploaded through A\n')]);
  const upload = new UploadDialog(page);
  await upload.file('hello.txt').setVisibility('public');
  await upload.upload();
  await onA.assets.row('/hello.txt').expectNotDeployed();
  await onA.deployAll();
  await onA.assets.row('/hello.txt').expectDeployed();

  // The editor on B: the session cookie is the same for both ports and sessions are rows in
  // PostgreSQL, so no second sign-in; the deploy made through A shows as deployed.
  const pageB = await page.context().newPage();
  const onB = new EditorPage(pageB, service, environment);
  await pageB.goto(`${b.url}/services/${service.sid}`);
  await onB.assets.row('/hello.txt').expectDeployed();
  const live = await apiB.environment(service.sid, environment.sid);
  expect(live.build_sid).not.toBeNull();

  // The environment domain on A's port (DOMAIN_BASE) and on B's.
  const name = environment.domain_name.replace(/:\d+$/, '');
  for (const port of [a.port, b.port]) {
    await expect
      .poll(async () => served(page, `http://${name}:${port}/hello.txt`), { timeout: 10_000 })
      .toEqual({ status: 200, body: 'uploaded through A\n' });
  }

  // twilio-run deploys through B (ASSETS_STUDIO_URL is B); both ports serve what it deployed.
  const project = new TwilioRunProject(uniqueServiceName('multi-cli'), b.url);
  try {
    const deployed = await project.deploy();
    expect(deployed.domain).toMatch(new RegExp(`\\.${instances.domainBase}$`));
    const cliName = deployed.domain.replace(/:\d+$/, '');
    // A switches to the build once it has laid it out from S3 and installed its dependencies (the
    // project lists lodash) in its own DATA_DIR: seconds, not the one second of a build without any.
    for (const port of [b.port, a.port]) {
      await expect
        .poll(async () => served(page, `http://${cliName}:${port}/style.css`), { timeout: 60_000 })
        .toEqual({ status: 200, body: PROJECT_FILES['/style.css'] });
      // Its function runs on either instance.
      await expect
        .poll(async () => served(page, `http://${cliName}:${port}/hello`))
        .toEqual({ status: 200, body: 'ahoy world' });
    }
    // The editor on A shows what twilio-run deployed through B as deployed.
    await page.goto(`${a.url}/services/${deployed.serviceSid}`);
    await new AssetsPane(page).row('/style.css').expectDeployed();
  } finally {
    project.remove();
  }

  // B's own sign-in link signs a fresh browser in on B.
  const fresh = await browser.newContext();
  try {
    const signedOut = await fresh.newPage();
    await signedOut.goto(b.signInLink);
    await expect(new ServicesPage(signedOut).heading).toBeVisible();
  } finally {
    await fresh.close();
  }
});
