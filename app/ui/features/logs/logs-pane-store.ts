import { create } from 'zustand';
import type { LevelFilter, SourceFilter } from './merge-entries.ts';

/** Server log entries the user cleared from the pane (they stay on the server), and its filters. */
interface LogsPaneState {
  clearedSids: ReadonlySet<string>;
  /** The user cleared the pane: hide what it shows now. */
  cleared: (sids: readonly string[]) => void;
  level: LevelFilter;
  source: SourceFilter;
  levelChosen: (level: LevelFilter) => void;
  sourceChosen: (source: SourceFilter) => void;
}

export const useLogsPaneStore = create<LogsPaneState>()((set) => ({
  clearedSids: new Set(),
  cleared: (sids) => set((state) => ({ clearedSids: new Set([...state.clearedSids, ...sids]) })),
  level: 'all',
  source: 'all',
  levelChosen: (level) => set({ level }),
  sourceChosen: (source) => set({ source }),
}));
