import type { ReactNode } from 'react';
import type { Service } from '../../../../shared/api-schemas.ts';
import { UploadIcon } from '../../../components/icons.tsx';
import { useFileDrop } from '../use-file-drop.ts';
import { useUploadStore } from '../upload-store.ts';
import styles from './upload-drop-zone.module.css';

/**
 * Wraps the Assets pane: files dropped anywhere on it open the upload dialog (rendered by AddMenu).
 * Clicks and keys pass through to the pane; only drags are handled here.
 */
export function UploadDropZone({ service, children }: { service: Service; children: ReactNode }) {
  const filesAdded = useUploadStore((s) => s.filesAdded);
  const { rootProps, inputProps, isDragActive } = useFileDrop(filesAdded);

  return (
    <div {...rootProps({ className: styles.zone, role: 'group', 'aria-label': 'Assets drop zone' })}>
      <input {...inputProps()} />
      {children}
      {isDragActive ? (
        <div className={styles.overlay}>
          <div className={styles.card}>
            <UploadIcon size={28} />
            <strong>Drop files to upload</strong>
            <span>to {service.friendly_name}</span>
          </div>
        </div>
      ) : null}
    </div>
  );
}
