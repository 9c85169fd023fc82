import { describe, expect, it } from 'vitest';
import { planImport, type ProjectFile } from './toolkit-plan.ts';

const file = (name: string, content = 'x'): ProjectFile => ({ name, content: new Blob([content]) });
const summary = (files: ProjectFile[]) => {
  const plan = planImport(files);
  return {
    items: plan.items.map(({ kind, path, visibility, file: f }) => [kind, path, visibility, f.name]),
    ignored: plan.ignored,
    problems: plan.problems,
  };
};

describe('planImport', () => {
  it('maps a zipped project folder the way twilio-run deploys it, ignoring what it does not deploy', () => {
    expect(
      summary([
        file('demo/'),
        file('demo/package.json'),
        file('demo/.env'),
        file('demo/assets/style.css'),
        file('demo/assets/data.protected.json'),
        file('demo/assets/hold music.mp3'),
        file('demo/functions/api/hello.private.js'),
        file('demo/node_modules/ms/index.js'),
      ]),
    ).toEqual({
      items: [
        ['asset', '/style.css', 'public', 'assets/style.css'],
        ['asset', '/data.json', 'protected', 'assets/data.protected.json'],
        ['asset', '/hold-music.mp3', 'public', 'assets/hold music.mp3'],
        ['function', '/api/hello', 'private', 'functions/api/hello.private.js'],
      ],
      ignored: ['package.json', '.env', 'node_modules/ms/index.js'],
      problems: [],
    });
  });

  it('refuses names that climb out of the project, bad paths, clashes and empty files', () => {
    expect(
      summary([
        file('assets/../../etc/passwd'),
        file('/abs/assets/x.txt'),
        file('assets/a#b.txt'),
        file('assets/a b.txt'),
        file('assets/a-b.txt'),
        file('assets/empty.txt', ''),
        file('functions/readme.md'),
      ]).problems,
    ).toEqual([
      'assets/../../etc/passwd: names with "..", "." segments, a leading "/" or "\\" are refused',
      '/abs/assets/x.txt: names with "..", "." segments, a leading "/" or "\\" are refused',
      'assets/a#b.txt: Path must not contain "#"',
      'assets/a b.txt and assets/a-b.txt both become /a-b.txt',
      'assets/empty.txt is empty; empty files cannot be uploaded',
      'functions/readme.md: functions are .js files',
    ]);
  });

  it('says when there is nothing to import', () => {
    expect(summary([file('README.md'), file('package.json')]).problems).toEqual([
      'No assets/ or functions/ folder with files: this is not a Serverless Toolkit project',
    ]);
  });
});
