import { useReviewStore } from '../review-store.ts';
import styles from './review.module.css';

/** The "Review before every Deploy All" checkbox, bound to the stored preference. */
export function ReviewPreference({ className = '' }: { className?: string }) {
  const reviewBeforeDeploy = useReviewStore((s) => s.reviewBeforeDeploy);
  const reviewPreferenceChanged = useReviewStore((s) => s.reviewPreferenceChanged);
  return (
    <label className={`${styles.preference} ${className}`}>
      <input type="checkbox" checked={reviewBeforeDeploy} onChange={(e) => reviewPreferenceChanged(e.target.checked)} />
      Review before every Deploy All
    </label>
  );
}
