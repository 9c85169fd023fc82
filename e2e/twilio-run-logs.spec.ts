import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentSchema, serviceSchema } from '../app/shared/api-schemas.ts';
import { uniqueServiceName } from './fixtures/api.ts';
import { expect, test } from './fixtures/test.ts';
import { TwilioRunProject } from './fixtures/twilio-run.ts';
import { EditorPage } from './pages/editor-page.ts';

test('a deploy made with twilio-run shows in the open editor’s logs pane without a reload, and after one', async ({
  page,
  api,
}) => {
  test.setTimeout(180_000);
  const project = new TwilioRunProject(uniqueServiceName('cli'));
  try {
    const first = await project.deploy();
    const service = serviceSchema.parse(await (await api.request.get(`/v1/Services/${first.serviceSid}`)).json());
    const environment = environmentSchema.parse(
      await (await api.request.get(`/v1/Services/${first.serviceSid}/Environments/${first.environmentSid}`)).json(),
    );
    const editor = new EditorPage(page, service, environment);
    await editor.goto();
    await editor.logs.expectEntry(`Deployed build ${first.buildSid} to ${first.domain}`);

    // twilio-run deploys again while the editor stays open.
    writeFileSync(join(project.dir, 'assets/style.css'), 'body { color: teal; }\n');
    const second = await project.deploy();
    expect(second.buildSid).not.toBe(first.buildSid);
    await editor.logs.expectEntry(`Deployed build ${second.buildSid} to ${second.domain}`);
    await editor.logs.expectEntry(new RegExp(`Build ${second.buildSid} completed: 6 assets, 1 function`));

    // The pane reads the server's log, so it is all still there after a reload.
    await page.reload();
    await editor.logs.expectEntry(`Deployed build ${second.buildSid} to ${second.domain}`);
    await editor.logs.expectEntry(`Deployed build ${first.buildSid} to ${first.domain}`);
  } finally {
    project.remove();
  }
});
