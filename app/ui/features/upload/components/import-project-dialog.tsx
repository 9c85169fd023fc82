import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Service } from '../../../../shared/api-schemas.ts';
import { VISIBILITY_LABELS } from '../../../../shared/visibility.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { notice } from '../../../lib/notices-store.ts';
import { importProject } from '../api/import-project.ts';
import { useToolkitStore } from '../toolkit-store.ts';
import { useFileDrop } from '../use-file-drop.ts';
import styles from './toolkit-dialogs.module.css';

type Progress = { done: number; current: string | null } | null;

/** Import: a Serverless Toolkit project (zip or folder) becomes the same assets and functions. */
export function ImportProjectDialog({ service }: { service: Service }) {
  const open = useToolkitStore((s) => s.importOpen);
  const plan = useToolkitStore((s) => s.plan);
  const readError = useToolkitStore((s) => s.readError);
  const projectPicked = useToolkitStore((s) => s.projectPicked);
  const importClosed = useToolkitStore((s) => s.importClosed);
  const queryClient = useQueryClient();
  const [importError, setImportError] = useState<string | null>(null);
  const error = readError ?? importError;
  const [progress, setProgress] = useState<Progress>(null);
  const abort = useRef<AbortController | null>(null);
  const zipInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // React has no prop for it: the folder picker.
    folderInput.current?.setAttribute('webkitdirectory', '');
  });

  const { rootProps, inputProps, isDragActive } = useFileDrop(projectPicked, { contained: true });
  const running = progress !== null && progress.current !== null;

  const close = () => {
    abort.current?.abort();
    setImportError(null);
    setProgress(null);
    importClosed();
  };

  const start = async () => {
    if (!plan) return;
    abort.current = new AbortController();
    try {
      await importProject(service.sid, plan, (done, current) => setProgress({ done, current }), abort.current.signal);
      notice.info(`Imported ${plan.items.length} files from the project`);
      close();
    } catch (err) {
      setImportError(err instanceof ApiRequestError || err instanceof Error ? err.message : String(err));
      setProgress(null);
    } finally {
      abort.current = null;
      await queryClient.invalidateQueries();
    }
  };

  const pick = (files: FileList | null) => {
    setImportError(null);
    if (files && files.length > 0) projectPicked(Array.from(files));
  };
  const assets = plan?.items.filter((i) => i.kind === 'asset').length ?? 0;
  const functions = (plan?.items.length ?? 0) - assets;
  const blocked = !plan || plan.problems.length > 0 || plan.items.length === 0;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => (next ? undefined : close())}
      size="large"
      title="Import a Serverless Toolkit project"
      description="Drop a project folder or zip here, or choose one. Files under assets/ and functions/ keep their paths and visibilities."
      contentProps={rootProps({ className: styles.dropTarget, role: 'dialog', 'data-drag': String(isDragActive) })}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button variant="primary" onClick={() => void start()} disabled={blocked || running}>
            {running ? 'Importing…' : plan && !blocked ? `Import ${plan.items.length} files` : 'Import'}
          </Button>
        </>
      }
    >
      <input {...inputProps()} />
      <div className={styles.body}>
        <div className={styles.pickers}>
          <Button onClick={() => zipInput.current?.click()} disabled={running}>
            Choose zip…
          </Button>
          <Button onClick={() => folderInput.current?.click()} disabled={running}>
            Choose folder…
          </Button>
          <input
            ref={zipInput}
            className={styles.hidden}
            type="file"
            accept=".zip,application/zip"
            aria-label="Project zip"
            onChange={(e) => pick(e.target.files)}
          />
          <input
            ref={folderInput}
            className={styles.hidden}
            type="file"
            aria-label="Project folder"
            onChange={(e) => pick(e.target.files)}
          />
        </div>
        {error ? (
          <p className={styles.problems} role="alert">
            {error}
          </p>
        ) : null}
        {plan && plan.problems.length > 0 ? (
          <ul className={styles.problems} role="alert" aria-label="Problems">
            {plan.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        {plan && plan.items.length > 0 ? (
          <>
            <p role="status">
              {assets} assets and {functions} functions to import
              {plan.ignored.length > 0
                ? ` · ignored (twilio-run does not deploy them): ${plan.ignored.join(', ')}`
                : ''}
            </p>
            <ul className={styles.list} aria-label="Files to import">
              {plan.items.map((item) => (
                <li key={`${item.kind}:${item.path}`}>
                  <span>
                    {item.kind === 'function' ? 'ƒ ' : ''}
                    {item.path}
                  </span>
                  <span>{VISIBILITY_LABELS[item.visibility]}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {progress && plan ? (
          <progress
            className={styles.progress}
            aria-label="Importing project"
            max={plan.items.length}
            value={progress.done}
          />
        ) : null}
        {progress?.current ? (
          <p className={styles.muted}>
            {progress.done + 1} of {plan?.items.length}: {progress.current}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
