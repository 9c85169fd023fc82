import { useState } from 'react';
import { contentTypeForPath, isTextType } from '../../../../shared/content-type.ts';
import { formatBytes, VISIBILITY_LABELS } from '../../../../shared/visibility.ts';
import { MAX_DIFF_BYTES } from '../api/version-text-query.ts';
import type { FileChange } from '../build-diff.ts';
import styles from './review.module.css';
import { TextDiffView } from './text-diff-view.tsx';

interface FileChangeRowProps {
  serviceSid: string;
  change: FileChange;
  contentTypes: Map<string, string>;
  /** Show the text diff without a click (the first few changes). */
  openDiff: boolean;
}

const GLYPH = { added: '+', deleted: '−', changed: '~' } as const;

const isText = (path: string, versionSid: string, contentTypes: Map<string, string>) =>
  isTextType(contentTypes.get(versionSid) ?? contentTypeForPath(path) ?? 'application/octet-stream');

/** What each part of a change is called, e.g. ["renamed from /a.css", "public → private", "edited"]. */
export function changeLabels(change: FileChange): string[] {
  const { before, after } = change;
  if (change.change === 'added') return ['added'];
  if (change.change === 'deleted') return ['deleted'];
  const labels: string[] = [];
  if (change.renamed) labels.push(`renamed from ${before!.path}`);
  if (change.visibilityChanged) {
    labels.push(`${VISIBILITY_LABELS[before!.visibility]} → ${VISIBILITY_LABELS[after!.visibility]}`);
  }
  if (change.contentChanged) labels.push('edited');
  return labels;
}

/** One asset or function in a review: what changed about it, and its text diff or sizes. */
export function FileChangeRow({ serviceSid, change, contentTypes, openDiff }: FileChangeRowProps) {
  const [showDiff, setShowDiff] = useState(openDiff);
  const file = (change.after ?? change.before)!;
  const { before, after } = change;
  const diffable =
    change.contentChanged &&
    before !== null &&
    after !== null &&
    before.size <= MAX_DIFF_BYTES &&
    after.size <= MAX_DIFF_BYTES &&
    isText(after.path, after.versionSid, contentTypes) &&
    isText(before.path, before.versionSid, contentTypes);
  const labels = changeLabels(change);
  const kindWord = file.kind === 'function' ? 'Function' : 'Asset';

  return (
    <li className={`${styles.change} ${styles[change.change]}`} aria-label={`${file.path}: ${labels.join(', ')}`}>
      <div className={styles.changeLine}>
        <span className={styles.glyph} aria-hidden="true">
          {GLYPH[change.change]}
        </span>
        <span className={styles.path}>{file.path}</span>
        {file.kind === 'function' ? <span className={styles.kind}>{kindWord}</span> : null}
        <span className={styles.labels}>{labels.join(' · ')}</span>
        <span className={styles.size}>
          {change.change === 'changed' && change.contentChanged
            ? `${formatBytes(before!.size)} → ${formatBytes(after!.size)}`
            : formatBytes(file.size)}
        </span>
        {diffable ? (
          <button
            type="button"
            className={styles.diffToggle}
            aria-expanded={showDiff}
            onClick={() => setShowDiff((v) => !v)}
          >
            {showDiff ? 'Hide diff' : 'Show diff'}
          </button>
        ) : null}
      </div>
      {diffable && showDiff ? <TextDiffView serviceSid={serviceSid} before={before} after={after} /> : null}
    </li>
  );
}
