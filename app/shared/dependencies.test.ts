import { describe, expect, it } from 'vitest';
import { dependencyListProblem, packageNameProblem, versionProblem } from './dependencies.ts';

describe('package names', () => {
  it.each(['ms', 'lodash.get', '@twilio/runtime-handler', 'a-b_c~d'])('accepts %s', (name) => {
    expect(packageNameProblem(name)).toBeNull();
  });
  it.each(['', 'Ms', 'has space', '@scope', '.hidden', '_under', 'a/b', 'x'.repeat(215)])('refuses %j', (name) => {
    expect(packageNameProblem(name)).not.toBeNull();
  });
});

describe('versions', () => {
  it.each([
    '1.2.3',
    'v1.2.3',
    '^1.2.3',
    '~1.2',
    '2.x',
    '*',
    '>=1.0.0 <2.0.0',
    '1.2.3 - 2.3.4',
    '^1 || ^2',
    '1.0.0-beta.1+build.5',
    'latest',
    'next',
  ])('accepts %s', (version) => {
    expect(versionProblem(version)).toBeNull();
  });
  it.each(['', ' ', '^^1', '1.2.3.4', 'github:user/repo', 'file:../x', 'https://x/y.tgz', 'npm:ms@2', '>=', '01.2.3'])(
    'refuses %j',
    (version) => {
      expect(versionProblem(version)).not.toBeNull();
    },
  );
});

describe('lists', () => {
  it('names the package with the problem, and refuses duplicates and more than 100', () => {
    expect(dependencyListProblem([{ name: 'ms', version: '^^2' }])).toMatch(/^Dependency ms: /);
    expect(
      dependencyListProblem([
        { name: 'ms', version: '1' },
        { name: 'ms', version: '2' },
      ]),
    ).toBe('Dependency ms is listed twice');
    expect(dependencyListProblem(Array.from({ length: 101 }, (_, i) => ({ name: `p${i}`, version: '1' })))).toMatch(
      /at most 100/,
    );
    expect(dependencyListProblem([{ name: 'twilio', version: '6.3.1' }])).toBeNull();
  });
});
