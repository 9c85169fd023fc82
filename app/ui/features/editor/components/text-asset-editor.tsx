import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import type { Service } from '../../../../shared/api-schemas.ts';
import { sizeProblem, formatBytes } from '../../../../shared/visibility.ts';
import { baseName } from '../../../../shared/paths.ts';
import { Button } from '../../../components/button.tsx';
import { errorMessage } from '../../../components/error-boundary.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { toast } from '../../../components/toast-store.ts';
import { notice } from '../../../lib/notices-store.ts';
import type { FileVersion, PaneFile } from '../../../lib/files.ts';
import { fileTextQuery } from '../api/asset-content-query.ts';
import { useSaveTextMutation } from '../api/save-text-mutation.ts';
import { useEditorStore } from '../editor-store.ts';
import styles from './text-asset-editor.module.css';

// CodeMirror is most of the editor's weight: load it when a text asset is first opened.
const CodeEditor = lazy(() => import('./code-editor.tsx').then((m) => ({ default: m.CodeEditor })));

interface TextAssetEditorProps {
  service: Service;
  asset: PaneFile;
  version: FileVersion;
}

/** A text asset or a function in the code editor; Save (or Ctrl+S) uploads the text as a new version. */
export function TextAssetEditor({ service, asset, version }: TextAssetEditorProps) {
  const text = useQuery(fileTextQuery(version));
  const draft = useEditorStore((s) => s.drafts[asset.sid]);
  const draftEdited = useEditorStore((s) => s.draftEdited);
  const draftSaved = useEditorStore((s) => s.draftSaved);
  const save = useSaveTextMutation(service.sid);

  if (text.isError) {
    return (
      <div className={styles.message} role="alert">
        <p>
          Could not load {version.path}: {errorMessage(text.error)}
        </p>
        <Button size="small" onClick={() => void text.refetch()}>
          Retry
        </Button>
      </div>
    );
  }
  if (text.data === undefined) {
    return (
      <div className={styles.message}>
        <Spinner label={`Loading ${version.path}`} />
      </div>
    );
  }

  const saved = text.data;
  const current = draft ?? saved;
  const dirty = draft !== undefined && draft !== saved;
  const bytes = new TextEncoder().encode(current).length;
  const problem = dirty ? sizeProblem(baseName(version.path), bytes, version.visibility) : null;

  const onSave = () => {
    if (!dirty || save.isPending) return;
    if (problem) {
      toast.error(problem);
      return;
    }
    save.mutate(
      { file: asset, version, text: current },
      {
        onSuccess: (created) => {
          // Only clear the draft if nothing was typed while saving.
          if (useEditorStore.getState().drafts[asset.sid] === current) draftSaved(asset.sid);
          notice.info(`Saved ${created.path} (new version ${created.sid})`);
          toast.success(`Saved ${created.path}`);
        },
        onError: (error) => {
          notice.error(`Saving ${version.path} failed: ${errorMessage(error)}`);
          toast.error(`Could not save ${version.path}: ${errorMessage(error)}`);
        },
      },
    );
  };

  return (
    <div className={styles.wrap}>
      <div className={styles.toolbar}>
        <span className={styles.path} title={version.path}>
          {version.path}
        </span>
        <span className={styles.state} role="status">
          {save.isPending ? 'Saving…' : problem ? problem : dirty ? 'Unsaved changes' : `${formatBytes(bytes)} · saved`}
        </span>
        <Button
          variant="primary"
          size="small"
          onClick={onSave}
          disabled={!dirty || save.isPending || problem !== null}
          title="Save (Ctrl+S)"
        >
          Save
        </Button>
      </div>
      <div className={styles.editor}>
        <Suspense fallback={<Spinner label="Loading the code editor" />}>
          <CodeEditor
            initialText={current}
            path={version.path}
            contentType={version.content_type}
            label={`Contents of ${version.path}`}
            onChange={(next) => (next === saved ? draftSaved(asset.sid) : draftEdited(asset.sid, next))}
            onSave={onSave}
          />
        </Suspense>
      </div>
    </div>
  );
}
