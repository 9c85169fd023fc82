import { memo } from 'react';
import { isRootPath, LEGACY_ROOT_PATH } from '../../../../shared/paths.ts';
import type { Visibility } from '../../../../shared/visibility.ts';
import { assetPath } from '../../../../shared/assets.ts';
import { isFunction, type PaneFile } from '../../../lib/files.ts';
import { ActionsMenu } from './actions-menu.tsx';
import styles from './asset-row.module.css';
import { RenameField } from './rename-field.tsx';
import { StatusGlyph } from './status-glyph.tsx';
import { VisibilityMenu } from './visibility-menu.tsx';

/** What a row can ask the pane to do; one stable object for all rows of a list. */
export interface RowHandlers {
  open: (file: PaneFile) => void;
  copyUrl: (file: PaneFile) => void;
  /** Assets only. */
  download?: (file: PaneFile) => void;
  renameStarted: (file: PaneFile) => void;
  renameSubmitted: (file: PaneFile, path: string) => void;
  renameEnded: () => void;
  deleteRequested: (file: PaneFile) => void;
  visibilityChanged: (file: PaneFile, visibility: Visibility) => void;
  /** Paths in use, each with what holds it ("asset", "function"): a build holds one file per path. */
  takenPaths: () => ReadonlyMap<string, string>;
  /** Send the request the way Twilio would (protected assets, public and protected functions). */
  requestAsTwilio: (file: PaneFile) => void;
  /** Copy the Runtime.getAssets() line (private assets). */
  copySnippet: (file: PaneFile) => void;
}

interface AssetRowProps {
  asset: PaneFile;
  active: boolean;
  renaming: boolean;
  index: number;
  count: number;
  /** Offset of the row in the virtualised list, in px (a number, so the memoised row compares it). */
  top: number;
  handlers: RowHandlers;
}

const isHtml = (asset: PaneFile) => asset.latest_version?.content_type.startsWith('text/html') ?? false;

/** True when the environment serves this asset at its root URL. */
export const isRootAsset = (asset: PaneFile) => {
  if (isFunction(asset)) return false;
  const path = assetPath(asset);
  return isRootPath(path) && (path !== LEGACY_ROOT_PATH || isHtml(asset));
};

function splitPath(path: string): [string, string] {
  const slash = path.lastIndexOf('/');
  return [path.slice(0, slash + 1), path.slice(slash + 1)];
}

/** One asset or function: status, path (click to open), root badge, visibility label, actions. */
export const AssetRow = memo(function AssetRow({
  asset,
  active,
  renaming,
  index,
  count,
  top,
  handlers,
}: AssetRowProps) {
  const path = assetPath(asset);
  const version = asset.latest_version;
  const [dir, name] = splitPath(path);

  return (
    <div
      role="listitem"
      aria-label={path}
      aria-setsize={count}
      aria-posinset={index + 1}
      className={`${styles.row} ${active ? styles.active : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-row-index={index}
    >
      <StatusGlyph versionSid={version?.sid ?? null} />
      {renaming ? (
        <RenameField
          path={path}
          isHtml={isHtml(asset)}
          noun={isFunction(asset) ? 'function' : 'asset'}
          takenPaths={handlers.takenPaths()}
          onSubmit={(next) => handlers.renameSubmitted(asset, next)}
          onCancel={handlers.renameEnded}
        />
      ) : (
        <button
          type="button"
          className={styles.path}
          aria-label={`Open ${path}`}
          title={path}
          data-row-primary
          onClick={() => handlers.open(asset)}
          onKeyDown={(e) => {
            if (e.key === 'F2') {
              e.preventDefault();
              handlers.renameStarted(asset);
            }
          }}
        >
          {name === '' ? (
            <span className={styles.name}>/</span>
          ) : (
            <>
              <span className={styles.dir}>{dir}</span>
              <span className={styles.name}>{name}</span>
            </>
          )}
        </button>
      )}
      {!renaming && isRootAsset(asset) ? (
        <span className={styles.rootBadge} title="Served at the environment's root URL">
          root
        </span>
      ) : null}
      {version ? (
        <VisibilityMenu visibility={version.visibility} onChange={(v) => handlers.visibilityChanged(asset, v)} />
      ) : (
        <span className={styles.noContent}>empty</span>
      )}
      <ActionsMenu
        path={path}
        noUrlHint={version?.visibility === 'private' ? 'private' : null}
        actions={{
          copyUrl: () => handlers.copyUrl(asset),
          rename: () => handlers.renameStarted(asset),
          open: () => handlers.open(asset),
          download: handlers.download ? () => handlers.download?.(asset) : undefined,
          remove: () => handlers.deleteRequested(asset),
          requestAsTwilio:
            version && (version.visibility === 'protected' || (isFunction(asset) && version.visibility === 'public'))
              ? () => handlers.requestAsTwilio(asset)
              : undefined,
          copySnippet:
            version?.visibility === 'private' && !isFunction(asset) ? () => handlers.copySnippet(asset) : undefined,
        }}
      />
    </div>
  );
});
