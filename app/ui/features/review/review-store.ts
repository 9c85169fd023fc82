import { create } from 'zustand';

const KEY = 'assets-studio:review-before-deploy';

function stored(): boolean {
  try {
    return window.localStorage.getItem(KEY) !== 'false';
  } catch {
    return true;
  }
}

/** The user's choice to review before every Deploy All (kept in this browser). */
interface ReviewPreference {
  reviewBeforeDeploy: boolean;
  reviewPreferenceChanged: (value: boolean) => void;
}

export const useReviewStore = create<ReviewPreference>()((set) => ({
  reviewBeforeDeploy: stored(),
  reviewPreferenceChanged: (value) => {
    try {
      window.localStorage.setItem(KEY, String(value));
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    set({ reviewBeforeDeploy: value });
  },
}));
