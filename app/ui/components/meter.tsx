import styles from './meter.module.css';

export interface MeterProps {
  /** What is counted, e.g. "Public + protected". */
  label: string;
  value: number;
  max: number;
  /** near: a warning; over: past the limit. Shown as text and glyph as well as colour. */
  level: 'ok' | 'near' | 'over';
}

const GLYPH = { ok: '', near: '⚠', over: '✖' } as const;
const WORD = { ok: '', near: 'near the limit', over: 'over the limit' } as const;

/** A labelled count against a limit ("Public + protected 995 / 1000"), as a bar and as text. */
export function Meter({ label, value, max, level }: MeterProps) {
  const text = `${value} / ${max}`;
  return (
    <div className={`${styles.meter} ${styles[level]}`}>
      <span className={styles.label}>{label}</span>
      <meter
        className={styles.bar}
        min={0}
        max={max}
        value={Math.min(value, max)}
        aria-label={`${label}: ${value} of ${max}${level === 'ok' ? '' : `, ${WORD[level]}`}`}
      />
      <span className={styles.value}>
        {GLYPH[level] ? <span aria-hidden="true">{GLYPH[level]} </span> : null}
        {text}
      </span>
    </div>
  );
}
