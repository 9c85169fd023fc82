import { describe, expect, it } from 'vitest';
import { entryOfToolkitFile, toolkitFileOf } from './toolkit-paths.ts';

describe('toolkit file names', () => {
  it.each([
    ['asset', '/style.css', 'public', 'assets/style.css'],
    ['asset', '/data.json', 'protected', 'assets/data.protected.json'],
    ['asset', '/nested/config.json', 'private', 'assets/nested/config.private.json'],
    ['asset', '/assets/index.html', 'public', 'assets/assets/index.html'],
    ['asset', '/LICENSE', 'public', 'assets/LICENSE'],
    ['asset', '/archive.tar.gz', 'protected', 'assets/archive.tar.protected.gz'],
    ['function', '/hello', 'public', 'functions/hello.js'],
    ['function', '/api/sms', 'protected', 'functions/api/sms.protected.js'],
    ['function', '/token', 'private', 'functions/token.private.js'],
  ] as const)('%s %s (%s) is %s, and back', (kind, path, visibility, file) => {
    expect(toolkitFileOf({ kind, path, visibility })).toEqual({ file });
    expect(entryOfToolkitFile(file)).toEqual({ kind, path, visibility });
  });

  it('reads names as twilio-run does: whitespace becomes "-"', () => {
    expect(entryOfToolkitFile('assets/hold music.mp3')).toEqual({
      kind: 'asset',
      path: '/hold-music.mp3',
      visibility: 'public',
    });
  });

  it.each([
    [{ kind: 'asset', path: '/', visibility: 'public' }, /root asset/],
    [{ kind: 'asset', path: '/LICENSE', visibility: 'private' }, /cannot be named/],
    [{ kind: 'asset', path: '/a b.txt', visibility: 'public' }, /cannot be named/],
    [{ kind: 'asset', path: '/x.private.json', visibility: 'public' }, /cannot be named/],
  ] as const)('says why %j has no file name', (entry, problem) => {
    expect(toolkitFileOf(entry)).toEqual({ problem: expect.stringMatching(problem) as string });
  });

  it.each([
    ['package.json', /outside assets\/ and functions\//],
    ['functions/readme.md', /functions are \.js files/],
    ['assets/a#b.txt', /"#"/],
  ])('refuses %s', (file, problem) => {
    expect(entryOfToolkitFile(file)).toEqual({ problem: expect.stringMatching(problem) as string });
  });
});
