import { describe, expect, it } from 'vitest';
import { pathOfUrlPath, pathProblem, urlPathOf } from './paths.ts';
import { generatedPaths } from './test-paths.ts';
import { assetUrl } from './urls.ts';

describe('paths and their URLs', () => {
  it('refuses percent-encoded dot segments and other escapes', () => {
    expect(pathProblem('/%2e%2e/x')).toMatch(/percent-encoded/);
    expect(pathProblem('/a/%2e/b')).toMatch(/percent-encoded/);
    expect(pathProblem('/a%2Fb')).toMatch(/percent-encoded/);
    expect(pathProblem('/100%.txt')).toBeNull();
    expect(pathProblem('/\ud800.txt')).toMatch(/Unicode/);
    expect(pathProblem('/😀.txt')).toBeNull();
  });

  it('for every path accepted, the URL is kept as is by a browser and maps back to the path', () => {
    const paths = generatedPaths(5000);
    const accepted = paths.filter((path) => pathProblem(path) === null);
    // The generator reaches both sides of the rules.
    expect(accepted.length).toBeGreaterThan(500);
    expect(paths.length - accepted.length).toBeGreaterThan(500);
    for (const path of accepted) {
      const url = new URL(assetUrl('https', 'demo-1234.example.com', path));
      expect(url.pathname, path).toBe(urlPathOf(path));
      expect(pathOfUrlPath(url.pathname), path).toBe(path);
    }
  });
});
