import {
  formatUsageSize,
  PRIVATE_MAX,
  PUBLIC_PROTECTED_MAX,
  quotaLevels,
  quotaMessages,
  type QuotaUsage,
} from '../../../../shared/quota.ts';
import { Meter } from '../../../components/meter.tsx';
import styles from './review.module.css';

/** The per-build quota of the build going live. */
export function QuotaAfter({ usage }: { usage: QuotaUsage }) {
  const levels = quotaLevels(usage);
  const messages = quotaMessages(usage);
  return (
    <section aria-label="Quota after the deploy" className={styles.quota}>
      <h3 className={styles.sectionTitle}>After the deploy · {formatUsageSize(usage)}</h3>
      <Meter
        label="Public + protected"
        value={usage.publicProtected}
        max={PUBLIC_PROTECTED_MAX}
        level={levels.publicProtected}
      />
      <Meter label="Private" value={usage.private} max={PRIVATE_MAX} level={levels.private} />
      {messages.map((m) => (
        <p
          key={m}
          className={levels.overall === 'over' ? styles.over : styles.warn}
          role={levels.overall === 'over' ? 'alert' : undefined}
        >
          {m}
        </p>
      ))}
    </section>
  );
}
