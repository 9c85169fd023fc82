import { IconButton } from '../../../components/button.tsx';
import { CopyIcon, DownloadIcon, EditIcon, MoreIcon, OpenIcon, TrashIcon } from '../../../components/icons.tsx';
import { Menu, MenuItem, MenuSeparator } from '../../../components/menu.tsx';

export interface AssetActions {
  copyUrl: () => void;
  rename: () => void;
  open: () => void;
  download: () => void;
  remove: () => void;
}

/** The ⋯ menu of a row. */
export function ActionsMenu({
  path,
  actions,
  noUrlHint,
}: {
  path: string;
  actions: AssetActions;
  noUrlHint: string | null;
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
      <MenuItem icon={<EditIcon />} onSelect={actions.rename}>
        Rename
      </MenuItem>
      <MenuItem icon={<OpenIcon />} onSelect={actions.open}>
        Open
      </MenuItem>
      <MenuItem icon={<DownloadIcon />} onSelect={actions.download}>
        Download
      </MenuItem>
      <MenuSeparator />
      <MenuItem icon={<TrashIcon />} onSelect={actions.remove} tone="danger">
        Delete
      </MenuItem>
    </Menu>
  );
}
