import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { getAssetsSnippet, jsString } from './snippets.ts';

describe('getAssetsSnippet', () => {
  it('opens a text asset and reads a binary one from its path', () => {
    expect(getAssetsSnippet('/config.json', 'application/json')).toBe("Runtime.getAssets()['/config.json'].open()");
    expect(getAssetsSnippet('/ahoy.mp3', 'audio/mpeg')).toBe(
      "require('fs').readFileSync(Runtime.getAssets()['/ahoy.mp3'].path)",
    );
  });

  it('escapes quotes so the literal names exactly the path', () => {
    expect(getAssetsSnippet("/it's.txt", 'text/plain')).toBe("Runtime.getAssets()['/it\\'s.txt'].open()");
    for (const path of ['/a\'b"c.txt', '/back`tick${x}.txt', '/line\u2028sep.txt', '/ünï cødé ☃.txt']) {
      const assets = { [path]: { open: () => `text of ${path}` } };
      const result: unknown = runInNewContext(getAssetsSnippet(path, 'text/plain'), {
        Runtime: { getAssets: () => assets },
      });
      expect(result).toBe(`text of ${path}`);
    }
  });

  it('jsString round-trips through the JavaScript parser', () => {
    const text = "q'uote \\ back\nnew\u0001ctl\u2029";
    expect(runInNewContext(jsString(text))).toBe(text);
  });
});
