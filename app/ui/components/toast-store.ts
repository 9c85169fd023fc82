import { create } from 'zustand';

export type ToastTone = 'success' | 'info' | 'error';

export interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
}

interface ToastState {
  toasts: Toast[];
  toastShown: (tone: ToastTone, message: string) => number;
  toastDismissed: (id: number) => void;
}

let nextId = 1;

export const useToastStore = create<ToastState>()((set) => ({
  toasts: [],
  toastShown: (tone, message) => {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts, { id, tone, message }].slice(-4) }));
    return id;
  },
  toastDismissed: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
}));

/** Shows a short message in the corner (copied, saved, a mutation that failed…). */
export const toast = {
  success: (message: string) => useToastStore.getState().toastShown('success', message),
  info: (message: string) => useToastStore.getState().toastShown('info', message),
  error: (message: string) => useToastStore.getState().toastShown('error', message),
};
