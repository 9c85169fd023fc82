import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../test-client.ts';

const t = useTestServer();

/** A multipart upload with the extension field, in the order clients send fields. */
function upload(path: string, fields: Record<string, string>, content: string) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append('Content', new Blob([content]), 'photo.jpg');
  return t.client.call('POST', path, body);
}

describe('MetadataRemoved (extension): the uploader says it removed the image metadata', () => {
  let versions: string;
  beforeAll(async () => {
    const svc = (await t.client.service()).sid;
    const asset = (await t.client.post(`/v1/Services/${svc}/Assets`, { FriendlyName: 'photo' })).json!.sid as string;
    versions = `/v1/Services/${svc}/Assets/${asset}/Versions`;
  });

  it('is false unless the upload says so, true when it does, and kept by a copy of the version', async () => {
    const plain = await upload(versions, { Path: '/a.jpg', Visibility: 'public' }, 'a');
    expect(plain.json!.metadata_removed).toBe(false);
    const removed = await upload(versions, { Path: '/a.jpg', Visibility: 'public', MetadataRemoved: 'true' }, 'b');
    expect(removed.status).toBe(201);
    expect(removed.json!.metadata_removed).toBe(true);
    const renamed = await t.client.post(versions, {
      SourceVersionSid: removed.json!.sid as string,
      Path: '/b.jpg',
      Visibility: 'protected',
    });
    expect(renamed.json).toMatchObject({ path: '/b.jpg', metadata_removed: true });
    const list = await t.client.get(versions);
    expect(list.json!.asset_versions.map((v: { metadata_removed: boolean }) => v.metadata_removed)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('refuses a value that is not true or false, keeping nothing', async () => {
    const before = (await t.client.get(versions)).json!.asset_versions.length as number;
    const bad = await upload(versions, { Path: '/c.jpg', Visibility: 'public', MetadataRemoved: 'yes' }, 'c');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: 20001, message: 'MetadataRemoved must be true or false' });
    expect((await t.client.get(versions)).json!.asset_versions.length).toBe(before);
  });
});
