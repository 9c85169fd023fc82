import type { Log } from '../../../../shared/api-schemas.ts';
import styles from './request-as-twilio-dialog.module.css';

const LEVEL_TEXT: Record<string, string> = { info: 'INFO', warn: 'WARN', warning: 'WARN', error: 'ERROR' };

/** The log lines the signed request's invocation wrote (console.log/warn/error), oldest first. */
export function InvocationLogs({ requestSid, logs }: { requestSid: string; logs: Log[] }) {
  return (
    <section className={styles.logs} aria-labelledby="invocation-logs-title">
      <h3 id="invocation-logs-title" className={styles.subtitle}>
        Log lines of this invocation <span className={styles.sid}>{requestSid}</span>
      </h3>
      {logs.length === 0 ? (
        <p className={styles.note}>It wrote no log lines.</p>
      ) : (
        <ol className={styles.logList} aria-label="Log lines of this invocation">
          {logs.map((line) => (
            <li key={line.sid} className={`${styles.logLine} ${styles[line.level] ?? ''}`}>
              <span className={styles.level}>{LEVEL_TEXT[line.level] ?? line.level.toUpperCase()}</span>
              <span className={styles.message}>{line.message}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
