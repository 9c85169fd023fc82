import type { ReactNode } from 'react';
import { FILE_KINDS, type FileKind, type PaneFile } from '../../../lib/files.ts';
import { useAssetsPaneStore } from '../assets-pane-store.ts';
import { AssetList } from './asset-list.tsx';
import type { RowHandlers } from './asset-row.tsx';
import styles from './assets-pane.module.css';

interface FileGroupProps {
  kind: FileKind;
  /** "Functions", "Assets". */
  title: string;
  files: PaneFile[];
  /** How many the service has (files is what the filter lets through). */
  total: number;
  filter: string;
  emptyText: string;
  deployedVersions: Set<string> | null;
  activeSid: string | null;
  handlers: RowHandlers;
  /** Wraps the list (the assets' drop zone). */
  wrap?: (list: ReactNode) => ReactNode;
}

/** One group of the pane (Functions or Assets): its heading, its count, its rows. */
export function FileGroup(props: FileGroupProps) {
  const { kind, title, files, total, filter } = props;
  const renamingSid = useAssetsPaneStore((s) => s.renamingSid);
  const titleId = `file-group-${kind}`;
  const countText = filter ? `${files.length} of ${total}` : `${total}`;
  const wrap = props.wrap ?? ((list: ReactNode) => list);

  return (
    <div className={`${styles.group} ${styles[kind]}`} role="group" aria-labelledby={titleId}>
      <div className={styles.groupHeader}>
        <h3 id={titleId} className={styles.groupTitle}>
          {title}
        </h3>
        <span className={styles.groupCount} aria-label={`${countText} ${title.toLowerCase()}`}>
          {countText}
        </span>
      </div>
      {wrap(
        total === 0 ? (
          <p className={styles.empty}>{props.emptyText}</p>
        ) : files.length === 0 ? (
          <p className={styles.empty}>
            No {FILE_KINDS[kind].noun} path contains “{filter}”.
          </p>
        ) : (
          <AssetList
            label={title}
            assets={files}
            deployedVersions={props.deployedVersions}
            activeSid={props.activeSid}
            renamingSid={renamingSid}
            handlers={props.handlers}
          />
        ),
      )}
    </div>
  );
}
