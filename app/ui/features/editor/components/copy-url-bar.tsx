import { useState } from 'react';
import type { Environment } from '../../../../shared/api-schemas.ts';
import { noUrlReason } from '../../../../shared/urls.ts';
import { Button } from '../../../components/button.tsx';
import { CopyIcon, LockIcon } from '../../../components/icons.tsx';
import { copyAssetUrl, versionUrl } from '../../../lib/copy-asset-url.ts';
import { kindOf, type PaneFile } from '../../../lib/files.ts';
import styles from './copy-url-bar.module.css';

/** Below the editor: the open asset's or function's URL on the selected environment, with Copy URL. */
export function CopyUrlBar({ asset, environment }: { asset: PaneFile; environment: Environment | null }) {
  const [copied, setCopied] = useState<string | null>(null);
  const version = asset.latest_version;
  if (!version) return null;
  const kind = kindOf(asset);
  const label = kind === 'asset' ? 'Asset URL' : 'Function URL';

  const reason = noUrlReason(version.visibility, kind);
  if (reason) {
    return (
      <div className={styles.bar} role="note" aria-label={label}>
        <LockIcon />
        <span className={styles.reason}>No URL: {reason}</span>
      </div>
    );
  }
  const url = versionUrl(version, environment);
  if (!url) {
    return (
      <div className={styles.bar} role="note" aria-label={label}>
        <span className={styles.reason}>Select an environment to get this {kind}'s URL.</span>
      </div>
    );
  }

  const copy = async () => setCopied(await copyAssetUrl(version, environment, undefined, kind));

  return (
    <div className={styles.bar} role="group" aria-label={label}>
      <Button size="small" icon={<CopyIcon size={14} />} onClick={() => void copy()}>
        Copy URL
      </Button>
      <span className={styles.url} title={url}>
        {url}
      </span>
      {version.visibility === 'protected' ? (
        <span className={styles.hint}>Protected: only requests signed with X-Twilio-Signature get it.</span>
      ) : null}
      <span className={styles.copied} role="status">
        {copied === url ? 'Copied to the clipboard' : ''}
      </span>
    </div>
  );
}
