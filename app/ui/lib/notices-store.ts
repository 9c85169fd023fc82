import { create } from 'zustand';

export type NoticeLevel = 'info' | 'error';

/** Something the editor itself tells the user in the logs pane (an upload that failed, a wait…). */
export interface Notice {
  id: number;
  /** When it happened (ms since the epoch). */
  time: number;
  level: NoticeLevel;
  message: string;
}

/** Most notices kept; older ones fall off so a long session stays light. */
const MAX_NOTICES = 200;

interface NoticesState {
  notices: Notice[];
  /** `time`: when it happened, if earlier than now (a notice told late keeps its place in the log). */
  noticed: (level: NoticeLevel, message: string, time?: number) => void;
  /** The user cleared the logs pane. */
  cleared: () => void;
}

let nextId = 1;

/**
 * The editor's own notices, shown in the logs pane between the environment's server logs. UI state
 * only: what the server did (deploys, builds, versions) comes from its Logs resource, not from here.
 */
export const useNoticesStore = create<NoticesState>()((set) => ({
  notices: [],
  noticed: (level, message, time = Date.now()) =>
    set((state) => ({
      notices: [...state.notices, { id: nextId++, time, level, message }].slice(-MAX_NOTICES),
    })),
  cleared: () => set({ notices: [] }),
}));

/** Adds a notice to the logs pane. */
export const notice = {
  info: (message: string, time?: number) => useNoticesStore.getState().noticed('info', message, time),
  error: (message: string) => useNoticesStore.getState().noticed('error', message),
};
