import { create } from 'zustand';

/** Open editor tabs (asset sids) and the active one; asset data itself stays in the query cache. */
interface EditorState {
  openTabs: string[];
  activeTab: string | null;
  /** Unsaved text per asset sid (only for tabs edited since their last save). */
  drafts: Record<string, string>;
  /** An asset was opened (from the pane, New Asset…): add its tab if needed and show it. */
  assetOpened: (assetSid: string) => void;
  /** The user picked a tab. */
  tabActivated: (assetSid: string) => void;
  /** A tab was closed; the neighbour to its left (or right) becomes active. */
  tabClosed: (assetSid: string) => void;
  /** An asset was deleted elsewhere: drop its tab if it had one. */
  assetRemoved: (assetSid: string) => void;
  /** The user typed in a text asset. */
  draftEdited: (assetSid: string, text: string) => void;
  /** The text was saved as a new version (or the edit undone): nothing unsaved remains. */
  draftSaved: (assetSid: string) => void;
}

function withoutDraft(drafts: Record<string, string>, assetSid: string): Record<string, string> {
  if (!(assetSid in drafts)) return drafts;
  const { [assetSid]: _dropped, ...rest } = drafts;
  return rest;
}

function withoutTab(state: Pick<EditorState, 'openTabs' | 'activeTab' | 'drafts'>, assetSid: string) {
  const index = state.openTabs.indexOf(assetSid);
  if (index === -1) return state;
  const openTabs = state.openTabs.filter((sid) => sid !== assetSid);
  const activeTab = state.activeTab === assetSid ? (openTabs[Math.max(0, index - 1)] ?? null) : state.activeTab;
  return { openTabs, activeTab, drafts: withoutDraft(state.drafts, assetSid) };
}

export const useEditorStore = create<EditorState>()((set) => ({
  openTabs: [],
  activeTab: null,
  drafts: {},
  assetOpened: (assetSid) =>
    set((state) => ({
      openTabs: state.openTabs.includes(assetSid) ? state.openTabs : [...state.openTabs, assetSid],
      activeTab: assetSid,
    })),
  tabActivated: (assetSid) => set({ activeTab: assetSid }),
  tabClosed: (assetSid) => set((state) => withoutTab(state, assetSid)),
  assetRemoved: (assetSid) => set((state) => withoutTab(state, assetSid)),
  draftEdited: (assetSid, text) => set((state) => ({ drafts: { ...state.drafts, [assetSid]: text } })),
  draftSaved: (assetSid) => set((state) => ({ drafts: withoutDraft(state.drafts, assetSid) })),
}));
