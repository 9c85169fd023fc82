import { formatBytes } from '../../../../shared/visibility.ts';
import { useUploadStore, type QueuedFile } from '../upload-store.ts';
import styles from './metadata-notice.module.css';

/**
 * The metadata guard for one queued image: what identifying metadata it carries (GPS, serial
 * numbers, names) and the choice to remove it. Uploading as is stays the default.
 */
export function MetadataNotice({ item, disabled }: { item: QueuedFile; disabled: boolean }) {
  const removeMetadataChosen = useUploadStore((s) => s.removeMetadataChosen);
  const { metadata } = item;
  if (metadata.state !== 'found') return null;
  const name = item.file.name;
  return (
    <div className={styles.notice} role="group" aria-label={`Metadata in ${name}`}>
      <p className={styles.title}>
        <span aria-hidden="true">⚠ </span>This image carries metadata that can identify people or places:
      </p>
      <ul className={styles.findings}>
        {metadata.findings.map((finding) => (
          <li key={`${finding.label}:${finding.value}`}>
            <span className={styles.label}>{finding.label}:</span> {finding.value}
          </li>
        ))}
      </ul>
      {metadata.notRemovable ? (
        <p className={styles.hint}>{metadata.notRemovable}; it will be uploaded as is.</p>
      ) : (
        <label className={styles.choice}>
          <input
            type="checkbox"
            checked={item.removeMetadata}
            onChange={(e) => removeMetadataChosen(item.id, e.target.checked)}
            disabled={disabled}
          />
          Remove metadata (the image data is kept byte for byte)
        </label>
      )}
      {item.removeMetadata && item.stripped ? (
        <p className={styles.hint}>
          <span aria-hidden="true">✓ </span>Will upload without metadata ({formatBytes(item.stripped.size)})
        </p>
      ) : null}
      {!item.removeMetadata && !metadata.notRemovable ? (
        <p className={styles.hint}>Uploaded as is unless you choose to remove it.</p>
      ) : null}
    </div>
  );
}
