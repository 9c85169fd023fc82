import { create } from 'zustand';

/** UI state of the Assets pane: the filter text, and which asset is being renamed or deleted. */
interface AssetsPaneState {
  filter: string;
  renamingSid: string | null;
  deletingSid: string | null;
  filterChanged: (filter: string) => void;
  renameStarted: (assetSid: string) => void;
  renameEnded: () => void;
  deleteRequested: (assetSid: string) => void;
  deleteDismissed: () => void;
}

export const useAssetsPaneStore = create<AssetsPaneState>()((set) => ({
  filter: '',
  renamingSid: null,
  deletingSid: null,
  filterChanged: (filter) => set({ filter }),
  renameStarted: (assetSid) => set({ renamingSid: assetSid }),
  renameEnded: () => set({ renamingSid: null }),
  deleteRequested: (assetSid) => set({ deletingSid: assetSid }),
  deleteDismissed: () => set({ deletingSid: null }),
}));
