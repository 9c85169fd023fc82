import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Spinner } from '../../../components/spinner.tsx';
import { errorMessage } from '../../../components/error-boundary.tsx';
import { versionTextQueryOptions } from '../api/version-text-query.ts';
import type { FileState } from '../build-diff.ts';
import { hunks, lineDiff } from '../text-diff.ts';
import styles from './review.module.css';

interface TextDiffViewProps {
  serviceSid: string;
  before: FileState;
  after: FileState;
}

/** A unified line diff of two versions' text, read through the Content endpoints. */
export function TextDiffView({ serviceSid, before, after }: TextDiffViewProps) {
  const oldText = useQuery(versionTextQueryOptions(serviceSid, before));
  const newText = useQuery(versionTextQueryOptions(serviceSid, after));
  const result = useMemo(
    () => (oldText.data !== undefined && newText.data !== undefined ? lineDiff(oldText.data, newText.data) : undefined),
    [oldText.data, newText.data],
  );

  if (oldText.isError || newText.isError) {
    return <p className={styles.note}>Could not read the text: {errorMessage(oldText.error ?? newText.error)}</p>;
  }
  if (result === undefined) return <Spinner label={`Loading the diff of ${after.path}`} />;
  if (result === null) return <p className={styles.note}>Too many changed lines to show here.</p>;
  const parts = hunks(result);
  if (parts.length === 0) return <p className={styles.note}>Only line endings changed.</p>;
  return (
    <div className={styles.diff} role="group" aria-label={`Changes in ${after.path}`}>
      {parts.map((hunk, h) => (
        <pre key={h} className={styles.hunk}>
          {hunk.lines.map((line, k) => (
            <span
              key={k}
              className={line.op === '+' ? styles.added : line.op === '-' ? styles.removed : styles.kept}
              aria-label={
                line.op === '+' ? `added: ${line.text}` : line.op === '-' ? `removed: ${line.text}` : undefined
              }
            >
              <span className={styles.lineNo} aria-hidden="true">
                {line.oldLine ?? ''}
              </span>
              <span className={styles.lineNo} aria-hidden="true">
                {line.newLine ?? ''}
              </span>
              <span aria-hidden="true">{line.op} </span>
              {line.text}
              {'\n'}
            </span>
          ))}
        </pre>
      ))}
    </div>
  );
}
