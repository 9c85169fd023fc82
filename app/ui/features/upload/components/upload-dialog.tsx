import { useRef, type RefObject } from 'react';
import type { Asset, Service } from '../../../../shared/api-schemas.ts';
import { formatBytes } from '../../../../shared/visibility.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { PlusIcon } from '../../../components/icons.tsx';
import { notice } from '../../../lib/notices-store.ts';
import { useUploadFilesMutation, type UploadItem } from '../api/upload-files-mutation.ts';
import { buildCountWarnings, checkFile, identicalAssetPath, isSendable } from '../file-checks.ts';
import { filesOfFolder, isZip } from '../read-project.ts';
import { useToolkitStore } from '../toolkit-store.ts';
import { useFileInspection } from '../use-file-inspection.ts';
import { useFileDrop } from '../use-file-drop.ts';
import { useUploadStore } from '../upload-store.ts';
import { UploadFileRow } from './upload-file-row.tsx';
import styles from './upload-dialog.module.css';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Upload", "Upload 3 files", or "Upload 2 of 3" when some files cannot go yet. */
function uploadLabel(sendable: number, pending: number): string {
  if (sendable < pending && sendable > 0) return `Upload ${sendable} of ${pending}`;
  return sendable > 1 ? `Upload ${sendable} files` : 'Upload';
}

interface UploadDialogProps {
  service: Service;
  assets: Asset[];
  /** Where focus goes when the dialog closes (the Add button). */
  finalFocus?: RefObject<HTMLElement | null>;
}

/** The upload dialog: every queued file with its checks, Add files, and Upload with progress. */
export function UploadDialog({ service, assets, finalFocus }: UploadDialogProps) {
  const open = useUploadStore((s) => s.dialogOpen);
  const files = useUploadStore((s) => s.files);
  const filesAdded = useUploadStore((s) => s.filesAdded);
  const dialogClosed = useUploadStore((s) => s.dialogClosed);
  const uploadsCompleted = useUploadStore((s) => s.uploadsCompleted);
  const upload = useUploadFilesMutation(service.sid);
  const abort = useRef<AbortController | null>(null);
  useFileInspection(files, assets);
  const importOpened = useToolkitStore((s) => s.importOpened);
  // A dropped zip, or a dropped folder with assets/ or functions/, may be a toolkit project.
  const project =
    files.some((f) => isZip(f.file)) ||
    filesOfFolder(files.map((f) => f.file)).some((f) => /(^|\/)(assets|functions)\//.test(f.name));

  // Inside the dialog (a portal, outside the pane) drops and "Add files" add to the same queue.
  const {
    rootProps,
    inputProps,
    isDragActive,
    openFilePicker: openFileDialog,
  } = useFileDrop(filesAdded, { contained: true });

  const checks = files.map((item) => ({ item, check: checkFile(item, files, assets) }));
  const pending = checks.filter(({ item }) => item.status !== 'done');
  const sendable = pending.filter(({ item, check }) => isSendable(check, item));
  const blocked = pending.length - sendable.length;
  const warnings = buildCountWarnings(sendable, assets);
  const totalBytes = pending.reduce((sum, { item }) => sum + item.file.size, 0);
  const busy = upload.isPending;

  const startUpload = async () => {
    const items: UploadItem[] = sendable.map(({ item, check }) => ({
      file: item,
      assetSid: check.kind === 'clash' ? check.asset.sid : null,
    }));
    abort.current = new AbortController();
    const outcome = await upload.mutateAsync({ items, signal: abort.current.signal });
    abort.current = null;
    if (outcome.succeeded.length > 0) {
      notice.info(
        `Uploaded ${plural(outcome.succeeded.length, 'file')}: ${outcome.succeeded.map((f) => f.path).join(', ')}`,
      );
    }
    for (const { file, message } of outcome.failed) notice.error(`Upload of ${file.path} failed: ${message}`);
    if (outcome.failed.length === 0 && blocked === 0) uploadsCompleted();
  };

  const onOpenChange = (next: boolean) => {
    if (next) return;
    abort.current?.abort();
    dialogClosed();
  };

  const summary =
    pending.length === 0
      ? 'All files uploaded'
      : `${plural(pending.length, 'file')} · ${formatBytes(totalBytes)}${blocked > 0 ? ` · ${blocked} need${blocked === 1 ? 's' : ''} attention` : ''}`;

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      size="large"
      finalFocus={finalFocus}
      title={`Upload to ${service.friendly_name}`}
      description="Pick who can fetch each file. New assets stay unpublished until you deploy."
      contentProps={rootProps({ className: styles.dropTarget, role: 'dialog' })}
      footer={
        <>
          <span className={styles.summary} role="status">
            {summary}
          </span>
          <Button variant="ghost" icon={<PlusIcon size={14} />} onClick={openFileDialog} disabled={busy}>
            Add files
          </Button>
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button variant="primary" onClick={() => void startUpload()} disabled={busy || sendable.length === 0}>
            {busy ? 'Uploading…' : uploadLabel(sendable.length, pending.length)}
          </Button>
        </>
      }
    >
      <input {...inputProps()} />
      {project && !busy ? (
        <p className={styles.warning}>
          This looks like a Serverless Toolkit project.{' '}
          <Button
            size="small"
            onClick={() => {
              importOpened(files.map((f) => f.file));
              dialogClosed();
            }}
          >
            Import as a project instead
          </Button>
        </p>
      ) : null}
      {warnings.map((warning) => (
        <p key={warning} className={styles.warning} role="alert">
          {warning}
        </p>
      ))}
      {files.length === 0 ? (
        <div className={styles.empty}>
          <p>No files chosen.</p>
          <p>Drop files here or use Add files.</p>
        </div>
      ) : (
        <ul className={styles.list} aria-label="Files to upload">
          {checks.map(({ item, check }) => (
            <UploadFileRow
              key={item.id}
              item={item}
              check={check}
              busy={busy}
              identicalTo={identicalAssetPath(item, assets)}
            />
          ))}
        </ul>
      )}
      {isDragActive ? (
        <div className={styles.dropOverlay} aria-hidden="true">
          Drop to add files
        </div>
      ) : null}
    </Dialog>
  );
}
