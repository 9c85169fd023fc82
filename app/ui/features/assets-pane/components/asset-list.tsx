import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type CSSProperties, type KeyboardEvent } from 'react';
import type { PaneFile } from '../../../lib/files.ts';
import { AssetRow, type RowHandlers } from './asset-row.tsx';
import { DeployedVersionsContext } from './status-glyph.tsx';
import styles from './assets-pane.module.css';

interface AssetListProps {
  /** The list's accessible name ("Assets", "Functions"). */
  label: string;
  assets: PaneFile[];
  deployedVersions: Set<string> | null;
  activeSid: string | null;
  renamingSid: string | null;
  handlers: RowHandlers;
}

const ROW_HEIGHT = 28;

/** The rows, virtualised so 1000 assets scroll smoothly; ↑/↓ move between rows. */
export function AssetList({ label, assets, deployedVersions, activeSid, renamingSid, handlers }: AssetListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // The editor is not built with the React Compiler; rows are memoised by hand (AssetRow).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: assets.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row-index]');
    if (!row || !(event.target as HTMLElement).hasAttribute('data-row-primary')) return;
    event.preventDefault();
    const next = Number(row.dataset.rowIndex) + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0 || next >= assets.length) return;
    virtualizer.scrollToIndex(next);
    requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLElement>(`[data-row-index="${next}"] [data-row-primary]`)?.focus(),
    );
  };

  return (
    // Arrow keys from the rows' buttons bubble here (one handler for every row, rendered or not).
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div
      ref={scroller}
      className={styles.scroller}
      // The scroller's size does not follow its content (contain: strict): a short list is sized to its rows.
      style={{ '--rows': assets.length } as CSSProperties}
      onKeyDown={onKeyDown}
    >
      <DeployedVersionsContext.Provider value={deployedVersions}>
        <div role="list" aria-label={label} className={styles.sizer} style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const asset = assets[item.index]!;
            return (
              <AssetRow
                key={asset.sid}
                asset={asset}
                index={item.index}
                count={assets.length}
                active={asset.sid === activeSid}
                renaming={asset.sid === renamingSid}
                top={item.start}
                handlers={handlers}
              />
            );
          })}
        </div>
      </DeployedVersionsContext.Provider>
    </div>
  );
}
