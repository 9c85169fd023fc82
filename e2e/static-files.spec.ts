import { expect, test } from './fixtures/test.ts';

test.describe('the editor’s own files', () => {
  test('are sent compressed, and cached for a year under their hashed names', async ({ request }) => {
    const page = await request.get('/');
    expect(page.headers()['cache-control']).toBe('no-cache');
    const html = await page.text();
    const scripts = [...html.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const br = await request.get(script, { headers: { 'Accept-Encoding': 'br' } });
      expect(br.headers()['content-encoding']).toBe('br');
      expect(br.headers()['vary']).toMatch(/accept-encoding/i);
      expect(br.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
      const gzip = await request.get(script, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(gzip.headers()['content-encoding']).toBe('gzip');
      const plain = await request.get(script, { headers: { 'Accept-Encoding': 'identity' } });
      expect(plain.headers()['content-encoding']).toBeUndefined();
      // Whatever the encoding, the script is the same.
      expect(await br.text()).toBe(await plain.text());
    }
  });
});
