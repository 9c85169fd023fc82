import { describe, expect, it } from 'vitest';
import type { Visibility } from '../../shared/visibility.ts';
import type { VersionRow } from '../store/files-repo.ts';
import { buildProblem } from './validate.ts';

const versions = (n: number, visibility: Visibility, from = 0): VersionRow[] =>
  Array.from({ length: n }, (_, i) => ({
    sid: `ZN${visibility}${from + i}`,
    service_sid: 'ZS1',
    file_sid: `ZH${visibility}${from + i}`,
    kind: 'asset',
    path: `/${visibility}/${from + i}.txt`,
    visibility,
    sha256: 'x',
    size: 1,
    content_type: 'text/plain',
    date_created: '2026-01-01T00:00:00Z',
    metadata_removed: 0,
  }));

describe('buildProblem', () => {
  it('takes 1000 public and protected assets together, not 1000 of each', () => {
    expect(buildProblem([...versions(600, 'public'), ...versions(400, 'protected')])).toBeNull();
    expect(buildProblem([...versions(600, 'public'), ...versions(401, 'protected')])).toBe(
      'The build has 1001 public and protected assets; at most 1000 are allowed in one build',
    );
  });
});
