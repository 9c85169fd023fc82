import {
  PRIVATE_MAX,
  PUBLIC_PROTECTED_MAX,
  quotaLevels,
  quotaMessages,
  type QuotaLevel,
  type QuotaUsage,
} from '../../shared/quota.ts';
import { Meter } from './meter.tsx';
import styles from './quota-bars.module.css';

interface QuotaBarsProps {
  usage: QuotaUsage;
  /** How the messages are announced, by the worst level: a live pane says 'status', a dialog 'alert' when over. */
  roleFor: (overall: QuotaLevel) => 'status' | 'alert' | undefined;
  compact?: boolean;
}

/** The two per-build counts as meters, and what fails (or is about to) in words. */
export function QuotaBars({ usage, roleFor, compact = false }: QuotaBarsProps) {
  const levels = quotaLevels(usage);
  const over = levels.overall === 'over';
  return (
    <>
      <Meter
        label="Public + protected"
        value={usage.publicProtected}
        max={PUBLIC_PROTECTED_MAX}
        level={levels.publicProtected}
      />
      <Meter label="Private" value={usage.private} max={PRIVATE_MAX} level={levels.private} />
      {quotaMessages(usage).map((m) => (
        <p
          key={m}
          className={`${over ? styles.over : styles.warn} ${compact ? styles.compact : ''}`}
          role={roleFor(levels.overall)}
        >
          <span aria-hidden="true">{over ? '✖ ' : '⚠ '}</span>
          {m}
        </p>
      ))}
    </>
  );
}
