import { create } from 'zustand';

/** UI state of the pane: the filter text, and which file is being renamed or deleted. */
interface AssetsPaneState {
  filter: string;
  renamingSid: string | null;
  deletingSid: string | null;
  filterChanged: (filter: string) => void;
  renameStarted: (fileSid: string) => void;
  renameEnded: () => void;
  deleteRequested: (fileSid: string) => void;
  deleteDismissed: () => void;
}

export const useAssetsPaneStore = create<AssetsPaneState>()((set) => ({
  filter: '',
  renamingSid: null,
  deletingSid: null,
  filterChanged: (filter) => set({ filter }),
  renameStarted: (fileSid) => set({ renamingSid: fileSid }),
  renameEnded: () => set({ renamingSid: null }),
  deleteRequested: (fileSid) => set({ deletingSid: fileSid }),
  deleteDismissed: () => set({ deletingSid: null }),
}));
