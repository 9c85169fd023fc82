import { create } from 'zustand';

/** Server log entries the user cleared from the pane (they stay on the server). */
interface LogsPaneState {
  clearedSids: ReadonlySet<string>;
  /** The user cleared the pane: hide what it shows now. */
  cleared: (sids: readonly string[]) => void;
}

export const useLogsPaneStore = create<LogsPaneState>()((set) => ({
  clearedSids: new Set(),
  cleared: (sids) => set((state) => ({ clearedSids: new Set([...state.clearedSids, ...sids]) })),
}));
