import { createContext, useContext } from 'react';
import styles from './asset-row.module.css';

/**
 * The version sids the selected environment serves (null while they load). Read by each glyph
 * rather than passed to the rows: a deploy then re-renders the glyphs, not every row with its menus.
 */
export const DeployedVersionsContext = createContext<Set<string> | null>(null);

/**
 * Deploy status of a file's latest version (none: an empty file, never deployed) as glyph +
 * accessible text: green check "Deployed", gray circle "Not deployed".
 */
export function StatusGlyph({ versionSid }: { versionSid: string | null }) {
  const deployedVersions = useContext(DeployedVersionsContext);
  const deployed = deployedVersions && (versionSid === null ? false : deployedVersions.has(versionSid));
  if (deployed === null) {
    return <span className={styles.status} role="img" aria-label="Checking status" title="Checking status" />;
  }
  const label = deployed ? 'Deployed' : 'Not deployed';
  return (
    <span
      className={`${styles.status} ${deployed ? styles.deployed : styles.pending}`}
      role="img"
      aria-label={label}
      title={label}
    >
      {deployed ? (
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path
            d="M4.8 8.3l2.1 2.1 4.3-4.6"
            fill="none"
            stroke="#fff"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      ) : (
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
        </svg>
      )}
    </span>
  );
}
