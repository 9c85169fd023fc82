import { memo, useRef, useState } from 'react';
import type { Asset, Service } from '../../../../shared/api-schemas.ts';
import { Button } from '../../../components/button.tsx';
import { ChevronDownIcon, CodeIcon, FileIcon, PlusIcon, UploadIcon } from '../../../components/icons.tsx';
import { Menu, MenuItem } from '../../../components/menu.tsx';
import { useToolkitStore } from '../toolkit-store.ts';
import { useUploadStore } from '../upload-store.ts';
import { ExportProjectDialog } from './export-project-dialog.tsx';
import { ImportProjectDialog } from './import-project-dialog.tsx';
import { NewAssetDialog } from './new-asset-dialog.tsx';
import { UploadDialog } from './upload-dialog.tsx';
import styles from './add-menu.module.css';

/**
 * "Add+": New Function (its dialog belongs to the functions feature), Upload File (the OS file
 * dialog, then the upload dialog) and New Asset. It also renders the one upload dialog, which files
 * dropped on the pane open too; closing it returns focus here. Memoised: the editor re-renders on
 * every deploy, and the closed dialogs need not (the upload dialog counts 1000 assets' limits).
 */
export const AddMenu = memo(function AddMenu({
  service,
  assets,
  onCreated,
  onNewFunction,
}: {
  service: Service;
  assets: Asset[];
  /** A new text asset was created (the editor opens it). */
  onCreated: (assetSid: string) => void;
  /** The user chose New Function. */
  onNewFunction: () => void;
}) {
  const filesAdded = useUploadStore((s) => s.filesAdded);
  const importOpened = useToolkitStore((s) => s.importOpened);
  const exportOpened = useToolkitStore((s) => s.exportOpened);
  const input = useRef<HTMLInputElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const [newAssetOpen, setNewAssetOpen] = useState(false);

  return (
    <>
      <Menu
        label="Add"
        trigger={
          <Button ref={trigger} variant="primary" size="small" icon={<PlusIcon size={14} />} aria-label="Add">
            Add
            <ChevronDownIcon size={12} />
          </Button>
        }
      >
        <MenuItem icon={<CodeIcon />} onSelect={onNewFunction}>
          New Function
        </MenuItem>
        <MenuItem icon={<UploadIcon />} onSelect={() => input.current?.click()}>
          Upload File
        </MenuItem>
        <MenuItem icon={<FileIcon />} onSelect={() => setNewAssetOpen(true)}>
          New Asset
        </MenuItem>
        <MenuItem icon={<UploadIcon />} onSelect={() => importOpened()}>
          Import Toolkit Project…
        </MenuItem>
        <MenuItem icon={<FileIcon />} onSelect={exportOpened}>
          Export Toolkit Project…
        </MenuItem>
      </Menu>
      <input
        ref={input}
        className={styles.fileInput}
        type="file"
        multiple
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          // Reset so picking the same file again still fires change.
          e.target.value = '';
          if (files.length > 0) filesAdded(files);
        }}
      />
      <NewAssetDialog
        service={service}
        assets={assets}
        open={newAssetOpen}
        onOpenChange={setNewAssetOpen}
        onCreated={onCreated}
      />
      <UploadDialog service={service} assets={assets} finalFocus={trigger} />
      <ImportProjectDialog service={service} />
      <ExportProjectDialog service={service} />
    </>
  );
});
