import { describe, expect, it } from 'vitest';
import { expectedSignature, signatureChecker } from './signature.ts';

const TOKEN = '0123456789abcdef0123456789abcdef';

describe('signatureChecker', () => {
  it('accepts the signature of the URL the client used, from the cache as on the first request', () => {
    const valid = signatureChecker(TOKEN);
    const signature = expectedSignature(TOKEN, 'http://shop-1234.localhost:3000/logo.png?v=2');
    for (let i = 0; i < 3; i++) {
      expect(valid(signature, 'http', 'shop-1234.localhost:3000', '/logo.png?v=2')).toBe(true);
    }
  });

  it('accepts a URL signed with or without the default port, as twilio validateRequest does', () => {
    const valid = signatureChecker(TOKEN);
    const withPort = expectedSignature(TOKEN, 'https://shop-1234.example.com:443/a.txt');
    const without = expectedSignature(TOKEN, 'https://shop-1234.example.com/a.txt');
    expect(valid(withPort, 'https', 'shop-1234.example.com', '/a.txt')).toBe(true);
    expect(valid(without, 'https', 'shop-1234.example.com:443', '/a.txt')).toBe(true);
  });

  it('refuses a missing, wrong, truncated or other-URL signature, also once the URL is cached', () => {
    const valid = signatureChecker(TOKEN);
    const signature = expectedSignature(TOKEN, 'http://shop-1234.localhost:3000/a.txt');
    expect(valid(signature, 'http', 'shop-1234.localhost:3000', '/a.txt')).toBe(true);
    expect(valid(undefined, 'http', 'shop-1234.localhost:3000', '/a.txt')).toBe(false);
    expect(valid(signature.slice(0, -2), 'http', 'shop-1234.localhost:3000', '/a.txt')).toBe(false);
    expect(
      valid(
        expectedSignature('another-token', 'http://shop-1234.localhost:3000/a.txt'),
        'http',
        'shop-1234.localhost:3000',
        '/a.txt',
      ),
    ).toBe(false);
    expect(valid(signature, 'http', 'shop-1234.localhost:3000', '/b.txt')).toBe(false);
    expect(valid(signature, 'https', 'shop-1234.localhost:3000', '/a.txt')).toBe(false);
    expect(valid(signature, 'http', 'shop-1234.localhost:3000', '/a.txt?x=1')).toBe(false);
  });
});
