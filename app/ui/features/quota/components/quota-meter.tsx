import { useMemo } from 'react';
import type { Asset } from '../../../../shared/api-schemas.ts';
import {
  formatUsageSize,
  PRIVATE_MAX,
  PUBLIC_PROTECTED_MAX,
  quotaLevels,
  quotaMessages,
  quotaUsage,
} from '../../../../shared/quota.ts';
import { Meter } from '../../../components/meter.tsx';
import styles from './quota-meter.module.css';

/**
 * The per-build quota of what the next Deploy All would build (every asset's latest version),
 * counted from the asset list the pane already has: no request per asset. Warns near a limit and
 * says what fails past it.
 */
export function QuotaMeter({ assets }: { assets: Asset[] }) {
  const usage = useMemo(
    () => quotaUsage(assets.flatMap((a) => (a.latest_version ? [a.latest_version] : []))),
    [assets],
  );
  const levels = quotaLevels(usage);
  const messages = quotaMessages(usage);
  return (
    <section className={styles.quota} aria-label="Quota of the next Deploy All">
      <Meter
        label="Public + protected"
        value={usage.publicProtected}
        max={PUBLIC_PROTECTED_MAX}
        level={levels.publicProtected}
      />
      <Meter label="Private" value={usage.private} max={PRIVATE_MAX} level={levels.private} />
      <p className={styles.size}>Next build: {formatUsageSize(usage)}</p>
      {messages.map((m) => (
        <p
          key={m}
          className={levels.overall === 'over' ? styles.over : styles.warn}
          role={levels.overall === 'ok' ? undefined : 'status'}
        >
          <span aria-hidden="true">{levels.overall === 'over' ? '✖ ' : '⚠ '}</span>
          {m}
        </p>
      ))}
    </section>
  );
}
