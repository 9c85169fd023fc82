import { useEffect, useState, type KeyboardEvent } from 'react';
import { assetPath } from '../../../../shared/assets.ts';
import { baseName } from '../../../../shared/paths.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { CloseIcon } from '../../../components/icons.tsx';
import type { PaneFile } from '../../../lib/files.ts';
import { useEditorStore } from '../editor-store.ts';
import styles from './editor-tabs.module.css';

/** One tab per opened asset or function; ←/→ move between tabs, Delete closes the focused one. */
export function EditorTabs({ tabs, activeSid }: { tabs: PaneFile[]; activeSid: string }) {
  const tabActivated = useEditorStore((s) => s.tabActivated);
  const tabClosed = useEditorStore((s) => s.tabClosed);
  const drafts = useEditorStore((s) => s.drafts);
  // A tab with unsaved text asks before it closes; the browser asks before the page goes.
  const [closing, setClosing] = useState<PaneFile | null>(null);
  const requestClose = (asset: PaneFile) => (asset.sid in drafts ? setClosing(asset) : tabClosed(asset.sid));
  const anyDraft = Object.keys(drafts).length > 0;
  useEffect(() => {
    if (!anyDraft) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [anyDraft]);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step !== 0) {
      const next = tabs[(index + step + tabs.length) % tabs.length];
      if (!next) return;
      event.preventDefault();
      tabActivated(next.sid);
      document.getElementById(`tab-${next.sid}`)?.focus();
    } else if (event.key === 'Delete') {
      event.preventDefault();
      requestClose(tabs[index]!);
    }
  };

  return (
    <div className={styles.tabs} role="tablist" aria-label="Open assets">
      {tabs.map((asset, index) => {
        const path = assetPath(asset);
        const selected = asset.sid === activeSid;
        const dirty = asset.sid in drafts;
        return (
          <div key={asset.sid} className={styles.tab} data-selected={selected} role="presentation">
            <button
              type="button"
              role="tab"
              id={`tab-${asset.sid}`}
              aria-selected={selected}
              aria-controls={`panel-${asset.sid}`}
              tabIndex={selected ? 0 : -1}
              className={styles.label}
              title={path}
              aria-keyshortcuts="Delete"
              onClick={() => tabActivated(asset.sid)}
              onKeyDown={(e) => onKeyDown(e, index)}
              onAuxClick={(e) => e.button === 1 && requestClose(asset)}
            >
              {baseName(path)}
              {dirty ? (
                <span className={styles.dirty} title="Unsaved changes">
                  <span className="visually-hidden"> (unsaved)</span>
                </span>
              ) : null}
            </button>
            {/* A tablist may hold only tabs: the close button is for the mouse; keyboard and screen
                reader users close the focused tab with Delete (aria-keyshortcuts above). */}
            <button
              type="button"
              className={styles.close}
              aria-hidden="true"
              tabIndex={-1}
              title={`Close ${path}`}
              onClick={() => requestClose(asset)}
            >
              <CloseIcon size={12} />
            </button>
          </div>
        );
      })}
      <Dialog
        open={closing !== null}
        onOpenChange={(open) => !open && setClosing(null)}
        title="Discard unsaved changes?"
        description={closing ? `${assetPath(closing)} has changes that are not saved.` : undefined}
        size="small"
        footer={
          <>
            <Button onClick={() => setClosing(null)}>Keep editing</Button>
            <Button
              variant="danger"
              onClick={() => {
                if (closing) tabClosed(closing.sid);
                setClosing(null);
              }}
            >
              Discard changes
            </Button>
          </>
        }
      >
        {null}
      </Dialog>
    </div>
  );
}
