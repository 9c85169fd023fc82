import type { AssetVersion } from '../../../../shared/api-schemas.ts';
import { formatBytes, VISIBILITY_LABELS } from '../../../../shared/visibility.ts';
import styles from './asset-details.module.css';

/** The facts about a version: type, size, hash and where it lives. */
export function AssetDetails({ version, extra }: { version: AssetVersion; extra?: [string, string][] }) {
  const rows: [string, string][] = [
    ['Path', version.path],
    ['Type', version.content_type],
    ['Size', `${formatBytes(version.size)} (${version.size.toLocaleString('en-US')} bytes)`],
    ['Visibility', VISIBILITY_LABELS[version.visibility]],
    ['SHA-256', version.sha256],
    ['Metadata', version.metadata_removed ? 'Removed before upload (image data unchanged)' : 'As uploaded'],
    ['Version', version.sid],
    ['Created', new Date(version.date_created).toLocaleString()],
    ...(extra ?? []),
  ];
  return (
    <dl className={styles.details} aria-label="Asset details">
      {rows.map(([term, value]) => (
        <div key={term} className={styles.row}>
          <dt>{term}</dt>
          <dd className={term === 'SHA-256' || term === 'Version' || term === 'Path' ? styles.mono : undefined}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
