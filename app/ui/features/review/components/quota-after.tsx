import { formatUsageSize, type QuotaUsage } from '../../../../shared/quota.ts';
import { QuotaBars } from '../../../components/quota-bars.tsx';
import styles from './review.module.css';

/** The per-build quota of the build going live. */
export function QuotaAfter({ usage }: { usage: QuotaUsage }) {
  return (
    <section aria-label="Quota after the deploy" className={styles.quota}>
      <h3 className={styles.sectionTitle}>After the deploy · {formatUsageSize(usage)}</h3>
      <QuotaBars usage={usage} roleFor={(level) => (level === 'over' ? 'alert' : undefined)} />
    </section>
  );
}
