import { useState } from 'react';
import { toast } from '../../../components/toast-store.ts';
import { Button } from '../../../components/button.tsx';
import { CopyIcon } from '../../../components/icons.tsx';
import styles from './request-as-twilio-dialog.module.css';

const NOTE =
  'It embeds a signature valid only for this URL and these parameters: anyone who has it can repeat exactly this request, nothing else.';

/** The signed request as a shell command, with Copy (confirmed inside the dialog: a modal hides the toasts from screen readers). */
export function CurlCommand({ command }: { command: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied('Copied the curl command.');
      toast.success('Copied the curl command (its signature is valid only for this URL and these parameters)');
    } catch {
      setCopied('Could not use the clipboard; select the command below and copy it.');
    }
  };
  return (
    <section className={styles.curl} aria-labelledby="curl-title">
      <div className={styles.curlHeader}>
        <h3 id="curl-title" className={styles.subtitle}>
          Signed request as curl
        </h3>
        <span className={styles.copyLine}>
          <span role="status" className={styles.note}>
            {copied}
          </span>
          <Button size="small" icon={<CopyIcon />} onClick={() => void copy()}>
            Copy as curl
          </Button>
        </span>
      </div>
      <p className={styles.note}>{NOTE}</p>
      <textarea className={styles.command} readOnly rows={3} value={command} aria-label="curl command" />
    </section>
  );
}
