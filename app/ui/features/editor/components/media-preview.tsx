import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AssetVersion } from '../../../../shared/api-schemas.ts';
import { Button } from '../../../components/button.tsx';
import { errorMessage } from '../../../components/error-boundary.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { assetContentQuery } from '../api/asset-content-query.ts';
import { AssetDetails } from './asset-details.tsx';
import styles from './media-preview.module.css';

/** An object URL for a blob, revoked when the blob changes or the component goes. */
function useObjectUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    const created = URL.createObjectURL(blob);
    // The URL is an external resource that must be revoked, so it is made and dropped here
    // (a useMemo'd URL would be revoked by StrictMode's extra cleanup and then reused).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUrl(created);
    return () => {
      URL.revokeObjectURL(created);
      setUrl(null);
    };
  }, [blob]);
  return url;
}

/** An image preview or an audio player for a version, with its details below. */
export function MediaPreview({ version, kind }: { version: AssetVersion; kind: 'image' | 'audio' }) {
  const content = useQuery(assetContentQuery(version));
  const url = useObjectUrl(content.data);
  const [dimensions, setDimensions] = useState<string | null>(null);

  return (
    <div className={styles.scroll}>
      <div className={kind === 'image' ? styles.stage : styles.audioStage}>
        {content.isError ? (
          <div className={styles.error} role="alert">
            <p>
              Could not load the {kind}: {errorMessage(content.error)}
            </p>
            <Button size="small" onClick={() => void content.refetch()}>
              Retry
            </Button>
          </div>
        ) : !url ? (
          <Spinner label={`Loading ${version.path}`} />
        ) : kind === 'image' ? (
          <img
            className={styles.image}
            src={url}
            alt={`Preview of ${version.path}`}
            onLoad={(e) => setDimensions(`${e.currentTarget.naturalWidth} × ${e.currentTarget.naturalHeight} px`)}
          />
        ) : (
          // User-uploaded audio comes without captions; there is no track to offer.
          // eslint-disable-next-line jsx-a11y/media-has-caption
          <audio className={styles.audio} src={url} controls preload="metadata" aria-label={`Play ${version.path}`} />
        )}
      </div>
      <AssetDetails version={version} extra={dimensions ? [['Dimensions', dimensions]] : undefined} />
    </div>
  );
}
