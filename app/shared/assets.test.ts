import { describe, expect, it } from 'vitest';
import type { AssetVersion } from './api-schemas.ts';
import { assetFriendlyName, assetPath } from './assets.ts';

const version = (path: string) => ({ path }) as AssetVersion;

describe('one assetPath and one FriendlyName rule', () => {
  it('names an asset after its path, as twilio-run does', () => {
    expect(assetFriendlyName('/css/site.css')).toBe('/css/site.css');
    expect(assetFriendlyName('/')).toBe('/');
    // A path sent without its slash is named as the API stores it.
    expect(assetFriendlyName('img/logo.svg')).toBe('/img/logo.svg');
  });

  it("reads the latest version's path first", () => {
    expect(assetPath({ friendly_name: '/old.css', latest_version: version('/new.css') })).toBe('/new.css');
  });

  it('falls back to the name as a path, whichever way the name was written', () => {
    expect(assetPath({ friendly_name: '/logo.svg', latest_version: null })).toBe('/logo.svg');
    // Older editors and other clients named assets without the slash.
    expect(assetPath({ friendly_name: 'logo.svg', latest_version: null })).toBe('/logo.svg');
    expect(assetPath({ friendly_name: assetFriendlyName('/a b.txt'), latest_version: null })).toBe('/a b.txt');
  });
});
