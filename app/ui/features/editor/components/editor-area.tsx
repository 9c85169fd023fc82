import type { Asset, Environment, FunctionResource, Service } from '../../../../shared/api-schemas.ts';
import type { PaneFile } from '../../../lib/files.ts';
import { ErrorBoundary } from '../../../components/error-boundary.tsx';
import { useEditorStore } from '../editor-store.ts';
import { AssetView } from './asset-view.tsx';
import { CopyUrlBar } from './copy-url-bar.tsx';
import { EditorTabs } from './editor-tabs.tsx';
import styles from './editor-area.module.css';

/** Tabs of opened assets and functions, the viewer/editor of the active one, and the Copy URL bar below it. */
export function EditorArea({
  service,
  environment,
  assets,
  functions,
}: {
  service: Service;
  environment: Environment | null;
  assets: Asset[];
  functions: FunctionResource[];
}) {
  const openTabs = useEditorStore((s) => s.openTabs);
  const activeTab = useEditorStore((s) => s.activeTab);
  // Tabs of files deleted elsewhere simply stop showing (derived, not synced).
  const bySid = new Map<string, PaneFile>([...functions, ...assets].map((f) => [f.sid, f]));
  const tabs = openTabs.flatMap((sid) => bySid.get(sid) ?? []);
  const active = (activeTab ? bySid.get(activeTab) : undefined) ?? tabs[tabs.length - 1] ?? null;

  return (
    <section className={styles.area} aria-label="Editor">
      {active ? (
        <>
          <EditorTabs tabs={tabs} activeSid={active.sid} />
          <div
            className={styles.panel}
            role="tabpanel"
            id={`panel-${active.sid}`}
            aria-labelledby={`tab-${active.sid}`}
          >
            <ErrorBoundary region="The asset">
              <AssetView key={active.sid} service={service} asset={active} />
            </ErrorBoundary>
          </div>
          <CopyUrlBar asset={active} environment={environment} />
        </>
      ) : (
        <div className={styles.empty}>
          <p className={styles.emptyTitle}>Nothing open</p>
          <p>
            Open a function or an asset from the list, or use Add to write a new function, upload files or create a text
            asset.
          </p>
        </div>
      )}
    </section>
  );
}
