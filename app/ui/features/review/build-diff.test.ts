import { describe, expect, it } from 'vitest';
import { diffBuilds, diffFiles, diffVariables, isEmptyDiff, summarize, type FileState } from './build-diff.ts';

let n = 0;
const file = (path: string, over: Partial<FileState> = {}): FileState => {
  n += 1;
  return {
    kind: 'asset',
    fileSid: `ZH${path}`,
    versionSid: `ZN${n}`,
    path,
    visibility: 'public',
    size: 10,
    sha256: `sha-${path}`,
    ...over,
  };
};

describe('diffFiles', () => {
  it('tells added, deleted, renamed, visibility changed and edited apart, sorted by path', () => {
    const kept = file('/kept.txt');
    const renamed = file('/old-name.css');
    const hidden = file('/secret.json');
    const edited = file('/edit.html');
    const deleted = file('/gone.png');
    const before = [kept, renamed, hidden, edited, deleted];
    const after = [
      kept,
      { ...renamed, versionSid: 'ZNr', path: '/new-name.css' },
      { ...hidden, versionSid: 'ZNh', visibility: 'private' as const },
      { ...edited, versionSid: 'ZNe', sha256: 'other', size: 12 },
      file('/added.svg'),
    ];
    const diff = diffFiles(before, after);
    expect(diff.unchanged).toBe(1);
    expect(diff.reused).toBe(1);
    expect(
      diff.files.map((f) => [
        f.change,
        f.before?.path ?? null,
        f.after?.path ?? null,
        f.renamed,
        f.visibilityChanged,
        f.contentChanged,
      ]),
    ).toEqual([
      ['added', null, '/added.svg', false, false, true],
      ['changed', '/edit.html', '/edit.html', false, false, true],
      ['deleted', '/gone.png', null, false, false, true],
      ['changed', '/old-name.css', '/new-name.css', true, false, false],
      ['changed', '/secret.json', '/secret.json', false, true, false],
    ]);
  });

  it('counts a new version of the same bytes at the same path as unchanged (twilio-run uploads everything again)', () => {
    const a = file('/a.txt');
    const diff = diffFiles([a], [{ ...a, versionSid: 'ZNnew' }]);
    expect(diff.files).toEqual([]);
    expect(diff.unchanged).toBe(1);
    expect(diff.reused).toBe(0);
  });

  it('matches a file made again at the same path (another sid) as a change, not a delete and an add', () => {
    const a = file('/same.txt');
    const again = { ...a, fileSid: 'ZHother', versionSid: 'ZNother', sha256: 'new bytes' };
    const diff = diffFiles([a], [again]);
    expect(diff.files.map((f) => [f.change, f.contentChanged])).toEqual([['changed', true]]);
  });

  it('keeps assets and functions at one path apart', () => {
    const asset = file('/x');
    const fn = file('/x', { kind: 'function', fileSid: 'ZHfn' });
    expect(diffFiles([asset], [fn]).files.map((f) => [f.kind, f.change])).toEqual([
      ['function', 'added'],
      ['asset', 'deleted'],
    ]);
  });

  it('against nothing deployed, every file is added', () => {
    const diff = diffBuilds(null, { files: [file('/a'), file('/b')], dependencies: [] });
    expect(diff.files.map((f) => f.change)).toEqual(['added', 'added']);
    expect(summarize(diff)).toBe('2 added');
  });
});

describe('diffBuilds', () => {
  it('lists dependency changes and says when there is nothing to deploy', () => {
    const a = file('/a');
    const diff = diffBuilds(
      {
        files: [a],
        dependencies: [
          { name: 'ms', version: '^2.1.0' },
          { name: 'lodash', version: '4' },
        ],
      },
      {
        files: [a],
        dependencies: [
          { name: 'ms', version: '^2.1.3' },
          { name: 'axios', version: '1' },
        ],
      },
    );
    expect(diff.dependencies).toEqual([
      { name: 'axios', before: null, after: '1' },
      { name: 'lodash', before: '4', after: null },
      { name: 'ms', before: '^2.1.0', after: '^2.1.3' },
    ]);
    expect(summarize(diff)).toBe('3 dependencies');
    expect(isEmptyDiff(diff)).toBe(false);
    expect(isEmptyDiff(diffBuilds({ files: [a], dependencies: [] }, { files: [a], dependencies: [] }))).toBe(true);
  });
});

describe('diffVariables', () => {
  it('names keys set on one side only or with other values, never the values', () => {
    expect(
      diffVariables(
        [
          { key: 'API_URL', value: 'https://staging' },
          { key: 'SAME', value: '1' },
          { key: 'NEW_FLAG', value: 'on' },
        ],
        [
          { key: 'API_URL', value: 'https://prod' },
          { key: 'SAME', value: '1' },
          { key: 'OLD', value: 'x' },
        ],
      ),
    ).toEqual([
      { key: 'API_URL', difference: 'different' },
      { key: 'NEW_FLAG', difference: 'only-source' },
      { key: 'OLD', difference: 'only-target' },
    ]);
  });
});
