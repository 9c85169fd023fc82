import { describe, expect, it } from 'vitest';
import { fileFriendlyName, knownPath } from './names.ts';

describe('the FriendlyName of an asset', () => {
  it('is its path with the leading slash, as the Serverless Toolkit names assets and finds them again', () => {
    expect(fileFriendlyName('/logo.svg')).toBe('/logo.svg');
    expect(fileFriendlyName('img/logo.svg')).toBe('/img/logo.svg');
    expect(fileFriendlyName('/')).toBe('/');
  });

  it('gives the path of an asset without versions, whichever way its name was written', () => {
    expect(knownPath({ friendly_name: '/a.txt', latest_version: null })).toBe('/a.txt');
    expect(knownPath({ friendly_name: 'a.txt', latest_version: null })).toBe('/a.txt');
    expect(knownPath({ friendly_name: '/old.txt', latest_version: { path: '/new.txt' } })).toBe('/new.txt');
  });
});
