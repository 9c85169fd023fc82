import { useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Asset, Environment, FunctionResource, Service } from '../../../../shared/api-schemas.ts';
import { assetPath } from '../../../../shared/assets.ts';
import { SearchIcon } from '../../../components/icons.tsx';
import { PaneHeader } from '../../../components/pane-header.tsx';
import { toast } from '../../../components/toast-store.ts';
import { copyAssetUrl } from '../../../lib/copy-asset-url.ts';
import { isFunction, kindOf, type PaneFile } from '../../../lib/files.ts';
import { copyGetAssetsSnippet } from '../../../lib/copy-snippet.ts';
import { downloadAsset } from '../api/download-asset.ts';
import { useFileDeleteMutation } from '../api/file-delete-mutation.ts';
import { useFileRenameMutation } from '../api/file-rename-mutation.ts';
import { useFileVisibilityMutation } from '../api/file-visibility-mutation.ts';
import { useAssetsPaneStore } from '../assets-pane-store.ts';
import type { RowHandlers } from './asset-row.tsx';
import styles from './assets-pane.module.css';
import { DeleteFileDialog } from './delete-file-dialog.tsx';
import { FileGroup } from './file-group.tsx';

interface AssetsPaneProps {
  service: Service;
  environment: Environment | null;
  functions: FunctionResource[];
  assets: Asset[];
  /** Version sids the selected environment serves; null while unknown. */
  deployedVersions: Set<string> | null;
  /** The file open in the editor, highlighted in its list. */
  activeSid: string | null;
  /** Open an asset or function in the editor. */
  onOpen: (fileSid: string) => void;
  /** A file was deleted (its editor tab closes). */
  onDeleted: (fileSid: string) => void;
  /** The Add+ menu, in the pane's header. */
  addMenu: ReactNode;
  /** Wraps the assets list (the upload feature's drop zone). */
  listWrapper: (list: ReactNode) => ReactNode;
  /** Opens Request as Twilio on a protected asset's (or a function's) path. */
  onRequestAsTwilio: (target: { path: string; kind: 'asset' | 'function' }) => void;
  /** Under the header: the quota meter of the next Deploy All. */
  headerExtra?: ReactNode;
}

const matching = <T extends PaneFile>(files: T[], needle: string) =>
  needle ? files.filter((f) => assetPath(f).toLowerCase().includes(needle)) : files;

/** The left side of the editor: Add+, filter, and the Functions and Assets groups, one row per file. */
export function AssetsPane(props: AssetsPaneProps) {
  const { assets, functions, deployedVersions, activeSid, addMenu, listWrapper } = props;
  const filter = useAssetsPaneStore((s) => s.filter);
  const filterChanged = useAssetsPaneStore((s) => s.filterChanged);
  const deletingSid = useAssetsPaneStore((s) => s.deletingSid);

  const visibility = useFileVisibilityMutation(props.service.sid);
  const rename = useFileRenameMutation(props.service.sid);
  const remove = useFileDeleteMutation(props.service.sid);

  const needle = filter.trim().toLowerCase();
  const shownAssets = useMemo(() => matching(assets, needle), [assets, needle]);
  const shownFunctions = useMemo(() => matching(functions, needle), [functions, needle]);

  // Rows read the latest values through refs so the handlers object stays stable (rows are memoised).
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  const functionHandlers = useMemo<RowHandlers>(() => {
    const store = useAssetsPaneStore.getState;
    return {
      open: (file) => latest.current.onOpen(file.sid),
      copyUrl: (file) => {
        const version = file.latest_version;
        const deployed = version !== null && latest.current.deployedVersions?.has(version.sid) === true;
        if (version) void copyAssetUrl(version, latest.current.environment, deployed, kindOf(file));
      },
      renameStarted: (file) => store().renameStarted(file.sid),
      renameEnded: () => store().renameEnded(),
      renameSubmitted: (file, path) => {
        store().renameEnded();
        rename.mutate({ file, path }, { onSuccess: () => toast.success(`Renamed to ${path}`) });
      },
      deleteRequested: (file) => store().deleteRequested(file.sid),
      visibilityChanged: (file, v) => visibility.mutate({ file, visibility: v }),
      takenPaths: () =>
        new Map([
          ...latest.current.assets.map((a) => [assetPath(a), 'asset'] as const),
          ...latest.current.functions.map((f) => [assetPath(f), 'function'] as const),
        ]),
      requestAsTwilio: (file) => latest.current.onRequestAsTwilio({ path: assetPath(file), kind: kindOf(file) }),
      copySnippet: (file) => {
        if (file.latest_version) void copyGetAssetsSnippet(assetPath(file), file.latest_version.content_type);
      },
    };
    // The mutate functions are stable; rename/visibility objects are not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rename.mutate, visibility.mutate]);

  const assetHandlers = useMemo<RowHandlers>(
    () => ({
      ...functionHandlers,
      download: (file) => {
        if (file.latest_version && !isFunction(file)) downloadAsset(file.latest_version);
      },
    }),
    [functionHandlers],
  );

  const deleting = deletingSid
    ? (([...functions, ...assets] as PaneFile[]).find((f) => f.sid === deletingSid) ?? null)
    : null;

  const shared = { filter: filter.trim(), deployedVersions, activeSid };

  return (
    <section className={styles.pane} aria-labelledby="assets-title">
      <PaneHeader titleId="assets-title" title="Functions and Assets">
        {addMenu}
      </PaneHeader>
      {props.headerExtra}
      <div className={styles.filter}>
        <SearchIcon size={14} />
        <input
          type="search"
          className={styles.filterInput}
          placeholder="Filter by path"
          aria-label="Filter assets and functions"
          value={filter}
          onChange={(e) => filterChanged(e.target.value)}
          spellCheck={false}
        />
      </div>
      <FileGroup
        kind="function"
        title="Functions"
        files={shownFunctions}
        total={functions.length}
        emptyText="No functions yet. Use Add+ → New Function."
        handlers={functionHandlers}
        {...shared}
      />
      <FileGroup
        kind="asset"
        title="Assets"
        files={shownAssets}
        total={assets.length}
        emptyText="No assets yet. Use Add+ or drop files here."
        handlers={assetHandlers}
        wrap={listWrapper}
        {...shared}
      />
      <DeleteFileDialog
        file={deleting}
        pending={remove.isPending}
        onDismiss={() => useAssetsPaneStore.getState().deleteDismissed()}
        onConfirm={(file) =>
          remove.mutate(file, {
            onSuccess: () => {
              useAssetsPaneStore.getState().deleteDismissed();
              props.onDeleted(file.sid);
              toast.success(`Deleted ${assetPath(file)}`);
            },
          })
        }
      />
    </section>
  );
}
