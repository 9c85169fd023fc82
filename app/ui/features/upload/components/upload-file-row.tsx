import { VISIBILITIES, VISIBILITY_LABELS, formatBytes, type Visibility } from '../../../../shared/visibility.ts';
import type { FileCheck } from '../file-checks.ts';
import { uploadContent, useUploadStore, type QueuedFile } from '../upload-store.ts';
import { MetadataNotice } from './metadata-notice.tsx';
import styles from './upload-file-row.module.css';

function extensionLabel(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1, dot + 5).toUpperCase() : 'FILE';
}

/** One queued file: name, size, path, visibility, and what is wrong with it or how far it got. */
export function UploadFileRow({
  item,
  check,
  busy,
  identicalTo,
}: {
  item: QueuedFile;
  check: FileCheck;
  busy: boolean;
  /** The path of an existing asset with exactly these bytes, if any. */
  identicalTo: string | null;
}) {
  const visibilityChosen = useUploadStore((s) => s.visibilityChosen);
  const pathEdited = useUploadStore((s) => s.pathEdited);
  const replaceChosen = useUploadStore((s) => s.replaceChosen);
  const fileRemoved = useUploadStore((s) => s.fileRemoved);
  const name = item.file.name;
  const locked = busy || item.status === 'uploading' || item.status === 'done';
  const sending = uploadContent(item)?.size ?? item.file.size;
  const percent = sending > 0 ? Math.min(100, Math.round((item.loaded / sending) * 100)) : 0;
  const messageId = `${item.id}-message`;

  return (
    <li className={styles.row} data-status={item.status} data-check={check.kind} aria-label={name}>
      <span className={styles.badge} aria-hidden="true">
        {extensionLabel(name)}
      </span>
      <div className={styles.main}>
        <div className={styles.titleLine}>
          <span className={styles.name} title={name}>
            {name}
          </span>
          <span className={styles.size}>{formatBytes(item.file.size)}</span>
        </div>
        <input
          className={styles.path}
          value={item.path}
          onChange={(e) => pathEdited(item.id, e.target.value)}
          aria-label={`Path for ${name}`}
          aria-describedby={messageId}
          aria-invalid={check.kind === 'problem' && check.field === 'path' ? true : undefined}
          spellCheck={false}
          disabled={locked}
        />
        <RowMessage
          id={messageId}
          item={item}
          check={check}
          percent={percent}
          onReplace={(r) =>
            replaceChosen(item.id, r, check.kind === 'clash' ? (check.asset.latest_version?.visibility ?? null) : null)
          }
          disabled={locked}
        />
        {identicalTo && item.status !== 'done' ? (
          <p className={`${styles.message} ${styles.hint}`}>
            <span aria-hidden="true">= </span>Same bytes as {identicalTo}
          </p>
        ) : null}
        <MetadataNotice item={item} disabled={locked} />
      </div>
      <select
        className={styles.visibility}
        value={item.visibility}
        onChange={(e) => visibilityChosen(item.id, e.target.value as Visibility)}
        aria-label={`Visibility for ${name}`}
        disabled={locked}
      >
        {VISIBILITIES.map((v) => (
          <option key={v} value={v}>
            {VISIBILITY_LABELS[v]}
          </option>
        ))}
      </select>
      <button
        type="button"
        className={styles.remove}
        onClick={() => fileRemoved(item.id)}
        aria-label={`Remove ${name}`}
        title="Remove from this upload"
        disabled={locked}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      </button>
    </li>
  );
}

interface RowMessageProps {
  id: string;
  item: QueuedFile;
  check: FileCheck;
  percent: number;
  disabled: boolean;
  onReplace: (replace: boolean) => void;
}

function RowMessage({ id, item, check, percent, disabled, onReplace }: RowMessageProps) {
  if (item.status === 'uploading') {
    return (
      <div id={id} className={styles.progressLine}>
        <div
          className={styles.progress}
          role="progressbar"
          aria-label={`Uploading ${item.file.name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className={styles.progressFill} style={{ width: `${percent}%` }} />
        </div>
        <span className={styles.percent}>{percent}%</span>
      </div>
    );
  }
  if (item.status === 'done') {
    return (
      <p id={id} className={`${styles.message} ${styles.ok}`}>
        <span aria-hidden="true">✓ </span>Uploaded
      </p>
    );
  }
  if (item.status === 'failed' && item.error) {
    return (
      <p id={id} className={`${styles.message} ${styles.error}`} role="alert">
        <span aria-hidden="true">✕ </span>Upload failed: {item.error}
      </p>
    );
  }
  if (check.kind === 'problem') {
    return (
      <p id={id} className={`${styles.message} ${styles.error}`}>
        <span aria-hidden="true">⚠ </span>
        {check.message}
      </p>
    );
  }
  if (check.kind === 'clash') {
    return (
      <div id={id} className={`${styles.message} ${styles.warning}`}>
        <span>
          <span aria-hidden="true">⚠ </span>An asset at {item.path} already exists.
        </span>
        <label className={styles.replace}>
          <input
            type="checkbox"
            checked={item.replace}
            onChange={(e) => onReplace(e.target.checked)}
            disabled={disabled}
          />
          Replace it (upload as a new version)
        </label>
      </div>
    );
  }
  return (
    <p id={id} className={`${styles.message} ${styles.hint}`}>
      Ready to upload
    </p>
  );
}
