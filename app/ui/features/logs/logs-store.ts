import { create } from 'zustand';

export type LogLevel = 'info' | 'error';

export interface LogEntry {
  id: number;
  /** When it was logged (ms since the epoch). */
  time: number;
  level: LogLevel;
  message: string;
}

/** Most entries kept; older ones fall off the top so a long session stays light. */
const MAX_ENTRIES = 500;

interface LogsState {
  entries: LogEntry[];
  /** Something happened worth telling the user in the logs pane (deploy, build, save…). */
  logged: (level: LogLevel, message: string) => void;
  /** The user cleared the pane. */
  cleared: () => void;
}

let nextId = 1;

export const useLogsStore = create<LogsState>()((set) => ({
  entries: [],
  logged: (level, message) =>
    set((state) => ({
      entries: [...state.entries, { id: nextId++, time: Date.now(), level, message }].slice(-MAX_ENTRIES),
    })),
  cleared: () => set({ entries: [] }),
}));
