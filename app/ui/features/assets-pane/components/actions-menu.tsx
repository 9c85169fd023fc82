import { IconButton } from '../../../components/button.tsx';
import {
  CopyIcon,
  DownloadIcon,
  EditIcon,
  MoreIcon,
  OpenIcon,
  ShieldIcon,
  TrashIcon,
} from '../../../components/icons.tsx';
import { Menu, MenuItem, MenuSeparator } from '../../../components/menu.tsx';

export interface FileActions {
  copyUrl: () => void;
  rename: () => void;
  open: () => void;
  /** Assets only. */
  download?: () => void;
  remove: () => void;
  /** Protected (or function) rows: send the request the way Twilio would. */
  requestAsTwilio?: () => void;
  /** Private assets: copy the Runtime.getAssets() line that reads it. */
  copySnippet?: () => void;
}

/** The ⋯ menu of a row (asset or function). */
export function ActionsMenu({
  path,
  actions,
  noUrlHint,
}: {
  path: string;
  actions: FileActions;
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
      {actions.download ? (
        <MenuItem icon={<DownloadIcon />} onSelect={actions.download}>
          Download
        </MenuItem>
      ) : null}
      {actions.copySnippet ? (
        <MenuItem icon={<CopyIcon />} onSelect={actions.copySnippet}>
          Copy Runtime.getAssets() snippet
        </MenuItem>
      ) : null}
      {actions.requestAsTwilio ? (
        <MenuItem icon={<ShieldIcon />} onSelect={actions.requestAsTwilio}>
          Request as Twilio
        </MenuItem>
      ) : null}
      <MenuSeparator />
      <MenuItem icon={<TrashIcon />} onSelect={actions.remove} tone="danger">
        Delete
      </MenuItem>
    </Menu>
  );
}
