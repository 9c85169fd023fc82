import { memo, useMemo } from 'react';
import type { Asset } from '../../../../shared/api-schemas.ts';
import { formatUsageSize, quotaUsage } from '../../../../shared/quota.ts';
import { QuotaBars } from '../../../components/quota-bars.tsx';
import styles from './quota-meter.module.css';

/**
 * The per-build quota of what the next Deploy All would build (every asset's latest version),
 * counted from the asset list the pane already has: no request per asset. Warns near a limit and
 * says what fails past it.
 */
export const QuotaMeter = memo(function QuotaMeter({ assets }: { assets: Asset[] }) {
  const usage = useMemo(
    () => quotaUsage(assets.flatMap((a) => (a.latest_version ? [a.latest_version] : []))),
    [assets],
  );
  return (
    <section className={styles.quota} aria-label="Quota of the next Deploy All">
      <QuotaBars usage={usage} roleFor={(level) => (level === 'ok' ? undefined : 'status')} compact />
      <p className={styles.size}>Next build: {formatUsageSize(usage)}</p>
    </section>
  );
});
