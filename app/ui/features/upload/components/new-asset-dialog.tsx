import { useId, useRef, useState, type FormEvent } from 'react';
import type { Asset, Service } from '../../../../shared/api-schemas.ts';
import { assetPath } from '../../../../shared/assets.ts';
import { contentTypeForPath, isTextType } from '../../../../shared/content-type.ts';
import { normalizePath, pathProblem } from '../../../../shared/paths.ts';
import { VISIBILITIES, VISIBILITY_LABELS, type Visibility } from '../../../../shared/visibility.ts';
import { Dialog, FormDialogFooter } from '../../../components/dialog.tsx';
import { notice } from '../../../lib/notices-store.ts';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useCreateTextAssetMutation } from '../api/create-text-asset-mutation.ts';
import { DEFAULT_VISIBILITY } from '../upload-store.ts';
import styles from './new-asset-dialog.module.css';

function problemOf(path: string, assets: readonly Asset[]): string | null {
  const problem = pathProblem(path);
  if (problem) return problem;
  if (path.endsWith('/')) return 'Path must end with a file name, e.g. /notes.txt';
  if (!isTextType(contentTypeForPath(path) ?? 'text/plain')) {
    return 'New Asset makes a text file (.html, .css, .js, .json, .txt…); use Upload File for other types';
  }
  if (assets.some((asset) => assetPath(asset) === path)) return `An asset at ${path} already exists`;
  return null;
}

interface NewAssetDialogProps {
  service: Service;
  assets: Asset[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The asset was created (the editor opens it). */
  onCreated: (assetSid: string) => void;
}

/** Asks for the path of a new text asset, creates it and opens it in the editor. */
export function NewAssetDialog({ service, assets, open, onOpenChange, onCreated }: NewAssetDialogProps) {
  const [path, setPath] = useState('/');
  const [visibility, setVisibility] = useState<Visibility>(DEFAULT_VISIBILITY);
  const [touched, setTouched] = useState(false);
  const create = useCreateTextAssetMutation(service.sid);
  const pathInput = useRef<HTMLInputElement>(null);
  const formId = useId();
  const errorId = useId();

  const normalized = normalizePath(path.trim());
  const problem = problemOf(normalized, assets);
  const shownProblem = touched ? problem : null;
  const serverError =
    create.error instanceof ApiRequestError ? create.error.message : create.error ? 'Could not create the asset' : null;

  const close = (next: boolean) => {
    onOpenChange(next);
    if (!next) {
      setPath('/');
      setVisibility(DEFAULT_VISIBILITY);
      setTouched(false);
      create.reset();
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    const version = await create.mutateAsync({ path: normalized, visibility }).catch(() => null);
    if (!version) return;
    notice.info(`Created ${version.path}`);
    onCreated(version.asset_sid);
    close(false);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      size="small"
      initialFocus={pathInput}
      title="New asset"
      description="A new text asset, opened in the editor. It is published with your next deploy."
      footer={
        <FormDialogFooter formId={formId} pending={create.isPending} submitLabel="Create" pendingLabel="Creating…" />
      }
    >
      <form id={formId} className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <label className={styles.field}>
          <span className={styles.label}>Path</span>
          <input
            className={styles.input}
            value={path}
            onChange={(e) => setPath(e.target.value)}
            onBlur={() => setTouched(path !== '/')}
            placeholder="/notes.txt"
            spellCheck={false}
            ref={pathInput}
            aria-invalid={shownProblem ? true : undefined}
            aria-describedby={errorId}
          />
        </label>
        <label className={styles.field}>
          <span className={styles.label}>Visibility</span>
          <select
            className={styles.input}
            value={visibility}
            onChange={(e) => setVisibility(e.target.value as Visibility)}
          >
            {VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {VISIBILITY_LABELS[v]}
              </option>
            ))}
          </select>
        </label>
        <p id={errorId} className={styles.error} role={shownProblem || serverError ? 'alert' : undefined}>
          {shownProblem ?? serverError}
        </p>
      </form>
    </Dialog>
  );
}
