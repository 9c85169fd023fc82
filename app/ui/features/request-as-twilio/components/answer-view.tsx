import { useEffect, useId, useState } from 'react';
import { TEXT_PREVIEW_BYTES, type SignedAnswer } from '../../../../shared/signed-request.ts';
import { formatBytes } from '../../../../shared/visibility.ts';
import { CheckIcon, CloseIcon } from '../../../components/icons.tsx';
import styles from './answer-view.module.css';

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  504: 'Gateway Timeout',
};

/** "200 OK", "403 Forbidden". */
export const statusLine = (status: number) => `${status}${REASONS[status] ? ` ${REASONS[status]}` : ''}`;

/** An object URL for the preview's bytes while the component shows them (CSP allows blob: images and media). */
function useBlobUrl(answer: SignedAnswer): string | null {
  const [url, setUrl] = useState<string | null>(null);
  const preview = answer.preview;
  const type = answer.content_type;
  useEffect(() => {
    if (preview?.encoding !== 'base64' || preview.truncated || !type) return;
    const bytes = Uint8Array.from(atob(preview.body), (c) => c.charCodeAt(0));
    const objectUrl = URL.createObjectURL(new Blob([bytes], { type }));
    // An external resource that must be revoked, so it is made and dropped here (a useMemo'd URL
    // would be revoked by StrictMode's extra cleanup and then reused).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUrl(objectUrl);
    return () => {
      URL.revokeObjectURL(objectUrl);
      setUrl(null);
    };
  }, [preview, type]);
  return url;
}

function Preview({ answer, label }: { answer: SignedAnswer; label: string }) {
  const blobUrl = useBlobUrl(answer);
  const { preview, content_type: type } = answer;
  if (answer.size === 0) return <p className={styles.note}>Empty body.</p>;
  if (!preview || !type) return <p className={styles.note}>No preview for {type ?? 'this type'}.</p>;
  if (preview.encoding === 'utf8') {
    return (
      <>
        <textarea className={styles.text} readOnly rows={6} value={preview.body} aria-label={`${label}: body`} />
        {preview.truncated ? <p className={styles.note}>Showing the first {formatBytes(TEXT_PREVIEW_BYTES)}.</p> : null}
      </>
    );
  }
  if (preview.truncated) return <p className={styles.note}>Too large to preview here.</p>;
  if (!blobUrl) return null;
  return type.startsWith('audio/') ? (
    // The body of an answer comes without captions; there is no track to offer.
    // eslint-disable-next-line jsx-a11y/media-has-caption
    <audio className={styles.audio} controls src={blobUrl} aria-label={`${label}: audio`} />
  ) : (
    <img className={styles.image} src={blobUrl} alt={`${label}: body (${type})`} />
  );
}

/** One side of the comparison: status (text and glyph), size, time, headers, body preview. */
export function AnswerView({ title, answer }: { title: string; answer: SignedAnswer }) {
  const headingId = useId();
  const ok = answer.status >= 200 && answer.status < 400;
  return (
    <section className={styles.answer} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.title}>
        {title}
      </h3>
      <p className={styles.status}>
        <span className={ok ? styles.ok : styles.refused}>{ok ? <CheckIcon /> : <CloseIcon />}</span>
        HTTP {statusLine(answer.status)}
      </p>
      <dl className={styles.facts}>
        <dt>Size</dt>
        <dd>{formatBytes(answer.size)}</dd>
        <dt>Type</dt>
        <dd>{answer.content_type ?? '—'}</dd>
        <dt>Time</dt>
        <dd>{answer.duration_ms} ms</dd>
      </dl>
      <details className={styles.headers}>
        <summary>Headers ({answer.headers.length})</summary>
        <ul>
          {answer.headers.map(([name, value], i) => (
            <li key={i}>
              <span className={styles.headerName}>{name}:</span> {value}
            </li>
          ))}
        </ul>
      </details>
      <Preview answer={answer} label={title} />
    </section>
  );
}
