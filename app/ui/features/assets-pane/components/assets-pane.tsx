import { useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Asset, Environment, Service } from '../../../../shared/api-schemas.ts';
import { SearchIcon } from '../../../components/icons.tsx';
import { PaneHeader } from '../../../components/pane-header.tsx';
import { toast } from '../../../components/toast-store.ts';
import { useAssetDeleteMutation } from '../api/asset-delete-mutation.ts';
import { useAssetRenameMutation } from '../api/asset-rename-mutation.ts';
import { useAssetVisibilityMutation } from '../api/asset-visibility-mutation.ts';
import { assetPath } from '../../../../shared/assets.ts';
import { copyAssetUrl } from '../../../lib/copy-asset-url.ts';
import { downloadAsset } from '../api/download-asset.ts';
import { useAssetsPaneStore } from '../assets-pane-store.ts';
import { AssetList } from './asset-list.tsx';
import type { RowHandlers } from './asset-row.tsx';
import styles from './assets-pane.module.css';
import { DeleteAssetDialog } from './delete-asset-dialog.tsx';

interface AssetsPaneProps {
  service: Service;
  environment: Environment | null;
  assets: Asset[];
  /** Version sids the selected environment serves; null while unknown. */
  deployedVersions: Set<string> | null;
  /** The asset open in the editor, highlighted in the list. */
  activeSid: string | null;
  /** Open an asset in the editor. */
  onOpen: (assetSid: string) => void;
  /** An asset was deleted (its editor tab closes). */
  onDeleted: (assetSid: string) => void;
  /** The Add+ menu, in the pane's header. */
  addMenu: ReactNode;
  /** Wraps the list (the upload feature's drop zone). */
  listWrapper: (list: ReactNode) => ReactNode;
  /** Under the header: the quota meter of the next Deploy All. */
  headerExtra?: ReactNode;
}

/** The left side of the editor: Add+, filter, and one row per asset. */
export function AssetsPane(props: AssetsPaneProps) {
  const { assets, deployedVersions, activeSid, addMenu, listWrapper } = props;
  const filter = useAssetsPaneStore((s) => s.filter);
  const filterChanged = useAssetsPaneStore((s) => s.filterChanged);
  const renamingSid = useAssetsPaneStore((s) => s.renamingSid);
  const deletingSid = useAssetsPaneStore((s) => s.deletingSid);

  const visibility = useAssetVisibilityMutation(props.service.sid);
  const rename = useAssetRenameMutation(props.service.sid);
  const remove = useAssetDeleteMutation(props.service.sid);

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle ? assets.filter((a) => assetPath(a).toLowerCase().includes(needle)) : assets;
  }, [assets, filter]);

  // Rows read the latest values through refs so the handlers object stays stable (rows are memoised).
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  const handlers = useMemo<RowHandlers>(() => {
    const store = useAssetsPaneStore.getState;
    return {
      open: (asset) => latest.current.onOpen(asset.sid),
      copyUrl: (asset, deployed) => {
        if (asset.latest_version) void copyAssetUrl(asset.latest_version, latest.current.environment, deployed);
      },
      download: (asset) => {
        if (asset.latest_version) downloadAsset(asset.latest_version);
      },
      renameStarted: (asset) => store().renameStarted(asset.sid),
      renameEnded: () => store().renameEnded(),
      renameSubmitted: (asset, path) => {
        store().renameEnded();
        rename.mutate({ asset, path }, { onSuccess: () => toast.success(`Renamed to ${path}`) });
      },
      deleteRequested: (asset) => store().deleteRequested(asset.sid),
      visibilityChanged: (asset, v) => visibility.mutate({ asset, visibility: v }),
      takenPaths: () => new Set(latest.current.assets.map(assetPath)),
    };
    // The mutate functions are stable; rename/visibility objects are not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rename.mutate, visibility.mutate]);

  const deleting = deletingSid ? (assets.find((a) => a.sid === deletingSid) ?? null) : null;
  const countText = filter.trim() ? `${shown.length} of ${assets.length}` : `${assets.length}`;

  return (
    <section className={styles.pane} aria-labelledby="assets-title">
      <PaneHeader titleId="assets-title" title="Assets" count={countText} countLabel={`${countText} assets`}>
        {addMenu}
      </PaneHeader>
      {props.headerExtra}
      <div className={styles.filter}>
        <SearchIcon size={14} />
        <input
          type="search"
          className={styles.filterInput}
          placeholder="Filter by path"
          aria-label="Filter assets"
          value={filter}
          onChange={(e) => filterChanged(e.target.value)}
          spellCheck={false}
        />
      </div>
      {listWrapper(
        assets.length === 0 ? (
          <p className={styles.empty}>No assets yet. Use Add+ or drop files here.</p>
        ) : shown.length === 0 ? (
          <p className={styles.empty}>No asset path contains “{filter.trim()}”.</p>
        ) : (
          <AssetList
            assets={shown}
            deployedVersions={deployedVersions}
            activeSid={activeSid}
            renamingSid={renamingSid}
            handlers={handlers}
          />
        ),
      )}
      <DeleteAssetDialog
        asset={deleting}
        pending={remove.isPending}
        onDismiss={() => useAssetsPaneStore.getState().deleteDismissed()}
        onConfirm={(asset) =>
          remove.mutate(asset, {
            onSuccess: () => {
              useAssetsPaneStore.getState().deleteDismissed();
              props.onDeleted(asset.sid);
              toast.success(`Deleted ${assetPath(asset)}`);
            },
          })
        }
      />
    </section>
  );
}
