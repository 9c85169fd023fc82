import { create } from 'zustand';

/** What "Request as Twilio" was opened on: a path of the service (an asset or a function), or nothing yet. */
export interface RequestTarget {
  path: string;
  /** Functions take GET or POST with parameters; assets answer GET. */
  kind: 'asset' | 'function' | 'any';
}

interface RequestState {
  target: RequestTarget | null;
  /** Where focus goes back when the panel closes: what opened it (a menu item's menu button). */
  opener: HTMLElement | null;
  requestOpened: (target: RequestTarget) => void;
  requestClosed: () => void;
}

/** The focused element, or for an item of a menu (which closes as the panel opens) the menu's button. */
function focusedOpener(): HTMLElement | null {
  const focused = document.activeElement;
  if (!(focused instanceof HTMLElement)) return null;
  const menu = focused.closest<HTMLElement>('[role="menu"]');
  if (!menu?.id) return focused;
  return document.querySelector<HTMLElement>(`[aria-controls="${CSS.escape(menu.id)}"]`);
}

/** Whether the Request as Twilio panel is open, and on what. */
export const useRequestStore = create<RequestState>()((set) => ({
  target: null,
  opener: null,
  requestOpened: (target) => set({ target, opener: focusedOpener() }),
  requestClosed: () => set({ target: null }),
}));
