import { javascriptLanguage } from '@codemirror/lang-javascript';
import { describe, expect, it } from 'vitest';
import { fillTemplate, suggestedPath, TEMPLATES, type TemplateAsset } from './templates.ts';

const asset = (path: string, visibility: TemplateAsset['visibility'], content_type: string): TemplateAsset => ({
  path,
  visibility,
  content_type,
});

const SERVICE: TemplateAsset[] = [
  asset('/public.json', 'public', 'application/json'),
  asset('/z/settings.json', 'private', 'application/json'),
  asset('/b-config.json', 'private', 'application/json; charset=utf-8'),
  asset('/notes.txt', 'private', 'text/plain'),
  asset('/music/ahoy.mp3', 'private', 'audio/mpeg'),
  asset('/open.mp3', 'public', 'audio/mpeg'),
  asset('/logo.svg', 'public', 'image/svg+xml'),
  asset("/pics/it's grumpy.jpg", 'protected', 'image/jpeg'),
  asset('/pics/another.png', 'protected', 'image/png'),
];

/** Parses the code as JavaScript (CodeMirror's parser, the editor's own); throws at a syntax error. */
const compiles = (code: string) => {
  javascriptLanguage.parser.configure({ strict: true }).parse(code);
};

describe('New Function templates', () => {
  it('every template compiles, with and without assets to fill in', () => {
    for (const { id } of TEMPLATES) {
      expect(() => compiles(fillTemplate(id, SERVICE, 'https').code)).not.toThrow();
      expect(() => compiles(fillTemplate(id, [], 'http').code)).not.toThrow();
    }
  });

  it('blank and Hello World use no asset', () => {
    expect(fillTemplate('blank', SERVICE, 'http')).toMatchObject({ asset: null });
    const hello = fillTemplate('hello-world', SERVICE, 'http');
    expect(hello.asset).toBeNull();
    expect(hello.code).toContain('new Twilio.twiml.VoiceResponse()');
    expect(hello.code).toContain("twiml.say('Hello World')");
  });

  it('reads the first private .json by path with Runtime.getAssets() and open()', () => {
    const filled = fillTemplate('read-private-asset', SERVICE, 'http');
    expect(filled.asset).toEqual({ path: '/b-config.json', found: true, kind: 'private .json asset' });
    expect(filled.code).toContain("Runtime.getAssets()['/b-config.json']");
    expect(filled.code).toContain('asset.open()');
    expect(filled.code).toContain('JSON.parse(text)');
  });

  it('falls back to a placeholder path, and says it found none', () => {
    const filled = fillTemplate('read-private-asset', [asset('/public.json', 'public', 'application/json')], 'http');
    expect(filled.asset).toEqual({ path: '/config.json', found: false, kind: 'private .json asset' });
    expect(filled.code).toContain("Runtime.getAssets()['/config.json']");
  });

  it('serves the first private mp3 as bytes in a Twilio.Response', () => {
    const filled = fillTemplate('serve-mp3', SERVICE, 'http');
    expect(filled.asset?.path).toBe('/music/ahoy.mp3');
    expect(filled.code).toContain("Runtime.getAssets()['/music/ahoy.mp3']");
    expect(filled.code).toContain('new Twilio.Response()');
    expect(filled.code).toContain('fs.readFileSync(asset.path)');
    expect(filled.code).toContain("'Content-Type', 'audio/mpeg'");
  });

  it("sends the first protected image's URL (environment's scheme, path escaped) with messages.create", () => {
    const filled = fillTemplate('send-mms', SERVICE, 'https');
    expect(filled.asset?.path).toBe('/pics/another.png');
    expect(filled.code).toContain("const mediaUrl = 'https://' + context.DOMAIN_NAME + '/pics/another.png';");
    expect(filled.code).toContain('context.getTwilioClient().messages.create(');

    const quoted = fillTemplate('send-mms', [asset("/it's grumpy.jpg", 'protected', 'image/jpeg')], 'http');
    expect(quoted.code).toContain("'http://' + context.DOMAIN_NAME + '/it\\'s%20grumpy.jpg'");
    expect(quoted.code).toContain("body: 'Here is /it\\'s grumpy.jpg'");
    expect(() => compiles(quoted.code)).not.toThrow();
  });

  it('suggests a free path', () => {
    expect(suggestedPath('hello-world', new Set())).toBe('/hello-world');
    expect(suggestedPath('hello-world', new Set(['/hello-world', '/hello-world-2']))).toBe('/hello-world-3');
  });
});
