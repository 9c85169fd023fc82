import type { ReactNode } from 'react';
import { IconButton } from '../../../components/button.tsx';
import { CopyIcon, DownloadIcon, EditIcon, MoreIcon, OpenIcon, TrashIcon } from '../../../components/icons.tsx';
import { Menu, MenuItem, MenuSeparator } from '../../../components/menu.tsx';

export interface FileActions {
  copyUrl: () => void;
  rename: () => void;
  open: () => void;
  /** Assets only. */
  download?: () => void;
  remove: () => void;
}

/** The ⋯ menu of a row (asset or function). `extra` items (other features' actions) follow Copy URL. */
export function ActionsMenu({
  path,
  actions,
  noUrlHint,
  extra,
}: {
  path: string;
  actions: FileActions;
  noUrlHint: string | null;
  extra?: ReactNode;
}) {
  return (
    <Menu
      label={`Actions for ${path}`}
      align="end"
      trigger={
        <IconButton aria-label={`Actions for ${path}`}>
          <MoreIcon />
        </IconButton>
      }
    >
      <MenuItem icon={<CopyIcon />} onSelect={actions.copyUrl} hint={noUrlHint}>
        Copy URL
      </MenuItem>
      {extra}
      <MenuItem icon={<EditIcon />} onSelect={actions.rename}>
        Rename
      </MenuItem>
      <MenuItem icon={<OpenIcon />} onSelect={actions.open}>
        Open
      </MenuItem>
      {actions.download ? (
        <MenuItem icon={<DownloadIcon />} onSelect={actions.download}>
          Download
        </MenuItem>
      ) : null}
      <MenuSeparator />
      <MenuItem icon={<TrashIcon />} onSelect={actions.remove} tone="danger">
        Delete
      </MenuItem>
    </Menu>
  );
}
